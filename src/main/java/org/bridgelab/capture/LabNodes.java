package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.OutsideWorld;

/**
 * Who is who on the wire: MAC and IP addresses resolved to the lab's nodes (docker0, docker1, host, router,
 * internet, remote) from kernel snapshots, so that a timeline has one lane per node. Snapshots are merged,
 * never forgotten, since a lesson's teardown removes nodes whose packets are still on the timeline.
 */
public final class LabNodes {
    private static final Comparator<Topology.Role> ROLE_ORDER = Comparator.comparingInt(role -> switch (role) {
        case CONTAINER -> 0;
        case HOST -> 1;
        case OUTSIDE -> 2;
    });

    private final Map<String, String> byMac = new HashMap<>();
    private final Map<String, String> byIp = new HashMap<>();
    private final Map<String, Topology.Role> lanes = new HashMap<>();
    private final List<String> laneOrder = new ArrayList<>();

    /** The two nodes a frame goes between on this hop; null where the address belongs to no lab node. */
    public record Hop(String from, String to) {}

    public static LabNodes of(Topology topology) {
        LabNodes nodes = new LabNodes();
        nodes.learn(topology);
        return nodes;
    }

    /** Adds what a newer snapshot shows (new containers, addresses). */
    public synchronized void learn(Topology topology) {
        for (Topology.Namespace ns : topology.namespaces()) {
            if (!lanes.containsKey(ns.name())) {
                lanes.put(ns.name(), ns.role());
                laneOrder.add(ns.name());
            }
            for (Topology.Link link : ns.links()) {
                if ("loopback".equals(link.kind()) || "lo".equals(link.name())) {
                    continue;
                }
                if (link.mac() != null && !link.mac().isBlank()) {
                    byMac.put(link.mac().toLowerCase(Locale.ROOT), ns.name());
                }
                for (String address : link.addresses()) {
                    int slash = address.indexOf('/');
                    byIp.put(slash < 0 ? address : address.substring(0, slash), ns.name());
                }
            }
        }
    }

    /**
     * One lane per node: containers by name, then the host, then the outside world from near to far
     * (router, internet, remote), whatever order the kernel listed them in.
     */
    public synchronized List<String> lanes() {
        List<String> ordered = new ArrayList<>(laneOrder);
        ordered.sort(Comparator.comparing((String name) -> lanes.get(name), ROLE_ORDER)
                .thenComparingInt(LabNodes::outsideRank)
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(ordered);
    }

    private static int outsideRank(String name) {
        int rank = OutsideWorld.NAMESPACES.indexOf(name);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    public synchronized String nodeOfMac(String mac) {
        return mac == null ? null : byMac.get(mac.toLowerCase(Locale.ROOT));
    }

    public synchronized String nodeOfIp(String ip) {
        return ip == null ? null : byIp.get(ip);
    }

    /**
     * The hop a frame makes: its MAC addresses name the two nodes on this wire (a routed packet goes host →
     * router, not docker0 → internet); a broadcast or multicast goes to whoever owns the destination IP
     * (the ARP target), and an unknown MAC falls back to the IP address.
     */
    public Hop hop(PacketEvent event) {
        String from = nodeOfMac(event.srcMac());
        if (from == null) {
            from = nodeOfIp(event.srcIp());
        }
        String to = isGroup(event.dstMac()) ? null : nodeOfMac(event.dstMac());
        if (to == null) {
            to = nodeOfIp(event.dstIp());
        }
        return new Hop(from, to);
    }

    private static boolean isGroup(String mac) {
        if (mac == null || mac.length() < 2) {
            return false;
        }
        return (Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1;
    }
}
