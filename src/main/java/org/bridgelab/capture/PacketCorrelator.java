package org.bridgelab.capture;

import java.util.ArrayList;
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
 * time; the same addresses and ports mean the same hop chain, different ones a translation. Not thread-safe:
 * the capture session feeds it under its lock.
 */
public final class PacketCorrelator {
    /** A packet crosses the whole lab in microseconds; a retransmission comes much later. */
    static final long WINDOW_NANOS = 200_000_000L;

    private final Map<Long, Journey> journeys = new LinkedHashMap<>();
    private final Map<String, String> snatted = new HashMap<>();
    private final Map<String, String> dnatted = new HashMap<>();
    /** Bounds for a long session: the oldest pairs go first. */
    static final int MAX_PAIRS = 100_000;

    private final java.util.ArrayDeque<NatPair> natPairs = new java.util.ArrayDeque<>();
    private long lastTravel;

    /** What correlation found for one sighting. */
    public record Correlation(long travel, NatPair natPair) {
    }

    public Correlation accept(PacketEvent event) {
        forgetOlderThan(event.timestampNanos() - 5 * WINDOW_NANOS);
        if (event.identity() == 0) {
            return new Correlation(++lastTravel, null);
        }
        Journey journey = journeys.get(event.identity());
        if (journey == null || Math.abs(event.timestampNanos() - journey.latest) > WINDOW_NANOS) {
            journey = new Journey(++lastTravel);
            journeys.remove(event.identity());
            journeys.put(event.identity(), journey);
        }
        journey.latest = Math.max(journey.latest, event.timestampNanos());
        String flow = flowOf(event);
        Variant same = null;
        for (Variant variant : journey.variants) {
            if (variant.flow.equals(flow)) {
                same = variant;
            }
        }
        if (same != null) {
            if (event.timestampNanos() < same.first.timestampNanos()) {
                same.first = event;
            }
            return new Correlation(journey.travel, null);
        }
        NatPair pair = null;
        if (!journey.variants.isEmpty()) {
            pair = pair(journey.variants, event);
        }
        journey.variants.add(new Variant(flow, event));
        return new Correlation(journey.travel, pair);
    }

    /** The NAT pairs found so far (the latest {@value #MAX_PAIRS}), in the order found. */
    public List<NatPair> natPairs() {
        return List.copyOf(natPairs);
    }

    private NatPair pair(List<Variant> variants, PacketEvent event) {
        PacketEvent before = null;
        PacketEvent after = null;
        for (Variant variant : variants) {
            long t = variant.first.timestampNanos();
            if (t <= event.timestampNanos() && (before == null || t > before.timestampNanos())) {
                before = variant.first;
            }
            if (t > event.timestampNanos() && (after == null || t < after.timestampNanos())) {
                after = variant.first;
            }
        }
        NatPair pair = before != null ? translation(before, event) : translation(event, after);
        natPairs.addLast(pair);
        if (natPairs.size() > MAX_PAIRS) {
            natPairs.removeFirst();
        }
        return pair;
    }

    private NatPair translation(PacketEvent before, PacketEvent after) {
        String fromSrc = endpoint(before.srcIp(), before.srcPort());
        String toSrc = endpoint(after.srcIp(), after.srcPort());
        String fromDst = endpoint(before.dstIp(), before.dstPort());
        String toDst = endpoint(after.dstIp(), after.dstPort());
        boolean srcChanged = !fromSrc.equals(toSrc);
        boolean dstChanged = !fromDst.equals(toDst);
        NatPair.Kind kind;
        if (srcChanged && dstChanged) {
            kind = NatPair.Kind.SNAT_AND_DNAT;
        } else if (srcChanged) {
            kind = toSrc.equals(dnatted.get(fromSrc)) ? NatPair.Kind.REVERSE_DNAT : NatPair.Kind.SNAT;
            if (kind == NatPair.Kind.SNAT) {
                snatted.put(toSrc, fromSrc);
            }
        } else {
            kind = toDst.equals(snatted.get(fromDst)) ? NatPair.Kind.REVERSE_SNAT : NatPair.Kind.DNAT;
            if (kind == NatPair.Kind.DNAT) {
                dnatted.put(toDst, fromDst);
            }
        }
        return new NatPair(kind, before, after);
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

    private static String flowOf(PacketEvent event) {
        return event.protocol() + " " + endpoint(event.srcIp(), event.srcPort()) + ">" + endpoint(event.dstIp(), event.dstPort());
    }

    private static String endpoint(String ip, int port) {
        return Objects.toString(ip) + ":" + port;
    }

    /** One packet's journey: the different address tuples it has been seen with. */
    private static final class Journey {
        final long travel;
        final List<Variant> variants = new ArrayList<>(2);
        long latest = Long.MIN_VALUE;

        Journey(long travel) {
            this.travel = travel;
        }
    }

    private static final class Variant {
        final String flow;
        PacketEvent first;

        Variant(String flow, PacketEvent first) {
            this.flow = flow;
            this.first = first;
        }
    }
}
