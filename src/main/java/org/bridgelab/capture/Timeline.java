package org.bridgelab.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture session laid out for reading: one lane per lab node, every frame as a row between two lanes,
 * the NAT pairs and the netfilter paths, each row pointing to its pair and path. What {@code --timeline}
 * writes as JSON, and what a timeline view draws.
 */
public record Timeline(List<String> lanes, List<String> capturePoints, List<Row> events, List<Pair> natPairs,
                       List<Path> netfilterPaths) {

    public record Row(long sequence, long travel, long timeNanos, String point, String from, String to,
                      String protocol, String srcMac, String dstMac, String summary, Integer natPair,
                      Integer netfilterPath) {
    }

    public record Pair(String kind, long before, long after, String description) {
    }

    public record Path(int ipId, List<String> addresses, List<String> hooks, String finalDecision,
                       List<NetfilterStep> steps) {
    }

    /** Lays out everything the session holds; {@code nodes} resolves addresses to lanes. */
    public static Timeline of(CaptureSession session, LabNodes nodes) {
        return of(session.store(), session.natPairs(), session.netfilterPaths(), nodes);
    }

    public static Timeline of(PacketStore store, List<NatPair> pairs, List<NetfilterPath> paths, LabNodes nodes) {
        List<Row> rows = new ArrayList<>();
        for (long seq = store.firstSequence(); seq < store.nextSequence(); seq++) {
            PacketEvent event = store.event(seq);
            LabNodes.Hop hop = nodes.hop(event);
            rows.add(new Row(event.sequence(), event.travel(), event.timestampNanos(), event.point().label(),
                    hop.from(), hop.to(), event.protocol().label(), event.srcMac(), event.dstMac(), event.summary(),
                    pairOf(pairs, event.sequence()), pathOf(paths, event)));
        }
        List<Pair> pairRows = pairs.stream().map(pair -> new Pair(pair.kind().name(), pair.before().sequence(),
                pair.after().sequence(), pair.description())).toList();
        List<Path> pathRows = paths.stream().map(path -> new Path(path.ipId(), path.addresses(), path.hooks(),
                path.finalDecision(), path.steps())).toList();
        return new Timeline(nodes.lanes(), store.points().stream().map(CapturePoint::label).toList(), rows, pairRows,
                pathRows);
    }

    public void write(java.nio.file.Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    private static Integer pairOf(List<NatPair> pairs, long sequence) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).before().sequence() == sequence || pairs.get(i).after().sequence() == sequence) {
                return i;
            }
        }
        return null;
    }

    private static Integer pathOf(List<NetfilterPath> paths, PacketEvent event) {
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).describes(event)) {
                return i;
            }
        }
        return null;
    }
}
