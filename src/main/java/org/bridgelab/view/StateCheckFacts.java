package org.bridgelab.view;

import java.util.List;
import java.util.stream.Collectors;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.StateCheck;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.words.Wording;

/**
 * A step's state checks judged again on a snapshot, to see whether the kernel still shows what they showed.
 * Only facts a snapshot shows as they are (namespaces, links, addresses, routes, rules, policies): whether
 * one node reaches another is a verdict a probe packet must witness, so it is not judged again here.
 */
final class StateCheckFacts {
    /** No fact judged here asks for listening sockets (only reachability does, and it is left out). */
    static final ListenerProbe NOT_ASKED = (namespace, tcpPort) -> {
        throw new IllegalStateException("a snapshot fact asked whether " + namespace + ":" + tcpPort + " listens");
    };

    private StateCheckFacts() {}

    static List<StateCheck> of(Lesson.Step step) {
        return step.actions().stream()
                .filter(Action.Check.class::isInstance)
                .map(Action.Check.class::cast)
                .flatMap(check -> check.facts().stream())
                .filter(fact -> !(fact instanceof StateCheck.Reaches))
                .toList();
    }

    static boolean allHold(List<StateCheck> facts, Topology topology, ListenerProbe listening) {
        return facts.stream()
                .allMatch(fact -> fact.evaluate(topology, listening).passed());
    }

    /** The facts that fail, each with the kernel's evidence: "nat PREROUTING … -j DNAT … in host (none)". */
    static Wording failing(List<StateCheck> facts, Topology topology, ListenerProbe listening) {
        List<StateCheck.Outcome> failed = facts.stream()
                .map(fact -> fact.evaluate(topology, listening))
                .filter(outcome -> !outcome.passed())
                .toList();
        return language -> failed.stream()
                .map(outcome -> outcome.expected().in(language) + " ("
                        + outcome.evidence().in(language) + ")")
                .collect(Collectors.joining("; "));
    }
}
