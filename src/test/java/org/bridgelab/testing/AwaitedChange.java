package org.bridgelab.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bridgelab.kernel.Change;
import org.bridgelab.kernel.TopologyChange;

/** Waits for the kernel monitor to deliver a change, by the words it describes it in. */
public final class AwaitedChange {
    private AwaitedChange() {}

    /**
     * The first change delivered to {@code changes} within {@code timeout} that says {@code description}
     * ("bridge probe0 added in host"); the ones before it are taken off the queue. Fails naming what was seen.
     */
    public static TopologyChange of(BlockingQueue<TopologyChange> changes, String description, Duration timeout)
            throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TopologyChange change = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (change == null) {
                break;
            }
            List<String> said =
                    change.changes().stream().map(Change::description).toList();
            if (said.contains(description)) {
                return change;
            }
            seen.addAll(said);
        }
        throw new AssertionError("no change \"" + description + "\" within " + timeout.toSeconds() + " s; saw " + seen);
    }
}
