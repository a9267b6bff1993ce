package org.bridgelab.capture;

import java.io.IOException;
import java.util.List;

/**
 * A capture session laid out for reading: one lane per lab node, every sighting of a frame as a row between
 * two lanes in the kernel's time order (the capture points' tcpdumps deliver in any order; they share the
 * host's clock), the NAT pairs and the netfilter paths, each row pointing to its pair and path. What
 * {@code --timeline} writes as JSON, and what a timeline view draws.
 */
public record Timeline(
        List<String> lanes,
        List<String> capturePoints,
        List<Row> events,
        List<Pair> natPairs,
        List<Path> netfilterPaths) {

    /**
     * @param flow          the addresses and ports as seen here: "172.18.0.2 > 198.51.100.10",
     *                      "192.0.2.50:41234 > 192.0.2.183:80"
     * @param netfilterPath the traced path of this packet: the trace showed exactly this header, or it showed
     *                      the header of another sighting of the same travelling packet; null if unknown or
     *                      if more than one path would fit
     */
    public record Row(
            long sequence,
            long travel,
            long timeNanos,
            String point,
            String from,
            String to,
            String protocol,
            String flow,
            String srcMac,
            String dstMac,
            String summary,
            Integer natPair,
            Integer netfilterPath) {

        /**
         * The JSON form of a laid-out sighting ({@link TimelineRow}, the one row model of every timeline), with
         * the words of its decoded packet.
         */
        public static Row of(
                TimelineRow row, PacketEvent event, String point, String srcMac, String dstMac, Integer natPair) {
            return new Row(
                    row.sequence(),
                    row.travel(),
                    row.timeNanos(),
                    point,
                    row.from(),
                    row.to(),
                    row.protocol().label(),
                    event.flow(),
                    srcMac,
                    dstMac,
                    event.summary(),
                    natPair,
                    null);
        }

        /** The same row, pointing to its NAT pair and netfilter path. */
        public Row linked(Integer pair, Integer path) {
            return new Row(
                    sequence, travel, timeNanos, point, from, to, protocol, flow, srcMac, dstMac, summary, pair, path);
        }
    }

    /**
     * @param node    the node that made the translation (both sightings were captured there), or null if the
     *                sightings do not show it
     * @param field   SOURCE, DESTINATION or BOTH: what was rewritten
     * @param rewrite the rewritten part, old → new
     */
    public record Pair(
            String kind, long before, long after, String node, String field, String rewrite, String description) {}

    public record Path(
            int ipId, List<String> addresses, List<String> hooks, String finalDecision, List<NetfilterStep> steps) {}

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

    /** This timeline as indented JSON, the shape {@link TimelineJson} streams. */
    public void write(java.nio.file.Path file) throws IOException {
        TimelineJson.write(file, this);
    }
}
