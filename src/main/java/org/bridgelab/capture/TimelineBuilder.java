package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays out a timeline one event at a time, in any order, so that nobody has to keep the events: each
 * becomes its row at once, laid out as the window's are ({@link TimelineRow#of}) (a point's label and a MAC address are one shared string however many rows show
 * them). At the end the rows are put in the kernel's time order and learn their NAT pair and netfilter
 * path: a path found by a sighting whose header the trace printed exactly is given to every sighting of the
 * same travelling packet, and a travel that two paths would fit gets none. Not thread-safe.
 */
public final class TimelineBuilder {
    private static final Comparator<Timeline.Row> KERNEL_ORDER =
            Comparator.comparingLong(Timeline.Row::timeNanos).thenComparingLong(Timeline.Row::sequence);

    private final LabNodes nodes;
    private final List<NetfilterPath> paths;
    private final Map<Integer, List<Integer>> pathsByIpId = new HashMap<>();
    private final Map<Long, Set<Integer>> pathCandidates = new HashMap<>();
    private final List<Timeline.Row> rows = new ArrayList<>();
    private final Map<CapturePoint, String> labels = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();

    public TimelineBuilder(LabNodes nodes, List<NetfilterPath> paths) {
        this.nodes = nodes;
        this.paths = List.copyOf(paths);
        for (int i = 0; i < this.paths.size(); i++) {
            pathsByIpId
                    .computeIfAbsent(this.paths.get(i).ipId(), id -> new ArrayList<>())
                    .add(i);
        }
    }

    public void add(PacketEvent event) {
        rows.add(rowOf(
                event,
                labels.computeIfAbsent(event.point(), CapturePoint::label),
                nodes,
                shared(event.srcMac()),
                shared(event.dstMac()),
                null));
        if (event.travel() != 0 && event.ipId() >= 0) {
            for (int index : pathsByIpId.getOrDefault(event.ipId(), List.of())) {
                if (paths.get(index).describes(event)) {
                    pathCandidates
                            .computeIfAbsent(event.travel(), travel -> new HashSet<>())
                            .add(index);
                }
            }
        }
    }

    public int size() {
        return rows.size();
    }

    /** The timeline of every event added; {@code points} in the order to list them, {@code pairs} as found. */
    public Timeline build(List<CapturePoint> points, List<NatPair> pairs) {
        Map<Long, Integer> pairBySequence = pairIndexBySequence(pairs);
        List<Timeline.Row> ordered = new ArrayList<>(rows.size());
        for (Timeline.Row row : rows) {
            Set<Integer> candidates = pathCandidates.get(row.travel());
            Integer path = candidates != null && candidates.size() == 1
                    ? candidates.iterator().next()
                    : null;
            ordered.add(row.linked(pairBySequence.get(row.sequence()), path));
        }
        ordered.sort(KERNEL_ORDER);
        List<Timeline.Path> pathRows = paths.stream()
                .map(path -> new Timeline.Path(
                        path.ipId(), path.addresses(), path.hooks(), path.finalDecision(), path.steps()))
                .toList();
        return new Timeline(
                nodes.lanes(), points.stream().map(CapturePoint::label).toList(), ordered, pairRows(pairs), pathRows);
    }

    /**
     * An event's row, laid out as the window lays its rows out ({@link TimelineRow#of}; no nodes, no lanes),
     * pointing to its NAT pair (or null) and to no netfilter path yet.
     */
    static Timeline.Row rowOf(
            PacketEvent event, String point, LabNodes nodes, String srcMac, String dstMac, Integer natPair) {
        return Timeline.Row.of(TimelineRow.of(event, nodes, sequence -> event), event, point, srcMac, dstMac, natPair);
    }

    /** Which pair each sighting's sequence number belongs to: its index in {@code pairs}, the first if two. */
    static Map<Long, Integer> pairIndexBySequence(List<NatPair> pairs) {
        Map<Long, Integer> pairBySequence = new HashMap<>();
        for (int i = pairs.size() - 1; i >= 0; i--) {
            // backwards, so that a row in two pairs ends up pointing at the first
            pairBySequence.put(pairs.get(i).before().sequence(), i);
            pairBySequence.put(pairs.get(i).after().sequence(), i);
        }
        return pairBySequence;
    }

    /**
     * {@link #pairIndexBySequence} for sequence numbers {@code 0..frames-1}, as an array (-1: no pair): a
     * file's million rows each look their pair up, and a boxed key and map lookup a row cost more than this.
     */
    static int[] pairIndexByPlace(List<NatPair> pairs, int frames) {
        int[] pairByPlace = new int[frames];
        java.util.Arrays.fill(pairByPlace, -1);
        for (int i = pairs.size() - 1; i >= 0; i--) {
            // backwards, so that a row in two pairs ends up pointing at the first
            pairByPlace[Math.toIntExact(pairs.get(i).before().sequence())] = i;
            pairByPlace[Math.toIntExact(pairs.get(i).after().sequence())] = i;
        }
        return pairByPlace;
    }

    static List<Timeline.Pair> pairRows(List<NatPair> pairs) {
        List<Timeline.Pair> rows = new ArrayList<>(pairs.size());
        for (NatPair pair : pairs) {
            // the field once: rewrite() would work it out again
            NatPair.Field field = pair.field();
            rows.add(new Timeline.Pair(
                    pair.kind().name(),
                    pair.before().sequence(),
                    pair.after().sequence(),
                    pair.node(),
                    field.name(),
                    pair.rewrite(field),
                    pair.description()));
        }
        return List.copyOf(rows);
    }

    private String shared(String mac) {
        return mac == null ? null : macs.computeIfAbsent(mac, same -> same);
    }
}
