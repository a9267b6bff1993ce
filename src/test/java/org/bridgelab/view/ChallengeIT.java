package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A learner takes on a challenge in the real window, on a real sandbox lab, and repairs it with a typed command. */
@KernelTest
@ExtendWith(ApplicationExtension.class)
class ChallengeIT {
    private static final Curriculum CURRICULUM = Curriculum.bundled();
    private static final FxTaskExecutor EXECUTOR = new FxTaskExecutor();
    private static LabViewModel model;
    private static MainWindow window;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(CURRICULUM, Sandbox.WINDOW, EXECUTOR);
        window = TestWindow.show(stage, model);
        model.lessons().progress().forget();
        model.connect();
    }

    @AfterAll
    static void closeTheLab() {
        if (model != null) {
            // the help this test asked for is not a learner's
            WaitForAsyncUtils.asyncFx(() -> model.lessons().progress().forget());
            WaitForAsyncUtils.waitForFxEvents();
        }
        TestWindow.close(model, EXECUTOR);
    }

    @Test
    void a_challenge_is_set_up_hidden_repaired_with_a_typed_command_and_passes(FxRobot robot) {
        // given: the FORWARD DROP challenge's goal, run once: the lab is built and broken, the goal fails
        await(() -> model.connectedProperty().get());
        Lesson challenge = CURRICULUM.lesson("challenge-forward-drop");
        robot.interact(() -> window.lessons().select(challenge, challenge.goal()));
        robot.clickOn("#run-step");
        await(() ->
                !model.busyProperty().get() && model.lessons().state(challenge, challenge.goal()) == StepState.FAILED);

        // then: neither the set-up's command nor the kernel's evidence on the goal gives the fault away
        List<String> seen = onFx(
                () -> model.console().entries().stream().map(ConsoleEntry::text).toList());
        assertThat(seen).noneMatch(text -> text.contains("FORWARD DROP") || text.contains("FORWARD_DROP"));
        assertThat(seen).anyMatch(text -> text.contains("set up the challenge's fault"));
        assertThat(checksShown(robot)).anyMatch(text -> text.startsWith("✗ docker0 reaches 198.51.100.10"));
        assertThat(checksShown(robot)).noneMatch(text -> text.contains("FORWARD"));
        assertThat(onFx(() -> model.lessons().lastFailureProperty().get()))
                .as("the probe's path, which the diagram would draw")
                .isNull();

        // when: the learner asks for a hint
        robot.clickOn("#challenge-hint");

        // then: the first hint, and only it, shows, and the help is recorded
        await(() -> !robot.lookup("#challenge-hint-1").queryAll().isEmpty());
        assertThat(robot.lookup("#challenge-hint-2").queryAll()).isEmpty();
        assertThat(onFx(() -> model.lessons().help(challenge).hints())).isEqualTo(1);

        // when: the learner repairs the lab from the console, then runs the goal again
        robot.clickOn("#console-tab");
        robot.clickOn("#console-input").write("sudo iptables -P FORWARD ACCEPT").type(KeyCode.ENTER);
        await(() -> !model.busyProperty().get()
                && model.console().entries().stream()
                        .anyMatch(entry -> entry.text().equals("$ sudo iptables -P FORWARD ACCEPT")));
        robot.clickOn("#run-step");
        await(() -> !model.busyProperty().get()
                && model.lessons().state(challenge, challenge.goal()) != StepState.RUNNING
                && model.lessons().state(challenge, challenge.goal()) != StepState.FAILED);

        // then: the challenge passes, on the kernel's word
        assertThat(model.lessons().state(challenge, challenge.goal())).isEqualTo(StepState.PASSED);
        assertThat(checksShown(robot)).contains("✓ docker0 reaches 198.51.100.10", "✓ docker1 reaches 198.51.100.10");

        // when: the learner asks for the diagnosis after all
        robot.clickOn("#challenge-diagnosis");

        // then: it shows, and that is recorded
        await(() -> !robot.lookup("#challenge-diagnosis-text").queryAll().isEmpty());
        assertThat(onFx(() -> robot.lookup("#challenge-diagnosis-text")
                        .queryAs(Label.class)
                        .getText()))
                .startsWith("The FORWARD chain's policy was DROP");
        assertThat(onFx(() -> model.lessons().help(challenge).diagnosis())).isTrue();
    }

    private static List<String> checksShown(FxRobot robot) {
        return onFx(() -> robot.lookup("#step-checks .label").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .toList());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return FxWait.onFx(read);
    }

    private static void await(BooleanSupplier condition) {
        FxWait.await(
                condition,
                () -> "console: "
                        + model.console().entries().stream()
                                .map(ConsoleEntry::text)
                                .toList());
    }
}
