package org.bridgelab.view;

import java.util.List;
import java.util.stream.Collectors;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.StateCheck;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.Lesson;

/** A step's state checks judged again on a snapshot, to see whether the kernel still shows what they showed. */
final class StateCheckFacts {
    private StateCheckFacts() {
    }

    /** Says every port listens: a fact about a listening socket is not judged again from a snapshot. */
    static final class ListeningUnchanged implements ListenerProbe {
        @Override
        public boolean listens(String namespace, int tcpPort) {
            return true;
        }
    }

    static List<StateCheck> of(Lesson.Step step) {
        return step.actions().stream().filter(Action.Check.class::isInstance).map(Action.Check.class::cast)
                .flatMap(check -> check.facts().stream()).toList();
    }

    static boolean allHold(List<StateCheck> facts, Topology topology, ListenerProbe listening) {
        return facts.stream().allMatch(fact -> fact.evaluate(topology, listening).passed());
    }

    /** The facts that fail, each with the kernel's evidence: "nat PREROUTING … -j DNAT … in host (none)". */
    static String failing(List<StateCheck> facts, Topology topology, ListenerProbe listening) {
        return facts.stream().map(fact -> fact.evaluate(topology, listening)).filter(outcome -> !outcome.passed())
                .map(outcome -> outcome.expected() + " (" + outcome.evidence() + ")").collect(Collectors.joining("; "));
    }
}
