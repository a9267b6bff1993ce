package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.bridgelab.kernel.StateCheck;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.junit.jupiter.api.Test;

class StateCheckFactsTest {
    private final Lesson s1 = Curriculum.bundled().lesson("s1");

    private Lesson.Step step(String id) {
        return s1.steps().stream()
                .filter(step -> step.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_reachability_verdict_is_not_judged_again_from_a_snapshot_without_a_probe() {
        // "ping" checks only that docker0 reaches docker1: a probe packet's business, never a snapshot's
        assertThat(StateCheckFacts.of(step("ping"))).isEmpty();
        // "bridge-address" keeps its snapshot facts (address, br0 up, route) and drops its reachability one
        assertThat(StateCheckFacts.of(step("bridge-address")))
                .hasSize(3)
                .noneMatch(StateCheck.Reaches.class::isInstance);
    }
}
