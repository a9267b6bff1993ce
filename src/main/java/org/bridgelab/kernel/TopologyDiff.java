package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two snapshots, in the order a learner would tell it: namespaces, then links
 * (moves before additions), bridge ports, addresses, routes, forwarding, rules, connections, MAC table.
 * Counters are left out: they change with every packet and are not a change of the lab.
 */
public final class TopologyDiff {
    private TopologyDiff() {}

    public static List<Change> between(Topology before, Topology after) {
        List<Change> changes = new ArrayList<>();
        Map<String, Topology.Namespace> old = byName(before.namespaces(), Topology.Namespace::name);
        Map<String, Topology.Namespace> now = byName(after.namespaces(), Topology.Namespace::name);
        for (String name : now.keySet()) {
            if (!old.containsKey(name)) {
                changes.add(new Change(Change.Kind.NAMESPACE_ADDED, name, name, "namespace " + name + " added"));
            }
        }
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                changes.add(new Change(Change.Kind.NAMESPACE_REMOVED, name, name, "namespace " + name + " removed"));
            }
        }
        links(before, after, changes);
        for (String name : union(old.keySet(), now.keySet())) {
            Topology.Namespace a = old.get(name);
            Topology.Namespace b = now.get(name);
            if (a != null && b != null) {
                within(a, b, changes);
            }
        }
        return changes;
    }

    /** A link that leaves one namespace and appears, same name and MAC, in another has moved. */
    private static void links(Topology before, Topology after, List<Change> changes) {
        List<Located> old = located(before);
        List<Located> now = located(after);
        List<Located> gone =
                old.stream().filter(l -> now.stream().noneMatch(l::sameIn)).collect(Collectors.toList());
        List<Located> added =
                now.stream().filter(l -> old.stream().noneMatch(l::sameIn)).collect(Collectors.toList());
        for (Located from : List.copyOf(gone)) {
            added.stream()
                    .filter(to -> to.link().name().equals(from.link().name())
                            && to.link().mac().equals(from.link().mac()))
                    .findFirst()
                    .ifPresent(to -> {
                        changes.add(new Change(
                                Change.Kind.LINK_MOVED,
                                to.namespace(),
                                to.link().name(),
                                to.link().name() + " moved from " + from.namespace() + " to " + to.namespace()));
                        gone.remove(from);
                        added.remove(to);
                    });
        }
        added.forEach(l -> changes.add(new Change(
                Change.Kind.LINK_ADDED,
                l.namespace(),
                l.link().name(),
                l.link().kind() + " " + l.link().name() + " added in " + l.namespace()
                        + (l.link().peer() == null ? "" : " (peer " + l.link().peer() + ")"))));
        gone.forEach(l -> changes.add(new Change(
                Change.Kind.LINK_REMOVED,
                l.namespace(),
                l.link().name(),
                l.link().kind() + " " + l.link().name() + " removed from " + l.namespace())));
    }

    private static void within(Topology.Namespace a, Topology.Namespace b, List<Change> changes) {
        String ns = b.name();
        Map<String, Topology.Link> oldLinks = byName(a.links(), Topology.Link::name);
        for (Topology.Link link : b.links()) {
            Topology.Link was = oldLinks.get(link.name());
            String where = ns + "/" + link.name();
            if (was == null) {
                if (link.master() != null) {
                    changes.add(port(Change.Kind.PORT_ADDED, ns, link.master(), link.name(), "gained"));
                }
                link.addresses()
                        .forEach(addr -> changes.add(new Change(
                                Change.Kind.ADDRESS_ADDED, ns, link.name(), "address " + addr + " added on " + where)));
                continue;
            }
            if (was.isUp() != link.isUp()) {
                changes.add(new Change(
                        link.isUp() ? Change.Kind.LINK_UP : Change.Kind.LINK_DOWN,
                        ns,
                        link.name(),
                        link.name() + " in " + ns + " is now " + (link.isUp() ? "UP" : "DOWN")));
            }
            if (was.hasCarrier() != link.hasCarrier()) {
                changes.add(new Change(
                        link.hasCarrier() ? Change.Kind.CARRIER_GAINED : Change.Kind.CARRIER_LOST,
                        ns,
                        link.name(),
                        link.name() + " in " + ns
                                + (link.hasCarrier()
                                        ? " has a carrier now (LOWER_UP)"
                                        : " lost its carrier (no LOWER_UP)")));
            }
            if (!Objects.equals(was.master(), link.master())) {
                if (was.master() != null) {
                    changes.add(port(Change.Kind.PORT_REMOVED, ns, was.master(), link.name(), "lost"));
                }
                if (link.master() != null) {
                    changes.add(port(Change.Kind.PORT_ADDED, ns, link.master(), link.name(), "gained"));
                }
            }
            for (String addr : link.addresses()) {
                if (!was.addresses().contains(addr)) {
                    changes.add(new Change(
                            Change.Kind.ADDRESS_ADDED, ns, link.name(), "address " + addr + " added on " + where));
                }
            }
            for (String addr : was.addresses()) {
                if (!link.addresses().contains(addr)) {
                    changes.add(new Change(
                            Change.Kind.ADDRESS_REMOVED,
                            ns,
                            link.name(),
                            "address " + addr + " removed from " + where));
                }
            }
        }
        for (Topology.Route route : b.routes()) {
            if (!a.routes().contains(route)) {
                changes.add(new Change(
                        Change.Kind.ROUTE_ADDED, ns, route.destination(), "route added in " + ns + ": " + text(route)));
            }
        }
        for (Topology.Route route : a.routes()) {
            if (!b.routes().contains(route)) {
                changes.add(new Change(
                        Change.Kind.ROUTE_REMOVED,
                        ns,
                        route.destination(),
                        "route removed in " + ns + ": " + text(route)));
            }
        }
        if (a.forwarding() != b.forwarding()) {
            changes.add(new Change(
                    Change.Kind.FORWARDING_CHANGED,
                    ns,
                    "ip_forward",
                    "ip_forward in " + ns + " " + (a.forwarding() ? 1 : 0) + " → " + (b.forwarding() ? 1 : 0)));
        }
        rules(a, b, changes);
        nftables(a, b, changes);
        flows(a, b, changes);
        macs(a, b, changes);
    }

    private static void rules(Topology.Namespace a, Topology.Namespace b, List<Change> changes) {
        String ns = b.name();
        for (Topology.Table table : b.iptables()) {
            for (Topology.Chain chain : table.chains()) {
                String label = table.name() + " " + chain.name();
                Topology.Chain was = a.chain(table.name(), chain.name()).orElse(null);
                // a built-in chain that did not exist yet (its table was not loaded) behaved as ACCEPT
                String oldPolicy = was != null ? was.policy() : chain.policy() == null ? null : "ACCEPT";
                if (chain.policy() != null && !chain.policy().equals(oldPolicy)) {
                    changes.add(new Change(
                            Change.Kind.POLICY_CHANGED,
                            ns,
                            label,
                            "policy of " + label + " in " + ns + " " + oldPolicy + " → " + chain.policy()));
                }
                List<String> oldRules = was == null ? List.of() : texts(was);
                texts(chain).stream()
                        .filter(rule -> !oldRules.contains(rule))
                        .forEach(rule -> changes.add(new Change(
                                Change.Kind.RULE_ADDED,
                                ns,
                                label,
                                "rule added in " + ns + ": " + table.name() + " " + rule.substring(3))));
            }
        }
        for (Topology.Table table : a.iptables()) {
            for (Topology.Chain chain : table.chains()) {
                String label = table.name() + " " + chain.name();
                List<String> newRules = b.chain(table.name(), chain.name())
                        .map(TopologyDiff::texts)
                        .orElse(List.of());
                texts(chain).stream()
                        .filter(rule -> !newRules.contains(rule))
                        .forEach(rule -> changes.add(new Change(
                                Change.Kind.RULE_REMOVED,
                                ns,
                                label,
                                "rule removed in " + ns + ": " + table.name() + " " + rule.substring(3))));
            }
        }
    }

    /** Only the nf_tables tables iptables does not show (made with nft itself): the others are in rules(). */
    private static void nftables(Topology.Namespace a, Topology.Namespace b, List<Change> changes) {
        String ns = b.name();
        Map<String, String> old = nftLines(a);
        Map<String, String> now = nftLines(b);
        now.forEach((key, label) -> {
            if (!old.containsKey(key)) {
                changes.add(new Change(
                        key.startsWith("policy ") ? Change.Kind.POLICY_CHANGED : Change.Kind.RULE_ADDED,
                        ns,
                        label,
                        "nft " + label + " added in " + ns));
            }
        });
        old.forEach((key, label) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change(Change.Kind.RULE_REMOVED, ns, label, "nft " + label + " removed from " + ns));
            }
        });
    }

    /** Each table, chain (with its policy) and rule of the nft-only tables, as a line of its own. */
    private static Map<String, String> nftLines(Topology.Namespace ns) {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        for (Topology.NftTable table : ns.nftables()) {
            if (table.managedByIptables()) {
                continue;
            }
            String t = table.family() + " " + table.name();
            lines.put("table " + t, "table " + t);
            for (Topology.NftChain chain : table.chains()) {
                String c = t + " " + chain.name();
                lines.put(
                        "chain " + c + " " + chain.policy(),
                        "chain " + c
                                + (chain.hook() == null
                                        ? ""
                                        : " (hook " + chain.hook() + ", policy " + chain.policy() + ")"));
                chain.rules()
                        .forEach(rule -> lines.put("rule " + c + " " + rule.text(), "rule " + c + " " + rule.text()));
            }
        }
        return lines;
    }

    private static void flows(Topology.Namespace a, Topology.Namespace b, List<Change> changes) {
        String ns = b.name();
        Set<String> old = a.conntrack().stream().map(TopologyDiff::text).collect(Collectors.toSet());
        Set<String> now = b.conntrack().stream().map(TopologyDiff::text).collect(Collectors.toSet());
        b.conntrack().stream()
                .map(TopologyDiff::text)
                .filter(f -> !old.contains(f))
                .distinct()
                .forEach(f ->
                        changes.add(new Change(Change.Kind.FLOW_ADDED, ns, f, "conntrack in " + ns + " tracks " + f)));
        a.conntrack().stream()
                .map(TopologyDiff::text)
                .filter(f -> !now.contains(f))
                .distinct()
                .forEach(f -> changes.add(
                        new Change(Change.Kind.FLOW_REMOVED, ns, f, "conntrack in " + ns + " forgot " + f)));
    }

    private static void macs(Topology.Namespace a, Topology.Namespace b, List<Change> changes) {
        String ns = b.name();
        b.fdb().stream()
                .filter(Topology.FdbEntry::learned)
                .filter(e -> !a.fdb().contains(e))
                .forEach(e -> changes.add(new Change(
                        Change.Kind.MAC_LEARNED,
                        ns,
                        e.bridge(),
                        e.bridge() + " learned " + e.mac() + " behind " + e.port())));
        a.fdb().stream()
                .filter(Topology.FdbEntry::learned)
                .filter(e -> !b.fdb().contains(e))
                .forEach(e -> changes.add(new Change(
                        Change.Kind.MAC_FORGOTTEN,
                        ns,
                        e.bridge(),
                        e.bridge() + " forgot " + e.mac() + " behind " + e.port())));
    }

    /** The port is the subject: it is the link whose master changed. */
    private static Change port(Change.Kind kind, String ns, String bridge, String link, String verb) {
        return new Change(kind, ns, link, bridge + " " + verb + " port " + link);
    }

    /** A route as {@code ip route} prints it: "default via 172.18.0.1 dev veth0". */
    public static String text(Topology.Route route) {
        return route.destination()
                + (route.gateway() == null ? "" : " via " + route.gateway())
                + (route.device() == null ? "" : " dev " + route.device());
    }

    /** A flow as the learner reads it: the original direction, and the reply when NAT rewrote it. */
    public static String text(Topology.Flow flow) {
        Topology.Tuple o = flow.original();
        Topology.Tuple r = flow.reply();
        boolean translated =
                !r.source().equals(o.destination()) || !r.destination().equals(o.source());
        return flow.protocol() + " " + o + (translated ? " (replies " + r + ")" : "");
    }

    private static List<String> texts(Topology.Chain chain) {
        return chain.rules().stream()
                .map(rule -> RuleSpec.normalise(rule.text()))
                .toList();
    }

    private static List<Located> located(Topology topology) {
        return topology.namespaces().stream()
                .flatMap(ns -> ns.links().stream().map(link -> new Located(ns.name(), link)))
                .toList();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new java.util.LinkedHashMap<>();
        items.forEach(item -> map.put(name.apply(item), item));
        return map;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private record Located(String namespace, Topology.Link link) {
        boolean sameIn(Located other) {
            return namespace.equals(other.namespace) && link.name().equals(other.link.name());
        }
    }
}
