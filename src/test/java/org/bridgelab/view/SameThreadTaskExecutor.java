package org.bridgelab.view;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs work and its hand-over at once on the calling thread: view models tested without a toolkit. What the FX
 * thread would do (hand-overs, {@link #runOnFx}) is done one at a time, as there, also when it comes from a
 * command's output thread; a test that acts while a command runs does so through {@link #fx}. Work asked for
 * during a hand-over runs right after it, outside it, as the FX thread hands work to the worker: run inside, it
 * would hold the FX side while it waits for locks a command's thread holds on its way to the FX side.
 */
final class SameThreadTaskExecutor implements TaskExecutor {
    private final ThreadLocal<Deque<Runnable>> askedDuringFx = ThreadLocal.withInitial(ArrayDeque::new);

    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccessFx, Consumer<Throwable> onFailureFx) {
        Runnable job = () -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                fx(() -> onFailureFx.accept(e));
                return;
            }
            fx(() -> onSuccessFx.accept(result));
        };
        if (Thread.holdsLock(this)) {
            askedDuringFx.get().add(job);
        } else {
            job.run();
        }
    }

    @Override
    public void runOnFx(Runnable update) {
        fx(update);
    }

    /** Runs {@code update} as the FX thread would: never at the same time as another; then the work it asked for. */
    void fx(Runnable update) {
        synchronized (this) {
            update.run();
        }
        if (!Thread.holdsLock(this)) {
            Deque<Runnable> asked = askedDuringFx.get();
            while (!asked.isEmpty()) {
                asked.poll().run();
            }
        }
    }

    /** Reads what the FX thread owns, between two of its updates. */
    synchronized <T> T fx(Supplier<T> read) {
        return read.get();
    }
}
