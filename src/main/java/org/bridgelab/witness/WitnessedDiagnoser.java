package org.bridgelab.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterStep;
import org.bridgelab.kernel.Diagnoser;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.RouteLookup;
import org.bridgelab.kernel.Topology;
import org.bridgelab.kernel.Verdict;
import org.bridgelab.lab.LabHost;
import org.bridgelab.words.Phrase;

/**
 * "Why can't A reach B", answered by the kernel: the {@link Diagnoser} reads the rules and explains in the
 * learner's words, and a real probe packet ({@link KernelProbe}) decides. The reading never contradicts the
 * probe. In order of trust: a probe that was answered is REACHABLE; a rule or policy the probe's trace ended
 * in is the cause, with its removal; then a refusal of the kernel's own route lookup (blackhole, unreachable
 * or prohibit routes, policy rules, the reverse-path filter) where the probe was last seen; then the reading,
 * when it found an obstacle; and when nothing explains the silence, that is what is said.
 */
public final class WitnessedDiagnoser {
    private static final List<String> HOOKS = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    private final ListenerProbe listeners;
    private final KernelProbe probe;
    private final RouteLookup routes;

    public WitnessedDiagnoser(LabHost lab) {
        this.listeners = ListenerProbe.of(lab);
        this.probe = new KernelProbe(lab);
        this.routes = new RouteLookup(lab);
    }

    public Diagnosis explain(Topology topology, String from, String to, Integer port) {
        Diagnosis reading = new Diagnoser(topology, listeners).explain(from, to, port);
        if (topology.namespace(from).isEmpty()) {
            return reading; // no probe can leave a namespace that does not exist
        }
        ProbePacket packet =
                new ProbePacket(from, to, port, ThreadLocalRandom.current().nextInt(40_000, 60_000));
        ProbeResult result = probe.send(topology, packet);
        List<Phrase> evidence = new ArrayList<>(evidenceOf(result));
        Verdict verdict = decide(topology, reading.verdict(), result, evidence);
        return reading.witnessed(evidence, traced(result), verdict);
    }

    private Verdict decide(Topology topology, Verdict reading, ProbeResult result, List<Phrase> evidence) {
        ProbePacket packet = result.packet();
        if (result.outcome() == ProbeResult.Outcome.ANSWERED) {
            return reading.reachable()
                    ? reading
                    : new Verdict(
                            Verdict.Kind.REACHABLE,
                            Phrase.of("diag.reachableAgainstReading", packet.describe(), reading.explanation()),
                            List.of(),
                            "");
        }
        Optional<Drop> drop = firstDrop(result);
        if (drop.isPresent()) {
            if (reading.reachable()) {
                evidence.add(Phrase.of(
                        "diag.witness.readingMissed",
                        drop.get().namespace(),
                        drop.get().step().table() + " " + drop.get().step().chain()));
            }
            return sameObstacle(reading, drop.get()) ? reading : drop.get().verdict();
        }
        if (result.outcome() == ProbeResult.Outcome.REFUSED) {
            return !reading.reachable()
                    ? reading
                    : new Verdict(
                            Verdict.Kind.NOTHING_LISTENING,
                            Phrase.of("diag.resetAnswer", packet.to() + ":" + packet.port()),
                            List.of("port " + packet.port()),
                            "");
        }
        Optional<Verdict> refusal = routeRefusal(topology, result, evidence);
        // a refusal the kernel's routes explain outranks the reading; a bare errno does not
        if (refusal.isPresent() && (!refusal.get().fix().isEmpty() || reading.reachable())) {
            return refusal.get();
        }
        if (!reading.reachable()) {
            return reading;
        }
        return new Verdict(Verdict.Kind.UNEXPLAINED, Phrase.of("diag.unexplained", traceEnds(result)), List.of(), "");
    }

    /** Where a rule or policy dropped the probe (or its answer), in the order the namespaces were traced. */
    private record Drop(String namespace, NetfilterStep step, String hook) {
        Verdict verdict() {
            String table = step.table();
            String chain = step.chain();
            String tableOption = table.equals("filter") ? "" : "-t " + table + " ";
            Verdict.Kind kind = !table.equals("filter")
                    ? Verdict.Kind.DROPPED
                    : hook.equals("FORWARD")
                            ? Verdict.Kind.FORWARD_DROP
                            : hook.equals("INPUT") ? Verdict.Kind.INPUT_DROP : Verdict.Kind.DROPPED;
            List<String> objects = List.of(table + " " + chain + " in " + namespace);
            if ("policy".equals(step.kind())) {
                return new Verdict(
                        kind,
                        Phrase.of("diag.probeDroppedByPolicy", namespace, table, chain, step.verdict()),
                        objects,
                        Diagnoser.in(namespace, "iptables " + tableOption + "-P " + chain + " ACCEPT"));
            }
            String rule = "-A " + chain + " " + step.ruleText();
            return new Verdict(
                    kind,
                    Phrase.of(
                            "REJECT".equals(step.decision()) ? "diag.probeRejectedByRule" : "diag.probeDroppedByRule",
                            namespace,
                            table,
                            chain,
                            rule),
                    objects,
                    Diagnoser.in(namespace, "iptables " + tableOption + "-D " + chain + " " + step.ruleText()));
        }
    }

    private static Optional<Drop> firstDrop(ProbeResult result) {
        for (Map.Entry<String, List<NetfilterPath>> traced : result.traces().entrySet()) {
            for (NetfilterPath path : traced.getValue()) {
                String hook = "";
                for (NetfilterStep step : path.steps()) {
                    if (HOOKS.contains(step.chain())) {
                        hook = step.chain();
                    }
                    if ("DROP".equals(step.verdict())) {
                        return Optional.of(new Drop(traced.getKey(), step, hook));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The reading blames the chain the probe really died in: its words (policy, way) are kept. */
    private static boolean sameObstacle(Verdict reading, Drop drop) {
        return !reading.reachable()
                && reading.objects().contains(drop.step().table() + " " + drop.hook() + " in " + drop.namespace())
                && (reading.kind() == Verdict.Kind.FORWARD_DROP || reading.kind() == Verdict.Kind.INPUT_DROP)
                && drop.hook().equals(drop.step().chain());
    }

    /**
     * Asks the kernel's route lookup where the probe left (its own namespace) and wherever its trace stops
     * after PREROUTING, neither routed out nor delivered: the lookup's refusal is the cause.
     */
    private Optional<Verdict> routeRefusal(Topology topology, ProbeResult result, List<Phrase> evidence) {
        ProbePacket packet = result.packet();
        RouteLookup.Answer own = routes.get(packet.from(), packet.to());
        if (own.refused()) {
            evidence.add(Phrase.of("diag.witness.route", packet.from(), packet.to(), own.error()));
            return Optional.of(refused(topology, packet.from(), packet.to(), null, null, own));
        }
        for (Map.Entry<String, List<NetfilterPath>> traced : result.traces().entrySet()) {
            for (NetfilterPath path : traced.getValue()) {
                NetfilterPath.Header last = path.headers().get(path.headers().size() - 1);
                boolean stuck = !last.in().isEmpty()
                        && path.headers().stream().allMatch(h -> h.out().isEmpty())
                        && path.steps().stream().noneMatch(step -> step.chain().equals("INPUT"));
                if (stuck) {
                    RouteLookup.Answer answer = routes.get(traced.getKey(), last.dst(), last.src(), last.in());
                    evidence.add(Phrase.of(
                            "diag.witness.routeFrom",
                            traced.getKey(),
                            last.dst(),
                            last.src(),
                            last.in(),
                            answer.refused() ? answer.error() : answer.route()));
                    if (answer.refused()) {
                        return Optional.of(
                                refused(topology, traced.getKey(), last.dst(), last.src(), last.in(), answer));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Verdict refused(
            Topology topology,
            String namespace,
            String destination,
            String source,
            String in,
            RouteLookup.Answer answer) {
        Optional<RouteLookup.RefusingRoute> route = routes.refusingRoute(namespace, destination, answer.error());
        if (route.isPresent()) {
            return new Verdict(
                    Verdict.Kind.ROUTE_REFUSES,
                    Phrase.of("diag.routeRefuses", namespace, destination, answer.error(), route.get()),
                    List.of("routes of " + namespace),
                    route.get().removal(namespace));
        }
        if (in != null
                && answer.error().contains("Invalid argument")
                && !routes.get(namespace, destination).refused()) {
            return new Verdict(
                    Verdict.Kind.REVERSE_PATH_FILTER,
                    Phrase.of("diag.reversePath", namespace, source, in),
                    List.of(in + " in " + namespace),
                    Diagnoser.in(
                            namespace, "sysctl -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf." + in + ".rp_filter=0"));
        }
        boolean forwards = topology.namespace(namespace)
                .map(Topology.Namespace::forwarding)
                .orElse(true);
        if (in != null && !forwards) {
            return new Verdict(
                    Verdict.Kind.FORWARDING_OFF,
                    Phrase.of("diag.forwardingOff", namespace, destination, in),
                    List.of("ip_forward in " + namespace),
                    Diagnoser.in(namespace, "sysctl net.ipv4.conf.all.forwarding=1"));
        }
        return new Verdict(
                Verdict.Kind.ROUTE_REFUSES,
                Phrase.of("diag.routeLookupRefuses", namespace, destination, answer.error()),
                List.of("routes of " + namespace),
                "");
    }

    /** What the probe showed, one line each: the probe and its outcome, then its trace per namespace. */
    static List<Phrase> evidenceOf(ProbeResult result) {
        List<Phrase> evidence = new ArrayList<>();
        Phrase outcome = switch (result.outcome()) {
            case ANSWERED -> Phrase.of("diag.witness.answered");
            case REFUSED -> Phrase.of("diag.witness.refused");
            case UNANSWERED ->
                result.senderSays().isEmpty()
                        ? Phrase.of("diag.witness.unanswered")
                        : Phrase.of("diag.witness.unansweredSaying", result.senderSays());
        };
        evidence.add(Phrase.of("diag.witness.sent", result.packet().describe(), outcome));
        result.traces().forEach((namespace, paths) -> {
            if (paths.isEmpty()) {
                evidence.add(Phrase.of("diag.witness.notSeen", namespace));
            }
            paths.forEach(path -> evidence.add(Phrase.of("diag.witness.trace", namespace, journey(path))));
        });
        result.untraced().forEach((namespace, why) -> evidence.add(Phrase.of("diag.witness.untraced", namespace, why)));
        return evidence;
    }

    private static List<Diagnosis.Traced> traced(ProbeResult result) {
        List<Diagnosis.Traced> traced = new ArrayList<>();
        result.traces()
                .forEach((namespace, paths) -> paths.forEach(path -> traced.add(new Diagnosis.Traced(
                        namespace,
                        journey(path),
                        path.steps().stream().anyMatch(step -> "DROP".equals(step.verdict()))))));
        return traced;
    }

    /** "172.18.0.2 → 198.51.100.10: raw PREROUTING ACCEPT, filter FORWARD DROP (-A FORWARD -p icmp -j DROP)". */
    static String journey(NetfilterPath path) {
        NetfilterPath.Header first = path.headers().get(0);
        List<String> steps = new ArrayList<>();
        for (NetfilterStep step : path.steps()) {
            String what = step.table() + " " + step.chain() + " " + step.decision();
            if ("DROP".equals(step.verdict()) && "rule".equals(step.kind())) {
                what += " (-A " + step.chain() + " " + step.ruleText() + ")";
            }
            steps.add(what);
        }
        return first.src() + " → " + first.dst() + ": " + String.join(", ", steps);
    }

    /** Where each of the probe's traced paths ends ("host filter FORWARD"), or where it was sent from. */
    private static String traceEnds(ProbeResult result) {
        List<String> ends = new ArrayList<>();
        result.traces()
                .forEach((namespace, paths) -> paths.stream()
                        .filter(path -> !path.steps().isEmpty())
                        .map(path -> path.steps().get(path.steps().size() - 1))
                        .forEach(step -> ends.add(namespace + " " + step.table() + " " + step.chain())));
        return ends.isEmpty() ? result.packet().from() : String.join("; ", ends);
    }
}
