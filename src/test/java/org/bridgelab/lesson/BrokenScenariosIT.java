package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * Each scenario broken on purpose, the way a learner might (a command forgotten, a step skipped), on a real
 * sandbox: the run stops at the step whose checks catch it, and that step's report carries its hint and,
 * where a "reaches" fact judges it, the diagnosis naming the obstacle and its fix.
 */
@KernelTest
class BrokenScenariosIT {
    private final Curriculum curriculum = Curriculum.bundled();

    @Test
    void s1_without_switching_br0_on() {
        Lesson s1 = withoutRun(lesson("s1"), "bridge-address", "sudo ip link set br0 up");

        RunReport.StepReport failed = failedStep(run(List.of(s1)));

        assertThat(failed.id()).isEqualTo("bridge-address");
        assertThat(failed.hint()).isEqualTo(step("s1", "bridge-address").hint());
        assertThat(failedCheck(failed, "reaches").evidence().in("en"))
                .contains("INTERFACE_DOWN")
                .contains("br0");
    }

    @Test
    void s3_without_the_masquerade_rule() {
        Lesson s3 = withoutRun(
                lesson("s3"),
                "masquerade",
                "sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");

        RunReport.StepReport failed = failedStep(run(List.of(lesson("s1"), s3)));

        assertThat(failed.id()).isEqualTo("masquerade");
        assertThat(failed.hint().en()).contains("POSTROUTING");
        assertThat(failedCheck(failed, "reaches").evidence().in("en"))
                .contains("NO_MASQUERADE")
                .contains("MASQUERADE");
    }

    @Test
    void s3_without_the_default_routes() {
        Lesson s3 = withoutStep(lesson("s3"), "default-routes");

        RunReport.StepReport failed = failedStep(run(List.of(lesson("s1"), s3)));

        assertThat(failed.id())
                .as("the ping fails, but not the way this step expects")
                .isEqualTo("before-masquerade");
        assertThat(failedCheck(failed, "exit status").evidence().in("en")).isEqualTo("exit status 2");
        assertThat(failed.hint().en()).contains("Network is unreachable").contains("default route");
        assertThat(check(failed, "cannot reach 198.51.100.10").evidence().in("en"))
                .contains("NO_ROUTE");
    }

    @Test
    void s4_without_the_dnat_rule() {
        Lesson s4 = withoutStep(lesson("s4"), "dnat");

        RunReport.StepReport failed = failedStep(run(List.of(lesson("s1"), lesson("s3"), s4)));

        assertThat(failed.id()).isEqualTo("server");
        assertThat(failed.hint()).isEqualTo(step("s4", "server").hint());
        assertThat(failedCheck(failed, "reaches").evidence().in("en"))
                .contains("NO_DNAT")
                .contains("DNAT --to-destination 172.18.0.2");
    }

    private static RunReport run(List<Lesson> lessons) {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            return new LessonRunner(lab.host(), RunListener.NONE).run(lessons);
        }
    }

    private static RunReport.StepReport failedStep(RunReport report) {
        assertThat(report.passed()).isFalse();
        List<RunReport.StepReport> failed = report.lessons().stream()
                .flatMap(l -> l.steps().stream())
                .filter(step -> !step.passed())
                .toList();
        assertThat(failed).hasSize(1);
        return failed.get(0);
    }

    private static CheckResult failedCheck(RunReport.StepReport step, String kind) {
        return step.actions().stream()
                .flatMap(a -> a.checks().stream())
                .filter(check -> !check.passed() && check.expected().toString().contains(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failed " + kind + " check in " + step));
    }

    private static CheckResult check(RunReport.StepReport step, String kind) {
        return step.actions().stream()
                .flatMap(a -> a.checks().stream())
                .filter(check -> check.expected().toString().contains(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " check in " + step));
    }

    private Lesson lesson(String id) {
        return curriculum.lessons().stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private Lesson.Step step(String lesson, String step) {
        return lesson(lesson).steps().stream()
                .filter(s -> s.id().equals(step))
                .findFirst()
                .orElseThrow();
    }

    private static Lesson withoutStep(Lesson lesson, String stepId) {
        return copy(
                lesson,
                lesson.steps().stream()
                        .filter(step -> !step.id().equals(stepId))
                        .toList());
    }

    private static Lesson withoutRun(Lesson lesson, String stepId, String command) {
        Predicate<Action> keep =
                action -> !(action instanceof Action.Run run && run.text().equals(command));
        List<Lesson.Step> steps = lesson.steps().stream()
                .map(step -> !step.id().equals(stepId)
                        ? step
                        : new Lesson.Step(
                                step.id(),
                                step.title(),
                                step.text(),
                                step.hint(),
                                step.predict(),
                                step.actions().stream().filter(keep).toList()))
                .toList();
        assertThat(steps).as("the command to leave out exists").isNotEqualTo(lesson.steps());
        return copy(lesson, steps);
    }

    private static Lesson copy(Lesson lesson, List<Lesson.Step> steps) {
        return new Lesson(
                lesson.id(),
                lesson.title(),
                lesson.summary(),
                lesson.requires(),
                steps,
                lesson.source() + " (broken on purpose)");
    }
}
