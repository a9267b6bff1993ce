package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recognises one packet seen at several capture points as one packet travelling, and a packet whose
 * addresses changed on the way as a NAT pair. Sightings are matched on what NAT leaves alone (IP id,
 * protocol, TCP sequence numbers, payload: {@link PacketEvent#identity()}) within a short window of kernel
 * time; the same addresses and ports mean the same hop chain, different ones a translation.
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
    private static final Comparator<NatPair> BY_KERNEL_TIME =
            Comparator.comparingLong((NatPair pair) -> pair.before().timestampNanos()).thenComparingLong(NatPair::travel);

    private final Map<Long, Journey> journeys = new LinkedHashMap<>();
    private final LinkedHashMap<Long, NatPair> pairsByTravel = new LinkedHashMap<>();
    /** Pairs between the same two endpoints, either direction, in kernel order: a flow and its replies. */
    private final Map<String, Conversation> conversations = new HashMap<>();
    private long lastTravel;

    /** What correlation found for one sighting: its travel number and the NAT pairs it found or corrected. */
    public record Correlation(long travel, List<NatPair> natPairs) {
    }

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

    /** Keeps a journey's translation, classifies it and its conversation again; returns what changed. */
    private List<NatPair> record(NatPair translation) {
        NatPair previous = pairsByTravel.get(translation.travel());
        if (previous != null) {
            Conversation old = conversations.get(conversationOf(previous));
            if (old != null) {
                old.remove(previous);
            }
        }
        Conversation conversation = conversations.computeIfAbsent(conversationOf(translation), key -> new Conversation());
        conversation.insert(translation);
        List<NatPair> changed = new ArrayList<>();
        conversation.classify(changed);
        while (pairsByTravel.size() > MAX_PAIRS) {
            NatPair oldest = pairsByTravel.remove(pairsByTravel.keySet().iterator().next());
            Conversation group = conversations.get(conversationOf(oldest));
            if (group != null && group.forget(oldest) && group.pairs.isEmpty()) {
                conversations.remove(conversationOf(oldest));
            }
        }
        return changed;
    }

    /**
     * The pairs of one conversation in kernel order, each named in the light of the ones before it: a rewrite
     * is the reverse of an earlier forward rewrite that undid the same change the other way (a reply through
     * conntrack); otherwise it is a forward SNAT or DNAT of its own. Naming is incremental: the pairs before
     * {@code firstUnnamed} are named and the forward rewrites among them counted, so a pair arriving in
     * kernel order is named alone, and one arriving late renames only the pairs after it (a long ping through
     * NAT is one conversation of many thousand pairs). A pair dropped for the bound leaves its forward rewrite
     * counted: a reply is still a reverse translation when its request's pair is no longer held.
     */
    private final class Conversation {
        /** Each pair under itself as key (kernel time and travel, which a new name does not change). */
        final TreeMap<NatPair, NatPair> pairs = new TreeMap<>(BY_KERNEL_TIME);
        /** The rewrite keys of the forward translations among the named pairs, with how many have each. */
        final Map<String, Integer> forward = new HashMap<>();
        /** The first pair not named yet, or null when all are. */
        NatPair firstUnnamed;

        void insert(NatPair pair) {
            unnameFrom(pair);
            pairs.put(pair, pair);
        }

        boolean remove(NatPair pair) {
            if (!pairs.containsKey(pair)) {
                return false;
            }
            unnameFrom(pair);
            pairs.remove(pair);
            firstUnnamed = pairs.ceilingKey(pair);
            return true;
        }

        /** Drops the oldest pair for the bound; its forward rewrite stays counted, the others keep their names. */
        boolean forget(NatPair pair) {
            if (pair.equals(firstUnnamed)) {
                firstUnnamed = pairs.higherKey(pair);
            }
            return pairs.remove(pair) != null;
        }

        /** Forgets the names from {@code pair} (held or not) on: they may change with what comes before them. */
        private void unnameFrom(NatPair pair) {
            if (firstUnnamed != null && BY_KERNEL_TIME.compare(firstUnnamed, pair) <= 0) {
                return;
            }
            for (NatPair named : pairs.tailMap(pair, true).values()) {
                if (firstUnnamed != null && BY_KERNEL_TIME.compare(named, firstUnnamed) >= 0) {
                    break;
                }
                if (isForward(named.kind())) {
                    forward.merge(rewriteKey(named), -1, (count, minus) -> count + minus == 0 ? null : count + minus);
                }
            }
            firstUnnamed = pair;
        }

        /** Names the pairs not named yet; those whose kind or sightings changed are stored and added to {@code changed}. */
        void classify(List<NatPair> changed) {
            if (firstUnnamed == null) {
                return;
            }
            for (Map.Entry<NatPair, NatPair> entry : pairs.tailMap(firstUnnamed, true).entrySet()) {
                NatPair pair = entry.getValue();
                NatPair.Kind kind = kindOf(pair, forward.keySet());
                if (isForward(kind)) {
                    forward.merge(rewriteKey(pair), 1, Integer::sum);
                }
                NatPair renamed = pair.kind() == kind ? pair : new NatPair(kind, pair.travel(), pair.before(), pair.after());
                entry.setValue(renamed);
                if (!renamed.equals(pairsByTravel.get(renamed.travel()))) {
                    pairsByTravel.put(renamed.travel(), renamed);
                    changed.add(renamed);
                }
            }
            firstUnnamed = null;
        }
    }

    private static boolean isForward(NatPair.Kind kind) {
        return kind == NatPair.Kind.SNAT || kind == NatPair.Kind.DNAT;
    }

    private static NatPair.Kind kindOf(NatPair pair, Set<String> earlierForward) {
        PacketEvent before = pair.before();
        PacketEvent after = pair.after();
        boolean srcChanged = !endpoint(before.srcIp(), before.srcPort()).equals(endpoint(after.srcIp(), after.srcPort()));
        boolean dstChanged = !endpoint(before.dstIp(), before.dstPort()).equals(endpoint(after.dstIp(), after.dstPort()));
        if (srcChanged && dstChanged) {
            return NatPair.Kind.SNAT_AND_DNAT;
        }
        if (earlierForward.contains(reverseKey(pair))) {
            return srcChanged ? NatPair.Kind.REVERSE_DNAT : NatPair.Kind.REVERSE_SNAT;
        }
        return srcChanged ? NatPair.Kind.SNAT : NatPair.Kind.DNAT;
    }

    /** "src A>B": the source rewritten from A to B; "dst A>B" likewise. */
    private static String rewriteKey(NatPair pair) {
        PacketEvent before = pair.before();
        PacketEvent after = pair.after();
        String fromSrc = endpoint(before.srcIp(), before.srcPort());
        String toSrc = endpoint(after.srcIp(), after.srcPort());
        return fromSrc.equals(toSrc)
                ? "dst " + endpoint(before.dstIp(), before.dstPort()) + ">" + endpoint(after.dstIp(), after.dstPort())
                : "src " + fromSrc + ">" + toSrc;
    }

    /** The rewrite that undoes this one on a reply: a source rewrite A→B is undone by a destination B→A. */
    private static String reverseKey(NatPair pair) {
        String key = rewriteKey(pair);
        String[] parts = key.substring(4).split(">", 2);
        return (key.startsWith("src") ? "dst " : "src ") + parts[1] + ">" + parts[0];
    }

    /** The rewritten endpoints, whichever way round: a forward rewrite and its reverse share it. */
    private static String conversationOf(NatPair pair) {
        String[] parts = rewriteKey(pair).substring(4).split(">", 2);
        return parts[0].compareTo(parts[1]) < 0 ? parts[0] + "|" + parts[1] : parts[1] + "|" + parts[0];
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

        void see(PacketEvent event) {
            String flow = flowOf(event);
            for (Variant variant : variants) {
                if (variant.flow.equals(flow)) {
                    variant.see(event);
                    return;
                }
            }
            variants.add(new Variant(flow, event));
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
            ordered.sort(Comparator.comparingLong(variant -> variant.sightings.get(0).timestampNanos()));
            PacketEvent after = ordered.get(1).sightings.get(0);
            PacketEvent before = ordered.get(0).lastBefore(after.timestampNanos());
            return new NatPair(NatPair.Kind.SNAT, travel, before, after);
        }
    }

    /** The sightings of one address tuple, in kernel order. */
    private static final class Variant {
        final String flow;
        final List<PacketEvent> sightings = new ArrayList<>(2);

        Variant(String flow, PacketEvent first) {
            this.flow = flow;
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
