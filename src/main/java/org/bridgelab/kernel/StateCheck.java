package org.bridgelab.kernel;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * A fact about the lab that a lesson step expects the kernel to show, checked against a snapshot.
 * Each check says what it expects and answers with evidence taken from the kernel's own state.
 */
public sealed interface StateCheck {
    /** The tables iptables knows; a fact naming another cannot hold. */
    List<String> TABLES = List.of("raw", "mangle", "nat", "filter", "security");

    /** What is expected, in one line ("veth1 is a port of br0 in host"), in the learner's language. */
    Phrase expected();

    Outcome evaluate(Topology topology, ListenerProbe listeners);

    /** The kinds of kernel state the fact is judged on: a check reads those, not everything. */
    Set<StateReader.Part> needs();

    /**
     * The answer: whether the kernel shows it, and what the kernel shows instead or as proof (the kernel's own
     * text as it is, or BridgeLab's words on it in the learner's language).
     */
    record Outcome(Phrase expected, boolean passed, Wording evidence) {
        public Outcome(Phrase expected, boolean passed, String evidence) {
            this(expected, passed, Phrase.verbatim(evidence));
        }
    }

    record NamespaceExists(String namespace, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of();
        }

        public Phrase expected() {
            return Phrase.of(present ? "check.namespace.exists" : "check.namespace.absent", namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            boolean exists = t.namespace(namespace).isPresent();
            return new Outcome(
                    expected(),
                    exists == present,
                    "namespaces: "
                            + t.namespaces().stream()
                                    .map(Topology.Namespace::name)
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** A link in a namespace; with {@code up} also its state; {@code present=false} expects it gone. */
    record LinkIn(String namespace, String link, Boolean up, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.LINKS);
        }

        public Phrase expected() {
            String key = !present
                    ? "check.link.notIn"
                    : up == null ? "check.link.in" : up ? "check.link.in.up" : "check.link.in.down";
            return Phrase.of(key, link, namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, namespace, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            Optional<Topology.Link> found = t.namespace(namespace).flatMap(ns -> ns.link(link));
            if (found.isEmpty()) {
                return new Outcome(expected(), !present, links(t, namespace));
            }
            Topology.Link it = found.get();
            boolean ok = present && (up == null || it.isUp() == up);
            return new Outcome(
                    expected(),
                    ok,
                    it.name() + " <" + String.join(",", it.flags()) + "> state " + it.state()
                            + (it.peer() == null ? "" : ", peer " + it.peer())
                            + (it.master() == null ? "" : ", master " + it.master()));
        }
    }

    record PortOf(String namespace, String port, String bridge, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.LINKS);
        }

        public Phrase expected() {
            return Phrase.of(present ? "check.port.of" : "check.port.notOf", port, bridge, namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noLink(t, namespace, bridge, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            List<String> ports = t.namespace(namespace)
                    .map(ns ->
                            ns.portsOf(bridge).stream().map(Topology.Link::name).toList())
                    .orElse(List.of());
            return new Outcome(expected(), ports.contains(port) == present, bridge + " ports: " + ports);
        }
    }

    record AddressOn(String namespace, String link, String address, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.LINKS);
        }

        public Phrase expected() {
            return Phrase.of(present ? "check.address.on" : "check.address.notOn", address, namespace, link);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noLink(t, namespace, link, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            Optional<Topology.Link> found = t.namespace(namespace).flatMap(ns -> ns.link(link));
            List<String> addresses = found.map(Topology.Link::addresses).orElse(List.of());
            return new Outcome(
                    expected(),
                    addresses.contains(address) == present,
                    found.isEmpty() ? links(t, namespace) : link + " addresses: " + addresses);
        }
    }

    /** A route to a destination ("default" included), through a gateway when one is named. */
    record RoutePresent(String namespace, String destination, String via, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.ROUTES);
        }

        public Phrase expected() {
            if (via == null) {
                return Phrase.of(present ? "check.route.in" : "check.route.notIn", destination, namespace);
            }
            return Phrase.of(present ? "check.route.via.in" : "check.route.via.notIn", destination, via, namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, namespace, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            List<Topology.Route> routes =
                    t.namespace(namespace).map(Topology.Namespace::routes).orElse(List.of());
            boolean found = routes.stream()
                    .anyMatch(r -> r.destination().equals(destination) && (via == null || via.equals(r.gateway())));
            return new Outcome(
                    expected(),
                    found == present,
                    "routes of " + namespace + ": "
                            + routes.stream().map(TopologyDiff::text).collect(Collectors.joining("; ")));
        }
    }

    record Forwarding(String namespace, boolean on) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.FORWARDING);
        }

        public Phrase expected() {
            return Phrase.of("check.forwarding", namespace, on ? 1 : 0);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Topology.Namespace> ns = t.namespace(namespace);
            return new Outcome(
                    expected(),
                    ns.isPresent() && ns.get().forwarding() == on,
                    ns.map(n -> "ip_forward = " + (n.forwarding() ? 1 : 0)).orElse("no namespace " + namespace));
        }
    }

    /** A rule (iptables-save text, "-A CHAIN …") in a table; whitespace does not matter. */
    record RulePresent(String namespace, String table, String rule, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.RULES);
        }

        public Phrase expected() {
            return Phrase.of(present ? "check.rule" : "check.rule.absent", table, RuleSpec.normalise(rule), namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, namespace, expected()).or(() -> noTable(table, expected()));
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            String chainName = RuleSpec.parse(rule).chain();
            Optional<Topology.Chain> chain = t.namespace(namespace).flatMap(ns -> ns.chain(table, chainName));
            boolean found = chain.map(c -> c.hasRule(rule)).orElse(false);
            return new Outcome(
                    expected(),
                    found == present,
                    chain.map(c -> table + " " + c.name() + ": "
                                    + (c.rules().isEmpty()
                                            ? "(no rules)"
                                            : c.rules().stream()
                                                    .map(r -> r.text() + " [" + r.packets() + " packets]")
                                                    .collect(Collectors.joining("; "))))
                            .orElse("no chain " + table + " " + chainName + " in " + namespace));
        }
    }

    record ChainPolicy(String namespace, String table, String chain, String policy) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.RULES);
        }

        public Phrase expected() {
            return Phrase.of("check.policy", table, chain, namespace, policy);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, namespace, expected()).or(() -> noTable(table, expected()));
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            Optional<Topology.Chain> found = t.namespace(namespace).flatMap(ns -> ns.chain(table, chain));
            return new Outcome(
                    expected(),
                    found.map(c -> policy.equals(c.policy())).orElse(false),
                    found.map(c -> table + " " + chain + " policy " + c.policy() + " [" + c.packets() + " packets]")
                            .orElse("no chain " + table + " " + chain));
        }
    }

    /**
     * A tracked connection from one address to another (protocol optional). The reply direction is how
     * NAT shows in the table: after MASQUERADE the replies go to the host ({@code replyTo}), after DNAT
     * they come from the container ({@code replyFrom}).
     */
    record ConntrackEntry(
            String namespace, String protocol, String source, String destination, String replyFrom, String replyTo)
            implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.RULES, StateReader.Part.CONNTRACK);
        }

        public Phrase expected() {
            String flow = (protocol == null ? "" : protocol + " ") + source;
            if (replyFrom != null && replyTo != null) {
                return Phrase.of("check.conntrack.replyFromTo", namespace, flow, destination, replyFrom, replyTo);
            }
            if (replyFrom != null || replyTo != null) {
                return Phrase.of(
                        replyFrom != null ? "check.conntrack.replyFrom" : "check.conntrack.replyTo",
                        namespace,
                        flow,
                        destination,
                        replyFrom != null ? replyFrom : replyTo);
            }
            return Phrase.of("check.conntrack", namespace, flow, destination);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, namespace, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            List<Topology.Flow> flows =
                    t.namespace(namespace).map(Topology.Namespace::conntrack).orElse(List.of());
            Optional<Topology.Flow> hit = flows.stream()
                    .filter(f -> protocol == null || protocol.equals(f.protocol()))
                    .filter(f -> f.original().source().equals(source)
                            && f.original().destination().equals(destination))
                    .filter(f -> replyFrom == null || f.reply().source().equals(replyFrom))
                    .filter(f -> replyTo == null || f.reply().destination().equals(replyTo))
                    .findFirst();
            return new Outcome(
                    expected(),
                    hit.isPresent(),
                    hit.map(TopologyDiff::text)
                            .orElse(
                                    flows.isEmpty()
                                            ? "the table is empty"
                                            : flows.stream()
                                                    .map(TopologyDiff::text)
                                                    .collect(Collectors.joining("; "))));
        }
    }

    /** A MAC address a bridge learned behind one of its ports ({@code bridge fdb}), or did not. */
    record FdbLearned(String namespace, String bridge, String port, String mac, boolean present) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return Set.of(StateReader.Part.LINKS, StateReader.Part.FDB);
        }

        public Phrase expected() {
            return Phrase.of(present ? "check.fdb" : "check.fdb.absent", bridge, mac, port, namespace);
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed =
                    noLink(t, namespace, bridge, expected()).or(() -> noLink(t, namespace, port, expected()));
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            List<Topology.FdbEntry> learned = t.namespace(namespace).orElseThrow().fdb().stream()
                    .filter(entry -> entry.learned() && entry.bridge().equals(bridge))
                    .toList();
            Optional<Topology.FdbEntry> hit = learned.stream()
                    .filter(entry ->
                            entry.mac().equalsIgnoreCase(mac) && entry.port().equals(port))
                    .findFirst();
            String table = learned.isEmpty()
                    ? bridge + " has learned no address"
                    : bridge + " learned: "
                            + learned.stream()
                                    .map(e -> e.mac() + " on " + e.port())
                                    .collect(Collectors.joining(", "));
            return new Outcome(expected(), hit.isPresent() == present, table);
        }
    }

    /** A can (or cannot) reach B, decided by the {@link Diagnoser}; the evidence is its explanation. */
    record Reaches(String from, String to, Integer port, boolean reachable) implements StateCheck {
        public Set<StateReader.Part> needs() {
            return StateReader.Part.ALL;
        }

        public Phrase expected() {
            return Phrase.of(
                    reachable ? "check.reaches" : "check.cannotReach", from, to + (port == null ? "" : ":" + port));
        }

        public Outcome evaluate(Topology t, ListenerProbe l) {
            Optional<Outcome> unnamed = noNamespace(t, from, expected());
            if (unnamed.isPresent()) {
                return unnamed.get();
            }
            Diagnosis diagnosis = new Diagnoser(t, l).explain(from, to, port);
            return new Outcome(
                    expected(),
                    diagnosis.reachable() == reachable,
                    diagnosis.verdict().fix().isEmpty()
                            ? Phrase.of(
                                    "evidence.verdict",
                                    diagnosis.verdict().kind(),
                                    diagnosis.verdict().explanation())
                            : Phrase.of(
                                    "evidence.verdict.fix",
                                    diagnosis.verdict().kind(),
                                    diagnosis.verdict().explanation(),
                                    diagnosis.verdict().fix()));
        }
    }

    /**
     * A fact about something that does not exist cannot be judged, not even "absent": a negative check
     * naming a mistyped namespace would otherwise pass. It fails, with what does exist as its evidence.
     */
    private static Optional<Outcome> noNamespace(Topology t, String namespace, Phrase expected) {
        if (t.namespace(namespace).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(
                expected,
                false,
                "no namespace " + namespace + " (namespaces: "
                        + t.namespaces().stream().map(Topology.Namespace::name).collect(Collectors.joining(", "))
                        + ")"));
    }

    private static Optional<Outcome> noLink(Topology t, String namespace, String link, Phrase expected) {
        return noNamespace(t, namespace, expected)
                .or(() -> t.namespace(namespace).flatMap(ns -> ns.link(link)).isPresent()
                        ? Optional.empty()
                        : Optional.of(new Outcome(
                                expected,
                                false,
                                "no interface " + link + " in " + namespace + " (" + links(t, namespace) + ")")));
    }

    private static Optional<Outcome> noTable(String table, Phrase expected) {
        return TABLES.contains(table)
                ? Optional.empty()
                : Optional.of(new Outcome(
                        expected, false, "no table " + table + " (iptables has " + String.join(", ", TABLES) + ")"));
    }

    private static String links(Topology t, String namespace) {
        return t.namespace(namespace)
                .map(ns -> namespace + " links: "
                        + ns.links().stream().map(Topology.Link::name).collect(Collectors.joining(", ")))
                .orElse("no namespace " + namespace);
    }
}
