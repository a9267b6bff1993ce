package org.bridgelab.kernel;

import java.util.List;
import java.util.Optional;

/**
 * The lab as the kernel reports it at one moment: every namespace with its links (veth peers resolved
 * across namespaces, bridge masters), addresses, routes, forwarding switch, iptables rules with their
 * counters, the bridges' MAC tables and the connection-tracking table.
 */
public record Topology(List<Namespace> namespaces) {

    public Topology {
        namespaces = List.copyOf(namespaces);
    }

    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(ns -> ns.name().equals(name)).findFirst();
    }

    /**
     * Where a packet seen on {@code iface} of {@code namespace} was: that namespace and, for a veth, the one
     * its peer is in, the cable's other end (the router's, say, which no capture watches). Just the namespace
     * when this snapshot does not know the interface.
     */
    public List<String> cableEnds(String namespace, String iface) {
        return namespace(namespace)
                .flatMap(ns -> ns.link(iface))
                .map(Link::peer)
                .filter(peer -> !peer.namespace().equals(namespace))
                .map(peer -> List.of(namespace, peer.namespace()))
                .orElse(List.of(namespace));
    }

    /** Whether a namespace's nat table has rules: where addresses are translated, conntrack is worth reading. */
    public static boolean translates(List<Table> iptables) {
        return iptables.stream()
                .filter(t -> t.name().equals("nat"))
                .flatMap(t -> t.chains().stream())
                .anyMatch(chain -> !chain.rules().isEmpty());
    }

    /** The host, a learner's "container", or part of the outside world BridgeLab built. */
    public enum Role {
        HOST,
        CONTAINER,
        OUTSIDE
    }

    /**
     * One network namespace. {@code fdb} is the learned and permanent MAC table of its bridges;
     * {@code conntrack} its connection-tracking table (read where the nat table has rules, else empty);
     * {@code nftables} the nf_tables ruleset as nft reports it, read in the host only (empty elsewhere and
     * where nft is not installed), which also shows tables made with nft itself rather than iptables.
     */
    public record Namespace(
            String name,
            Role role,
            boolean forwarding,
            List<Link> links,
            List<Route> routes,
            List<Table> iptables,
            List<FdbEntry> fdb,
            List<Flow> conntrack,
            List<NftTable> nftables) {
        public Namespace {
            nftables = List.copyOf(nftables);
            links = List.copyOf(links);
            routes = List.copyOf(routes);
            iptables = List.copyOf(iptables);
            fdb = List.copyOf(fdb);
            conntrack = List.copyOf(conntrack);
        }

        public Optional<Link> link(String name) {
            return links.stream().filter(link -> link.name().equals(name)).findFirst();
        }

        public Namespace withForwarding(boolean on) {
            return new Namespace(name, role, on, links, routes, iptables, fdb, conntrack, nftables);
        }

        public Namespace withRoutes(List<Route> newRoutes) {
            return new Namespace(name, role, forwarding, links, newRoutes, iptables, fdb, conntrack, nftables);
        }

        public Namespace withLinks(List<Link> newLinks) {
            return new Namespace(name, role, forwarding, newLinks, routes, iptables, fdb, conntrack, nftables);
        }

        public Namespace withIptables(List<Table> newTables) {
            return new Namespace(name, role, forwarding, links, routes, newTables, fdb, conntrack, nftables);
        }

        public Namespace withNftables(List<NftTable> newTables) {
            return new Namespace(name, role, forwarding, links, routes, iptables, fdb, conntrack, newTables);
        }

        /** This namespace without what traffic moves: rule and chain counters, MAC tables and connections. */
        public Namespace withoutTrafficNumbers() {
            return new Namespace(
                    name,
                    role,
                    forwarding,
                    links,
                    routes,
                    iptables.stream().map(Table::withoutCounters).toList(),
                    List.of(),
                    List.of(),
                    nftables);
        }

        /** The links plugged into a bridge of this namespace, in ifindex order. */
        public List<Link> portsOf(String bridge) {
            return links.stream().filter(link -> bridge.equals(link.master())).toList();
        }

        /**
         * Whether {@link #conntrack()} was read at all: only where the nat table has rules (an empty list
         * elsewhere says nothing about the kernel's table).
         */
        public boolean conntrackRead() {
            return translates(iptables);
        }

        public Optional<Chain> chain(String table, String chain) {
            return iptables.stream()
                    .filter(t -> t.name().equals(table))
                    .flatMap(t -> t.chains().stream())
                    .filter(c -> c.name().equals(chain))
                    .findFirst();
        }
    }

    /**
     * A network interface. {@code peer} is the other end of a veth, resolved across namespaces;
     * {@code master} the bridge it is plugged into; {@code state} the operational state (UP, DOWN,
     * LOWERLAYERDOWN, UNKNOWN); {@code flags} include UP (switched on) and LOWER_UP (carrier).
     */
    public record Link(
            int index,
            String name,
            String kind,
            String state,
            List<String> flags,
            String mac,
            int mtu,
            String master,
            Endpoint peer,
            List<String> addresses,
            Tunnel tunnel) {
        public Link {
            flags = List.copyOf(flags);
            addresses = List.copyOf(addresses);
        }

        /** A link that is no tunnel end. */
        public Link(
                int index,
                String name,
                String kind,
                String state,
                List<String> flags,
                String mac,
                int mtu,
                String master,
                Endpoint peer,
                List<String> addresses) {
            this(index, name, kind, state, flags, mac, mtu, master, peer, addresses, null);
        }

        /** This link with {@code other} as the far end of its cable. */
        public Link withPeer(Endpoint other) {
            return new Link(index, name, kind, state, flags, mac, mtu, master, other, addresses, tunnel);
        }

        /** This link plugged into {@code bridge}, or into none when it is null. */
        public Link withMaster(String bridge) {
            return new Link(index, name, kind, state, flags, mac, mtu, bridge, peer, addresses, tunnel);
        }

        /** Switched on by an administrator ({@code ip link set … up}). */
        public boolean isUp() {
            return flags.contains("UP");
        }

        /** Has a carrier: for a veth, its peer is up as well. */
        public boolean hasCarrier() {
            return flags.contains("LOWER_UP");
        }
    }

    /**
     * A VXLAN interface's tunnel as the kernel keeps it: its network identifier, the far end it sends to
     * (null when it floods by the MAC table or a group), its own address (null when the kernel picks one), the
     * UDP port, and the underlay device it sends through (null when the routes choose).
     */
    public record Tunnel(int vni, String remote, String local, int port, String device) {}

    /** An interface named by its namespace and name. */
    public record Endpoint(String namespace, String link) {
        @Override
        public String toString() {
            return link + " in " + namespace;
        }
    }

    public record Route(String destination, String gateway, String device, String protocol, String scope) {}

    public record Table(String name, List<Chain> chains) {
        public Table {
            chains = List.copyOf(chains);
        }

        public Table withoutCounters() {
            return new Table(name, chains.stream().map(Chain::withoutCounters).toList());
        }
    }

    /** A chain with its policy (null for a user chain), its counters and its rules in order. */
    public record Chain(String name, String policy, long packets, long bytes, List<Rule> rules) {
        public Chain {
            rules = List.copyOf(rules);
        }

        public Chain withoutCounters() {
            return new Chain(
                    name,
                    policy,
                    0,
                    0,
                    rules.stream().map(rule -> new Rule(rule.text(), 0, 0)).toList());
        }

        public boolean hasRule(String text) {
            String wanted = RuleSpec.normalise(text);
            return rules.stream()
                    .anyMatch(rule -> RuleSpec.normalise(rule.text()).equals(wanted));
        }
    }

    /** A rule as iptables-save prints it ({@code -A POSTROUTING … -j MASQUERADE}), with its counters. */
    public record Rule(String text, long packets, long bytes) {}

    /**
     * A row of a bridge's MAC table: which port a MAC address lives behind. {@code learned} rows come
     * from traffic and age out; the others are the ports' own addresses.
     */
    public record FdbEntry(String bridge, String port, String mac, boolean learned) {}

    /** A tracked connection: the original direction and the reply the kernel expects (NAT shows here). */
    public record Flow(String protocol, String state, Tuple original, Tuple reply, List<String> flags) {
        public Flow {
            flags = List.copyOf(flags);
        }
    }

    /**
     * Addresses and, for TCP/UDP, ports of one direction of a flow; ports are 0 when there are none.
     * {@code echoId} is the ICMP echo identifier the table shows (NAT may rewrite it like a port), -1 when
     * it shows none: it tells two pings between the same addresses apart.
     */
    public record Tuple(String source, String destination, int sourcePort, int destinationPort, int echoId) {

        /** A direction without an ICMP echo identifier (TCP, UDP, or a table that did not show one). */
        public Tuple(String source, String destination, int sourcePort, int destinationPort) {
            this(source, destination, sourcePort, destinationPort, -1);
        }

        /** The same direction turned round: what the other way of the connection looks like. */
        public Tuple inverse() {
            return new Tuple(destination, source, destinationPort, sourcePort, echoId);
        }

        @Override
        public String toString() {
            return source + (sourcePort > 0 ? ":" + sourcePort : "") + " → " + destination
                    + (destinationPort > 0 ? ":" + destinationPort : "");
        }
    }

    /** An nf_tables table ({@code nft list ruleset}): family (ip, ip6, inet, …), name and chains. */
    public record NftTable(String family, String name, List<NftChain> chains) {
        public NftTable {
            chains = List.copyOf(chains);
        }

        /** The tables iptables-nft manages; their rules are shown in iptables' own syntax already. */
        public boolean managedByIptables() {
            return (family.equals("ip") || family.equals("ip6"))
                    && List.of("filter", "nat", "mangle", "raw", "security").contains(name);
        }
    }

    /** A chain; a base chain has a type, hook and policy, a regular chain none of them. */
    public record NftChain(String name, String type, String hook, String policy, List<NftRule> rules) {
        public NftChain {
            rules = List.copyOf(rules);
        }
    }

    /** A rule in nft's words, with its handle and counters (0 without a counter). */
    public record NftRule(long handle, String text, long packets, long bytes) {}
}
