package org.bridgelab.view;

/**
 * The pace of live mode's packet tokens. A packet crosses all its hops, and its reply comes back, within
 * microseconds: drawn as they arrive, every hop lights at once and request and reply move together. Here
 * the sightings of one exchange (each within {@link #EXCHANGE_GAP_NANOS} of kernel time of the one before)
 * start one after another in the order the kernel saw them, {@code stepMillis} apart, so the token visibly
 * goes hop by hop; an exchange never takes longer than {@code windowMillis} to draw, so live mode never falls
 * behind the kernel by more than that. Sightings must be given in kernel order. No JavaFX, so it is tested
 * with plain numbers.
 */
final class LivePace {
    /** Sightings closer than this in kernel time belong to one exchange (a ping and its reply take ~100 µs). */
    static final long EXCHANGE_GAP_NANOS = 20_000_000;

    private final long stepMillis;
    private final long windowMillis;
    private long exchangeStartedAtMillis;
    private long lastKernelNanos = Long.MIN_VALUE;
    private int index;

    LivePace(long stepMillis, long windowMillis) {
        this.stepMillis = stepMillis;
        this.windowMillis = windowMillis;
    }

    /** How long to wait, from {@code nowMillis}, before drawing a sighting the kernel made at {@code kernelNanos}. */
    long delayMillis(long kernelNanos, long nowMillis) {
        boolean sameExchange = lastKernelNanos != Long.MIN_VALUE
                && kernelNanos - lastKernelNanos <= EXCHANGE_GAP_NANOS
                && (index + 1) * stepMillis <= windowMillis;
        if (!sameExchange) {
            exchangeStartedAtMillis = nowMillis;
            index = 0;
        } else {
            index++;
        }
        lastKernelNanos = Math.max(lastKernelNanos, kernelNanos);
        return Math.max(0, exchangeStartedAtMillis + index * stepMillis - nowMillis);
    }
}
