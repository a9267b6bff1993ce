package org.bridgelab.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A capture session laid out for reading: one lane per lab node, every sighting of a frame as a row between
 * two lanes in the kernel's time order (the capture points' tcpdumps deliver in any order; they share the
 * host's clock), the NAT pairs and the netfilter paths, each row pointing to its pair and path. What
 * {@code --timeline} writes as JSON, and what a timeline view draws.
 */
public record Timeline(List<String> lanes, List<String> capturePoints, List<Row> events, List<Pair> natPairs,
                       List<Path> netfilterPaths) {

    /**
     * @param flow          the addresses and ports as seen here: "172.18.0.2 > 198.51.100.10",
     *                      "192.0.2.50:41234 > 192.0.2.183:80"
     * @param netfilterPath the traced path of this packet: the trace showed exactly this header, or it showed
     *                      the header of another sighting of the same travelling packet; null if unknown or
     *                      if more than one path would fit
     */
    public record Row(long sequence, long travel, long timeNanos, String point, String from, String to,
                      String protocol, String flow, String srcMac, String dstMac, String summary, Integer natPair,
                      Integer netfilterPath) {
    }

    /**
     * @param node    the node that made the translation (both sightings were captured there), or null if the
     *                sightings do not show it
     * @param field   SOURCE, DESTINATION or BOTH: what was rewritten
     * @param rewrite the rewritten part, old → new
     */
    public record Pair(String kind, long before, long after, String node, String field, String rewrite,
                       String description) {
    }

    public record Path(int ipId, List<String> addresses, List<String> hooks, String finalDecision,
                       List<NetfilterStep> steps) {
    }

    /** Lays out everything the session holds; {@code nodes} resolves addresses to lanes. */
    public static Timeline of(CaptureSession session, LabNodes nodes) {
        return of(session.store(), session.natPairs(), session.netfilterPaths(), nodes);
    }

    public static Timeline of(PacketStore store, List<NatPair> pairs, List<NetfilterPath> paths, LabNodes nodes) {
        List<PacketEvent> events = new ArrayList<>();
        for (long seq = store.firstSequence(); seq < store.nextSequence(); seq++) {
            events.add(store.event(seq));
        }
        events.sort(Comparator.comparingLong(PacketEvent::timestampNanos).thenComparingLong(PacketEvent::sequence));
        Map<Long, Integer> pairBySequence = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            pairBySequence.put(pairs.get(i).before().sequence(), i);
            pairBySequence.put(pairs.get(i).after().sequence(), i);
        }
        Map<Long, Integer> pathByTravel = pathsByTravel(events, paths);
        List<Row> rows = new ArrayList<>(events.size());
        for (PacketEvent event : events) {
            LabNodes.Hop hop = nodes.hop(event);
            rows.add(new Row(event.sequence(), event.travel(), event.timestampNanos(), event.point().label(),
                    hop.from(), hop.to(), event.protocol().label(), event.flow(), event.srcMac(), event.dstMac(),
                    event.summary(), pairBySequence.get(event.sequence()), pathByTravel.get(event.travel())));
        }
        List<Pair> pairRows = pairs.stream().map(pair -> new Pair(pair.kind().name(), pair.before().sequence(),
                pair.after().sequence(), pair.node(), pair.field().name(), pair.rewrite(), pair.description())).toList();
        List<Path> pathRows = paths.stream().map(path -> new Path(path.ipId(), path.addresses(), path.hooks(),
                path.finalDecision(), path.steps())).toList();
        return new Timeline(nodes.lanes(), store.points().stream().map(CapturePoint::label).toList(), rows, pairRows,
                pathRows);
    }

    public void write(java.nio.file.Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /**
     * The one path each travelling packet took: found by a sighting whose header a trace shows exactly, and
     * given to every sighting of the same travel. A travel that two paths would fit gets none.
     */
    private static Map<Long, Integer> pathsByTravel(List<PacketEvent> events, List<NetfilterPath> paths) {
        Map<Integer, List<Integer>> byIpId = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            byIpId.computeIfAbsent(paths.get(i).ipId(), id -> new ArrayList<>()).add(i);
        }
        Map<Long, Set<Integer>> candidates = new HashMap<>();
        for (PacketEvent event : events) {
            if (event.travel() == 0 || event.ipId() < 0) {
                continue;
            }
            for (int index : byIpId.getOrDefault(event.ipId(), List.of())) {
                if (paths.get(index).describes(event)) {
                    candidates.computeIfAbsent(event.travel(), travel -> new HashSet<>()).add(index);
                }
            }
        }
        Map<Long, Integer> unique = new HashMap<>();
        candidates.forEach((travel, found) -> {
            if (found.size() == 1) {
                unique.put(travel, found.iterator().next());
            }
        });
        return unique;
    }
}
