package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code run --all --modern}: the whole curriculum with today's commands where a lesson gives them, on a real sandbox. */
@KernelTest
class ModernCurriculumIT {
    private static RunReport report;

    @BeforeAll
    static void runTheCurriculumInItsModernForm() {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            report = new LessonRunner(lab.host(), RunListener.NONE, true)
                    .run(Curriculum.bundled().lessons());
        }
    }

    @Test
    void every_lesson_passes_with_the_modern_commands() {
        assertThat(report.error()).isNull();
        assertThat(report.lessons())
                .hasSize(Curriculum.bundled().lessons().size())
                .allSatisfy(
                        lesson -> assertThat(lesson.passed()).as(lesson.id()).isTrue());
    }

    @Test
    void the_modern_forms_are_what_ran() {
        List<String> ran = report.lessons().stream()
                .flatMap(l -> l.steps().stream())
                .flatMap(s -> s.actions().stream())
                .map(RunReport.ActionReport::display)
                .toList();
        assertThat(ran)
                .contains(
                        "sudo ip link add br0 type bridge",
                        "sudo ip link set veth1 master br0",
                        "bridge link",
                        "sudo ip netns exec docker0 ip route add default via 172.18.0.1 dev veth0",
                        "sudo ip netns exec docker0 ip route",
                        "sudo ip link del br0",
                        "sudo nft list chain ip nat POSTROUTING");
        assertThat(ran).noneMatch(command -> command.contains("brctl") || command.contains(" route add default gw"));
    }
}
