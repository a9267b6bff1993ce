package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises one packet seen at several capture points as one packet travelling, and a packet whose
 * addresses changed on the way as a NAT pair. Sightings are matched on what NAT leaves alone (IP id,
 * protocol, TCP sequence numbers, payload: {@link PacketEvent#identity()}) within a short window of kernel
 * time; the same addresses and ports mean the same hop chain, different ones a translation. A VXLAN packet
 * has the identity of the frame it carries ({@link PacketEvent#identity()}), so the tunnel's packets join the
 * frame's journey; their addresses are the tunnel's, so they are never taken for a translation of it.
 *
 * <p>Each capture point has its own tcpdump, so sightings arrive in any order. Everything here is decided by
 * kernel time, never by arrival: a pair is the last sighting before the rewrite and the first after it, and
 * whether a rewrite is a reply's reverse translation depends on whether the forward one is earlier in
 * kernel time. A sighting that improves an earlier answer returns the corrected pairs. Not thread-safe: the
 * capture session feeds it under its lock.
 */
public final class PacketCorrelator {
    /** A packet crosses the whole lab in microseconds; a retransmission comes much later. */
    static final long WINDOW_NANOS = 200_000_000L;
    /** Bounds for a long session: the oldest pairs go first. */
    static final int MAX_PAIRS = 100_000;
    /** Bounds for the journeys held: correlation needs only the recent ones. */
    static final int MAX_JOURNEYS = 10_000;

    private static final Comparator<NatPair> BY_KERNEL_TIME = Comparator.comparingLong(
                    (NatPair pair) -> pair.before().timestampNanos())
            .thenComparingLong(NatPair::travel);

    private final Map<Long, Journey> journeys = new LinkedHashMap<>();
    private final LinkedHashMap<Long, NatPair> pairsByTravel = new LinkedHashMap<>();
    /** The kernel time each rewrite (source A→B, destination B→A) was first seen at, and the pairs that made it. */
    private final Map<Rewrite, Long> earliest = new HashMap<>();

    private final Map<Rewrite, java.util.Deque<Long>> travelsByRewrite = new HashMap<>();
    private long lastTravel;

    /** What correlation found for one sighting: its travel number and the NAT pairs it found or corrected. */
    public record Correlation(long travel, List<NatPair> natPairs) {}

    public Correlation accept(PacketEvent event) {
        forgetOlderThan(event.timestampNanos() - 5 * WINDOW_NANOS);
        if (event.identity() == 0) {
            return new Correlation(++lastTravel, List.of());
        }
        Journey journey = journeys.get(event.identity());
        if (journey == null || Math.abs(event.timestampNanos() - journey.latest) > WINDOW_NANOS) {
            journey = new Journey(++lastTravel);
            journeys.remove(event.identity());
            journeys.put(event.identity(), journey);
            if (journeys.size() > MAX_JOURNEYS) {
                journeys.remove(journeys.keySet().iterator().next());
            }
        }
        journey.latest = Math.max(journey.latest, event.timestampNanos());
        journey.see(event.withTravel(journey.travel));
        NatPair translation = journey.translation();
        if (translation == null) {
            return new Correlation(journey.travel, List.of());
        }
        return new Correlation(journey.travel, record(translation));
    }

    /** The NAT pairs found so far (the latest {@value #MAX_PAIRS}), in kernel order of their rewrite. */
    public List<NatPair> natPairs() {
        List<NatPair> pairs = new ArrayList<>(pairsByTravel.values());
        pairs.sort(BY_KERNEL_TIME);
        return pairs;
    }

    /**
     * Keeps a journey's translation and names it; returns the pairs that are new or changed. A rewrite and
     * the one that undoes it (a reply through conntrack) are told apart by kernel time: whichever of the two
     * was seen first is the forward translation, every pair of the other is its reverse. So a pair is named
     * at once from the earliest time of its rewrite and of the reverse rewrite; only when a late sighting
     * changes which of the two came first are the pairs of both named again.
     */
    private List<NatPair> record(NatPair translation) {
        NatPair previous = pairsByTravel.get(translation.travel());
        if (previous != null) {
            withRewrite(Rewrite.of(previous)).remove(previous.travel());
        }
        Rewrite key = Rewrite.of(translation);
        Rewrite reverse = key.reverse();
        // which of the two rewrites came first: a new earliest time of one may turn the other into a reverse
        boolean wasReverse = isReverse(key, reverse);
        boolean wasUndone = isReverse(reverse, key);
        earliest.merge(key, translation.before().timestampNanos(), Math::min);
        withRewrite(key).add(translation.travel());
        List<NatPair> changed = new ArrayList<>();
        name(translation, changed);
        if (isReverse(key, reverse) != wasReverse || isReverse(reverse, key) != wasUndone) {
            for (Rewrite affected : List.of(key, reverse)) {
                for (long travel : List.copyOf(withRewrite(affected))) {
                    name(pairsByTravel.get(travel), changed);
                }
            }
        }
        while (pairsByTravel.size() > MAX_PAIRS) {
            NatPair oldest =
                    pairsByTravel.remove(pairsByTravel.keySet().iterator().next());
            Rewrite oldestKey = Rewrite.of(oldest);
            withRewrite(oldestKey).remove(oldest.travel());
            if (withRewrite(oldestKey).isEmpty()) {
                travelsByRewrite.remove(oldestKey);
                earliest.remove(oldestKey);
            }
        }
        return changed;
    }

    /** Stores the pair under the kind it has now; notes it in {@code changed} if that is news. */
    private void name(NatPair pair, List<NatPair> changed) {
        if (pair == null) {
            return;
        }
        Rewrite rewrite = Rewrite.of(pair);
        NatPair.Kind kind = kindOf(pair, isReverse(rewrite, rewrite.reverse()));
        NatPair named = pair.kind() == kind ? pair : new NatPair(kind, pair.travel(), pair.before(), pair.after());
        if (!named.equals(pairsByTravel.get(named.travel()))) {
            pairsByTravel.put(named.travel(), named);
            changed.remove(named);
            changed.add(named);
        }
    }

    /** Whether pairs with this rewrite undo an earlier one: the reverse rewrite was seen first. */
    private boolean isReverse(Rewrite key, Rewrite reverse) {
        Long mine = earliest.get(key);
        Long theirs = earliest.get(reverse);
        return mine != null && theirs != null && theirs < mine;
    }

    private java.util.Deque<Long> withRewrite(Rewrite key) {
        return travelsByRewrite.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
    }

    private static NatPair.Kind kindOf(NatPair pair, boolean reverse) {
        PacketEvent before = pair.before();
        PacketEvent after = pair.after();
        boolean srcChanged = !sameSource(before, after);
        boolean dstChanged = !sameDestination(before, after);
        if (srcChanged && dstChanged) {
            return NatPair.Kind.SNAT_AND_DNAT;
        }
        if (reverse) {
            return srcChanged ? NatPair.Kind.REVERSE_DNAT : NatPair.Kind.REVERSE_SNAT;
        }
        return srcChanged ? NatPair.Kind.SNAT : NatPair.Kind.DNAT;
    }

    /**
     * What a translation rewrote: the source from A to B, or else the destination (an address and a port, or
     * the ICMP echo id, each).
     */
    private record Rewrite(boolean source, String fromIp, int fromPort, String toIp, int toPort) {

        static Rewrite of(NatPair pair) {
            PacketEvent before = pair.before();
            PacketEvent after = pair.after();
            return sameSource(before, after)
                    ? new Rewrite(false, before.dstIp(), before.dstPort(), after.dstIp(), after.dstPort())
                    : new Rewrite(true, before.srcIp(), before.srcPort(), after.srcIp(), after.srcPort());
        }

        /** The rewrite that undoes this one on a reply: a source rewrite A→B is undone by a destination B→A. */
        Rewrite reverse() {
            return new Rewrite(!source, toIp, toPort, fromIp, fromPort);
        }
    }

    private static boolean sameSource(PacketEvent one, PacketEvent other) {
        return one.srcPort() == other.srcPort() && Objects.equals(one.srcIp(), other.srcIp());
    }

    private static boolean sameDestination(PacketEvent one, PacketEvent other) {
        return one.dstPort() == other.dstPort() && Objects.equals(one.dstIp(), other.dstIp());
    }

    /** The same protocol, addresses and ports: the same address tuple of a journey. */
    private static boolean sameFlow(PacketEvent one, PacketEvent other) {
        return one.protocol() == other.protocol() && sameSource(one, other) && sameDestination(one, other);
    }

    private void forgetOlderThan(long nanos) {
        Iterator<Journey> oldest = journeys.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().latest >= nanos) {
                return;
            }
            oldest.remove();
        }
    }

    /** One packet's journey: the different address tuples it has been seen with. */
    private static final class Journey {
        final long travel;
        final List<Variant> variants = new ArrayList<>(2);
        long latest = Long.MIN_VALUE;

        Journey(long travel) {
            this.travel = travel;
        }

        void see(PacketEvent event) {
            if (event.tunnelled()) {
                // the outer addresses are the tunnel ends', not a rewrite of the frame's; copies of a frame
                // flooded to several tunnel ends differ in them without any NAT either
                return;
            }
            for (Variant variant : variants) {
                if (sameFlow(variant.sightings.get(0), event)) {
                    variant.see(event);
                    return;
                }
            }
            variants.add(new Variant(event));
        }

        /**
         * The first translation in kernel time: the last sighting of the earliest address tuple before the
         * next tuple appeared, and that tuple's first sighting. Null while only one tuple was seen.
         */
        NatPair translation() {
            if (variants.size() < 2) {
                return null;
            }
            List<Variant> ordered = new ArrayList<>(variants);
            ordered.sort(
                    Comparator.comparingLong(variant -> variant.sightings.get(0).timestampNanos()));
            PacketEvent after = ordered.get(1).sightings.get(0);
            PacketEvent before = ordered.get(0).lastBefore(after.timestampNanos());
            return new NatPair(NatPair.Kind.SNAT, travel, before, after);
        }
    }

    /** The sightings of one address tuple, in kernel order. */
    private static final class Variant {
        final List<PacketEvent> sightings = new ArrayList<>(2);

        Variant(PacketEvent first) {
            sightings.add(first);
        }

        void see(PacketEvent event) {
            int at = sightings.size();
            while (at > 0 && sightings.get(at - 1).timestampNanos() > event.timestampNanos()) {
                at--;
            }
            sightings.add(at, event);
        }

        PacketEvent lastBefore(long nanos) {
            PacketEvent last = sightings.get(0);
            for (PacketEvent sighting : sightings) {
                if (sighting.timestampNanos() <= nanos) {
                    last = sighting;
                }
            }
            return last;
        }
    }
}
