package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects lines arriving on any thread and hands them to the FX thread in batches, at most one pending
 * hand-over at a time, instead of one runLater per line.
 */
final class LineBatcher<T> {
    private final TaskExecutor executor;
    private final Consumer<List<T>> sinkFx;
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;

    LineBatcher(TaskExecutor executor, Consumer<List<T>> sinkFx) {
        this.executor = executor;
        this.sinkFx = sinkFx;
    }

    void add(T item) {
        boolean schedule;
        synchronized (this) {
            pending.add(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.runOnFx(this::flushFx);
        }
    }

    private void flushFx() {
        List<T> batch;
        synchronized (this) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        if (!batch.isEmpty()) {
            sinkFx.accept(batch);
        }
    }
}
