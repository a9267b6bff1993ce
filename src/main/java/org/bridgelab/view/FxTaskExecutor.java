package org.bridgelab.view;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs lab work on one background thread and reports back through {@link Platform#runLater}. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bridgelab-lab");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccessFx, Consumer<Throwable> onFailureFx) {
        worker.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccessFx.accept(result));
            } catch (Exception | Error e) {
                Platform.runLater(() -> onFailureFx.accept(e));
            }
        });
    }

    @Override
    public void runOnFx(Runnable update) {
        Platform.runLater(update);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
