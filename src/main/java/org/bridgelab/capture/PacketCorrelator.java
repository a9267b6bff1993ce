package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
            if (group != null && group.remove(oldest) && group.pairs.isEmpty()) {
                conversations.remove(conversationOf(oldest));
            }
        }
        return changed;
    }

    /**
     * The pairs of one conversation in kernel order, each named in the light of the ones before it: a rewrite
     * is the reverse of an earlier forward rewrite that undid the same change the other way (a reply through
     * conntrack); otherwise it is a forward SNAT or DNAT of its own. Naming is incremental: the first
     * {@code named} pairs are named, and the forward rewrites among them counted, so a pair arriving in kernel
     * order is named alone, and one arriving late renames only the pairs after it (a long ping through NAT is
     * one conversation of many thousand pairs).
     */
    private final class Conversation {
        final List<NatPair> pairs = new ArrayList<>();
        /** The rewrite keys of the forward translations among the named pairs, with how many have each. */
        final Map<String, Integer> forward = new HashMap<>();
        int named;

        void insert(NatPair pair) {
            int at = Collections.binarySearch(pairs, pair, BY_KERNEL_TIME);
            at = at < 0 ? -at - 1 : at + 1;
            unname(at);
            pairs.add(at, pair);
        }

        boolean remove(NatPair pair) {
            int at = Collections.binarySearch(pairs, pair, BY_KERNEL_TIME);
            if (at < 0 || !pairs.get(at).equals(pair)) {
                at = pairs.indexOf(pair);
            }
            if (at < 0) {
                return false;
            }
            unname(at);
            pairs.remove(at);
            return true;
        }

        /** Forgets the names from {@code at} on: they may change with what comes before them. */
        private void unname(int at) {
            for (int i = at; i < named; i++) {
                if (isForward(pairs.get(i).kind())) {
                    forward.merge(rewriteKey(pairs.get(i)), -1, (count, minus) -> count + minus == 0 ? null : count + minus);
                }
            }
            named = Math.min(named, at);
        }

        /** Names the pairs not named yet; those whose kind or sightings changed are stored and added to {@code changed}. */
        void classify(List<NatPair> changed) {
            for (int i = named; i < pairs.size(); i++) {
                NatPair pair = pairs.get(i);
                NatPair.Kind kind = kindOf(pair, forward.keySet());
                if (isForward(kind)) {
                    forward.merge(rewriteKey(pair), 1, Integer::sum);
                }
                NatPair renamed = pair.kind() == kind ? pair : new NatPair(kind, pair.travel(), pair.before(), pair.after());
                pairs.set(i, renamed);
                if (!renamed.equals(pairsByTravel.get(renamed.travel()))) {
                    pairsByTravel.put(renamed.travel(), renamed);
                    changed.add(renamed);
                }
            }
            named = pairs.size();
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
