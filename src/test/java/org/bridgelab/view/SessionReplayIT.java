package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.session.SessionBundle;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.words.Wording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * An instructor prepares a demo: scenario 3 run in the real window on a sandbox, exported as a session, then
 * opened again and played back without a lab, the simulation's token moving through the recorded packets.
 */
@KernelTest
@ExtendWith(ApplicationExtension.class)
class SessionReplayIT {
    private static final Curriculum CURRICULUM = Curriculum.bundled();
    private static final FxTaskExecutor EXECUTOR = new FxTaskExecutor();
    private static LabViewModel model;
    private static MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(CURRICULUM, Sandbox.WINDOW, EXECUTOR);
        window = TestWindow.show(stage, model);
        model.connect();
    }

    @AfterAll
    static void closeTheLab() {
        TestWindow.close(model, EXECUTOR);
    }

    @Test
    void scenario_3_exported_then_opened_replays_without_a_lab_with_the_token_moving(FxRobot robot) throws Exception {
        // given: scenario 3 run through the window
        await(() -> model.connectedProperty().get());
        Lesson s3 = CURRICULUM.lesson("s3");
        robot.interact(() -> model.lessons().runLesson(s3));
        await(() -> !model.busyProperty().get() && model.lessons().state(s3, s3.goal()) == StepState.PASSED);

        // when: exported as a session
        Path bundle = dir.resolve("s3.bridgelab");
        java.util.concurrent.atomic.AtomicReference<Wording> said = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> model.exportSession(bundle, said::set));
        await(() -> said.get() != null);

        // then: a whole bundle of s1 and s3, with the capture
        assertThat(said.get().in("en")).startsWith("session written to");
        SessionBundle.Contents contents = SessionBundle.read(bundle);
        assertThat(contents.manifest().lessons()).containsExactly("s1", "s3");
        assertThat(contents.summary().lessons()).allMatch(SessionBundle.LessonOutcome::passed);
        assertThat(Files.size(bundle)).isPositive();

        // when: opened again
        robot.interact(() -> model.replay(bundle));
        await(() -> !model.busyProperty().get() && model.replayingProperty().get());

        // then: no lab, the recording shown: the masqueraded echo request among the packets
        assertThat(onFx(() -> model.session())).isNull();
        assertThat(onFx(() -> model.labDescriptionProperty().get().in("en"))).startsWith("replay of s3.bridgelab");
        await(() -> model.packets().rows().stream()
                .anyMatch(row -> row.event().summary().contains("192.0.2.183 > 198.51.100.10: ICMP echo request")));
        assertThat(onFx(() -> model.topology().topologyProperty().get().namespace("docker1")))
                .isPresent();
        assertThat(onFx(() -> window.topology().nodes().stream()
                        .filter(node -> node.getStyleClass().contains("pane-heading"))
                        .map(node -> ((javafx.scene.control.Label) node).getText())
                        .findFirst()
                        .orElseThrow()))
                .as("the diagram says it is the recorded kernel's, not the kernel's now")
                .contains("when the session was recorded");

        // when: simulation mode steps through them
        SimulationViewModel simulation = model.packets().simulation();
        robot.interact(simulation::start);
        PacketEvent first = onFx(() -> simulation.currentProperty().get());
        robot.interact(simulation::stepForward);
        robot.interact(simulation::stepForward);

        // then: the token moves from sighting to sighting, in the kernel's order
        PacketEvent third = onFx(() -> simulation.currentProperty().get());
        assertThat(first).isNotNull();
        assertThat(third).isNotNull().isNotEqualTo(first);
        assertThat(onFx(() -> simulation.positionProperty().get())).isEqualTo(2);
        assertThat(third.timestampNanos()).isGreaterThanOrEqualTo(first.timestampNanos());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return FxWait.onFx(read);
    }

    private static void await(BooleanSupplier condition) {
        FxWait.await(condition, () -> "problem: " + model.problemProperty().get());
    }
}
