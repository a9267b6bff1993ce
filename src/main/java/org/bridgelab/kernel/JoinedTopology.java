package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bridgelab.lab.LabHost;

/**
 * The state of a joined lab, put together from each lab host's own (see {@code JoinedLabHost}): every named
 * namespace of each, the lesson's hosts and the containers made from them, as one machine's lesson has them.
 * A lab host's own namespace is the machine the host runs on, not part of the lesson: it is left out, and no
 * lab host's namespace stands for the whole lab. A name found on two lab hosts is kept from the first only.
 *
 * <p>The network the lab hosts share is in neither kernel's tables. For two hosts it is one cable between
 * their eth0s, as the lab proved with a ping when it joined them; each eth0 is then the other's peer, which is
 * how a tunnel's way over the underlay is followed (and drawn) on one machine too.
 */
final class JoinedTopology {
    private JoinedTopology() {}

    /** {@code parts}: each lesson host's name and its lab host's state, in the lesson's order. */
    static Topology merge(Map<String, Topology> parts) {
        Map<String, Topology.Namespace> namespaces = new LinkedHashMap<>();
        parts.values()
                .forEach(part -> part.namespaces().stream()
                        .filter(ns -> !ns.name().equals(LabHost.HOST))
                        .forEach(ns -> namespaces.putIfAbsent(ns.name(), ns)));
        List<String> hosts = List.copyOf(parts.keySet());
        if (hosts.size() == 2) {
            cable(namespaces, hosts.get(0), hosts.get(1));
        }
        return new Topology(new ArrayList<>(namespaces.values()));
    }

    private static void cable(Map<String, Topology.Namespace> namespaces, String one, String other) {
        Topology.Namespace a = namespaces.get(one);
        Topology.Namespace b = namespaces.get(other);
        if (a == null || b == null || a.link("eth0").isEmpty() || b.link("eth0").isEmpty()) {
            return;
        }
        namespaces.put(one, withPeer(a, new Topology.Endpoint(other, "eth0")));
        namespaces.put(other, withPeer(b, new Topology.Endpoint(one, "eth0")));
    }

    private static Topology.Namespace withPeer(Topology.Namespace ns, Topology.Endpoint peer) {
        return ns.withLinks(ns.links().stream()
                .map(link -> link.name().equals("eth0") ? link.withPeer(peer) : link)
                .toList());
    }
}
