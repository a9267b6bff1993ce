package org.bridgelab.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A listener that keeps what a session announces and lets a test wait for it. */
final class PacketLog implements PacketListener {
    private final List<PacketEvent> events = new ArrayList<>();
    private final List<NatPair> pairs = new ArrayList<>();

    @Override
    public synchronized void packet(PacketEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void natPair(NatPair pair) {
        // a corrected pair replaces the one told before for the same packet
        pairs.removeIf(told -> told.travel() == pair.travel());
        pairs.add(pair);
        notifyAll();
    }

    synchronized List<PacketEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<NatPair> pairs() {
        return List.copyOf(pairs);
    }

    /** Waits until the events so far satisfy the condition; false if the time ran out first. */
    boolean awaitEvents(Predicate<List<PacketEvent>> condition, Duration timeout) {
        return await(() -> condition.test(events), timeout);
    }

    boolean awaitPairs(Predicate<List<NatPair>> condition, Duration timeout) {
        return await(() -> condition.test(pairs), timeout);
    }

    private synchronized boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
