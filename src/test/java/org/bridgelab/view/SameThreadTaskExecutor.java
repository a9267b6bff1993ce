package org.bridgelab.view;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work and its hand-over at once on the calling thread: view models tested without a toolkit. What the FX
 * thread would do (hand-overs, {@link #runOnFx}) is done one at a time, as there, also when it comes from a
 * command's output thread; a test that acts while a command runs does so through {@link #fx}.
 */
final class SameThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccessFx, Consumer<Throwable> onFailureFx) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            fx(() -> onFailureFx.accept(e));
            return;
        }
        fx(() -> onSuccessFx.accept(result));
    }

    @Override
    public void runOnFx(Runnable update) {
        fx(update);
    }

    /** Runs {@code update} as the FX thread would: never at the same time as another. */
    synchronized void fx(Runnable update) {
        update.run();
    }

    /** Reads what the FX thread owns, between two of its updates. */
    synchronized <T> T fx(java.util.function.Supplier<T> read) {
        return read.get();
    }
}
