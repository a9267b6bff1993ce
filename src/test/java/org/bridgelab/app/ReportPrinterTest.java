package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunReport;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {
    private static final Lesson OVERLAY = Curriculum.bundled().lesson("overlay");

    @Test
    void anUnderlayStepWithNothingRunSaysTheLabBuildsThatNetworkItself() {
        assertThat(finished("en", "take-down", List.of()))
                .contains("on two lab hosts, the lab itself builds and removes the network between them");
        assertThat(finished("zh", "take-down", List.of())).contains("它们之间的网络由实验环境自己搭建和拆除");
    }

    @Test
    void anUnderlayStepThatRanItsCommandsSaysNothingMore() {
        RunReport.ActionReport ran =
                new RunReport.ActionReport("sudo ip netns del hosta", "host", 0, "", 12, List.of());
        assertThat(finished("en", "take-down", List.of(ran))).doesNotContain("on two lab hosts");
    }

    @Test
    void anOrdinaryStepIsNotSaidToBeTheLabs() {
        String other = OVERLAY.steps().stream()
                .filter(step -> !step.underlay())
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(finished("en", other, List.of())).doesNotContain("on two lab hosts");
    }

    private static String finished(String language, String stepId, List<RunReport.ActionReport> actions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ReportPrinter(out, language)
                .stepFinished(OVERLAY, new RunReport.StepReport("overlay", stepId, stepId, actions));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
