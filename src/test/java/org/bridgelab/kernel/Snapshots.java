package org.bridgelab.kernel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real snapshot recorded with --dump-state after scenario 4, and ways to break it on purpose. */
public final class Snapshots {
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Snapshots() {}

    public static Topology scenario4() {
        try {
            return JSON.readValue(Fixtures.read("topology-s4.json"), Topology.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A real snapshot of the overlay lesson up to "through the tunnel" (its steps run from a copy without the
     * tidying up, with --dump-state): hosta and hostb, each with br0 and vxlan0 (VNI 42), and ca, cb.
     */
    public static Topology overlay() {
        try {
            return JSON.readValue(Fixtures.read("topology-overlay.json"), Topology.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Topology change(Topology topology, String namespace, UnaryOperator<Topology.Namespace> edit) {
        return new Topology(topology.namespaces().stream()
                .map(ns -> ns.name().equals(namespace) ? edit.apply(ns) : ns)
                .toList());
    }

    static Topology.Namespace forwarding(Topology.Namespace ns, boolean on) {
        return ns.withForwarding(on);
    }

    static Topology.Namespace routes(Topology.Namespace ns, List<Topology.Route> routes) {
        return ns.withRoutes(routes);
    }

    public static Topology.Namespace link(Topology.Namespace ns, String name, UnaryOperator<Topology.Link> edit) {
        return ns.withLinks(ns.links().stream()
                .map(l -> l.name().equals(name) ? edit.apply(l) : l)
                .toList());
    }

    public static Topology.Link flags(Topology.Link l, List<String> flags) {
        return new Topology.Link(
                l.index(), l.name(), l.kind(), l.state(), flags, l.mac(), l.mtu(), l.master(), l.peer(), l.addresses());
    }

    static Topology.Link master(Topology.Link l, String master) {
        return new Topology.Link(
                l.index(), l.name(), l.kind(), l.state(), l.flags(), l.mac(), l.mtu(), master, l.peer(), l.addresses());
    }

    static Topology.Link addresses(Topology.Link l, List<String> addresses) {
        return new Topology.Link(
                l.index(), l.name(), l.kind(), l.state(), l.flags(), l.mac(), l.mtu(), l.master(), l.peer(), addresses);
    }

    /** The namespace with one chain replaced: a new policy (null keeps it) and new rules. */
    static Topology.Namespace chain(
            Topology.Namespace ns, String table, String chain, String policy, List<Topology.Rule> rules) {
        List<Topology.Table> tables = ns.iptables().stream()
                .map(t -> !t.name().equals(table)
                        ? t
                        : new Topology.Table(
                                t.name(),
                                t.chains().stream()
                                        .map(c -> !c.name().equals(chain)
                                                ? c
                                                : new Topology.Chain(
                                                        c.name(),
                                                        policy == null ? c.policy() : policy,
                                                        c.packets(),
                                                        c.bytes(),
                                                        rules))
                                        .toList()))
                .toList();
        return new Topology.Namespace(
                ns.name(),
                ns.role(),
                ns.forwarding(),
                ns.links(),
                ns.routes(),
                tables,
                ns.fdb(),
                ns.conntrack(),
                ns.nftables());
    }

    /** The namespace with a user chain added to a table (iptables -N), holding these rules. */
    static Topology.Namespace newChain(Topology.Namespace ns, String table, String chain, List<Topology.Rule> rules) {
        List<Topology.Table> tables = ns.iptables().stream()
                .map(t -> !t.name().equals(table)
                        ? t
                        : new Topology.Table(
                                t.name(),
                                java.util.stream.Stream.concat(
                                                t.chains().stream(),
                                                java.util.stream.Stream.of(
                                                        new Topology.Chain(chain, null, 0, 0, rules)))
                                        .toList()))
                .toList();
        return new Topology.Namespace(
                ns.name(),
                ns.role(),
                ns.forwarding(),
                ns.links(),
                ns.routes(),
                tables,
                ns.fdb(),
                ns.conntrack(),
                ns.nftables());
    }

    static List<Topology.Rule> rules(String... texts) {
        return java.util.Arrays.stream(texts)
                .map(text -> new Topology.Rule(text, 0, 0))
                .toList();
    }
}
