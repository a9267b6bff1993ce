package org.bridgelab.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
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

        /** The same row, pointing to NAT pair {@code pair}. */
        public Row withNatPair(Integer pair) {
            return new Row(sequence, travel, timeNanos, point, from, to, protocol, srcMac, dstMac, summary, pair,
                    netfilterPath);
        }
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
        TimelineBuilder builder = new TimelineBuilder(nodes, paths);
        for (long seq = store.firstSequence(); seq < store.nextSequence(); seq++) {
            builder.add(store.event(seq));
        }
        return builder.build(store.points(), pairs);
    }

    public void write(java.nio.file.Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
