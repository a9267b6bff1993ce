package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out a timeline one event at a time, in sequence order, so that nobody has to keep the events: each
 * becomes its row at once (a point's label and a MAC address are one shared string however many rows show
 * them), and the rows of NAT pairs learn their pair at the end, when the pairs are known. Not thread-safe.
 */
public final class TimelineBuilder {
    private final LabNodes nodes;
    private final List<NetfilterPath> paths;
    private final List<Timeline.Row> rows = new ArrayList<>();
    private final Map<CapturePoint, String> labels = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();

    public TimelineBuilder(LabNodes nodes, List<NetfilterPath> paths) {
        this.nodes = nodes;
        this.paths = List.copyOf(paths);
    }

    /** The next event (its sequence number one more than the last one's). */
    public void add(PacketEvent event) {
        LabNodes.Hop hop = nodes.hop(event);
        rows.add(new Timeline.Row(event.sequence(), event.travel(), event.timestampNanos(),
                labels.computeIfAbsent(event.point(), CapturePoint::label), hop.from(), hop.to(),
                event.protocol().label(), shared(event.srcMac()), shared(event.dstMac()), event.summary(), null,
                pathOf(event)));
    }

    public int size() {
        return rows.size();
    }

    /** The timeline of every event added; {@code points} in the order to list them, {@code pairs} as found. */
    public Timeline build(List<CapturePoint> points, List<NatPair> pairs) {
        List<Timeline.Row> linked = new ArrayList<>(rows);
        long first = linked.isEmpty() ? 0 : linked.get(0).sequence();
        for (int i = pairs.size() - 1; i >= 0; i--) {
            // backwards, so that a row in two pairs ends up pointing at the first
            link(linked, pairs.get(i).before().sequence() - first, i);
            link(linked, pairs.get(i).after().sequence() - first, i);
        }
        List<Timeline.Pair> pairRows = pairs.stream().map(pair -> new Timeline.Pair(pair.kind().name(),
                pair.before().sequence(), pair.after().sequence(), pair.description())).toList();
        List<Timeline.Path> pathRows = paths.stream().map(path -> new Timeline.Path(path.ipId(), path.addresses(),
                path.hooks(), path.finalDecision(), path.steps())).toList();
        return new Timeline(nodes.lanes(), points.stream().map(CapturePoint::label).toList(), linked, pairRows,
                pathRows);
    }

    private static void link(List<Timeline.Row> rows, long index, int pair) {
        if (index >= 0 && index < rows.size()) {
            rows.set((int) index, rows.get((int) index).withNatPair(pair));
        }
    }

    private String shared(String mac) {
        return mac == null ? null : macs.computeIfAbsent(mac, same -> same);
    }

    private Integer pathOf(PacketEvent event) {
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).describes(event)) {
                return i;
            }
        }
        return null;
    }
}
