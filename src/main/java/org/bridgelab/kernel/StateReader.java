package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;

/** Asks the kernel of a lab host what it really has, namespace by namespace, and builds a {@link Topology}. */
public final class StateReader {
    private final LabHost lab;
    private final Set<String> outside;

    /** {@code outside}: the namespaces BridgeLab built as the outside world (router, internet, remote). */
    public StateReader(LabHost lab, Set<String> outside) {
        this.lab = lab;
        this.outside = Set.copyOf(outside);
    }

    public Topology read() {
        List<String> names = new ArrayList<>();
        names.add(LabHost.HOST);
        names.addAll(IpJsonParser.namespaces(ask(LabHost.HOST, "ip", "-j", "netns", "list")));
        List<RawNamespace> raw = new ArrayList<>();
        for (String name : names) {
            raw.add(new RawNamespace(name,
                    IpJsonParser.links(ask(name, "ip", "-j", "-d", "addr", "show")),
                    IpJsonParser.routes(ask(name, "ip", "-j", "route", "show")),
                    ask(name, "sysctl", "-n", "net.ipv4.ip_forward").strip().equals("1"),
                    IptablesSaveParser.parse(ask(name, "iptables-save"))));
        }
        return new Topology(raw.stream().map(ns -> resolve(ns, raw)).toList());
    }

    private String ask(String node, String... argv) {
        CommandResult result = lab.run(node, List.of(argv));
        if (!result.succeeded()) {
            throw new org.bridgelab.lab.LabException("cannot read the kernel's state in " + node + ": "
                    + String.join(" ", argv) + ": " + result.evidence());
        }
        return result.stdout();
    }

    private Topology.Namespace resolve(RawNamespace ns, List<RawNamespace> all) {
        List<Topology.Link> links = ns.links().stream().map(link -> new Topology.Link(link.index(), link.name(),
                link.kind(), link.state(), link.flags(), link.mac(), link.mtu(), link.master(), peer(ns, link, all),
                link.addresses())).toList();
        Topology.Role role = ns.name().equals(LabHost.HOST) ? Topology.Role.HOST
                : outside.contains(ns.name()) ? Topology.Role.OUTSIDE : Topology.Role.CONTAINER;
        return new Topology.Namespace(ns.name(), role, ns.forwarding(), links, ns.routes(), ns.iptables());
    }

    /**
     * The other end of a veth. In the same namespace iproute2 names it; across namespaces it gives only an
     * index, and indexes are per namespace, so the peer is the veth in another namespace whose index is this
     * link's peer index and whose own peer index points back at this link.
     */
    static Topology.Endpoint peer(RawNamespace ns, IpJsonParser.RawLink link, List<RawNamespace> all) {
        if (!"veth".equals(link.kind())) {
            return null;
        }
        if (link.peerName() != null && link.peerNetnsId() == null) {
            return new Topology.Endpoint(ns.name(), link.peerName());
        }
        if (link.peerIndex() < 0) {
            return null;
        }
        for (RawNamespace other : all) {
            boolean sameNamespace = other == ns;
            if (sameNamespace != (link.peerNetnsId() == null)) {
                continue;
            }
            for (IpJsonParser.RawLink candidate : other.links()) {
                if ("veth".equals(candidate.kind()) && candidate.index() == link.peerIndex()
                        && candidate.peerIndex() == link.index() && candidate != link) {
                    return new Topology.Endpoint(other.name(), candidate.name());
                }
            }
        }
        return null;
    }

    record RawNamespace(String name, List<IpJsonParser.RawLink> links, List<Topology.Route> routes, boolean forwarding,
                        List<Topology.Table> iptables) {
    }
}
