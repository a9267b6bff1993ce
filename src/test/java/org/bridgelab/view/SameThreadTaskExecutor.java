package org.bridgelab.view;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its hand-over at once on the calling thread: view models tested without a toolkit. */
final class SameThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccessFx, Consumer<Throwable> onFailureFx) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailureFx.accept(e);
            return;
        }
        onSuccessFx.accept(result);
    }

    @Override
    public void runOnFx(Runnable update) {
        update.run();
    }
}
