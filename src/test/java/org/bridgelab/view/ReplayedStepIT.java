package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.SessionBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A replayed session shows, next to its diagram, the step that diagram was recorded after, when it says which. */
@ExtendWith(ApplicationExtension.class)
class ReplayedStepIT {
    /** Recorded by bridgelab run s1 --bundle on the sandbox: its last topology is after s1's step ping-back. */
    private static final Path S1 = Path.of("src/test/resources/bundles/s1.bridgelab");

    private static final Curriculum CURRICULUM = Curriculum.bundled();
    private LabViewModel model;
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(CURRICULUM, Sandbox.WINDOW, new SameThreadTaskExecutor());
        window = TestWindow.show(stage, model);
    }

    @Test
    void a_bundle_of_bridgelab_run_selects_the_step_its_diagram_was_recorded_after(FxRobot robot) {
        robot.interact(() -> model.replay(S1));

        assertThat(model.replayingProperty().get()).isTrue();
        LessonPane.StepRef shown = window.lessons().selectedStep();
        assertThat(shown).isNotNull();
        assertThat(shown.lesson().id()).isEqualTo("s1");
        assertThat(shown.step().id()).isEqualTo("ping-back");
        // and its text says no step runs in a replay, rather than asking for "Run step"
        assertThat(robot.lookup(".hint").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("A recording is played back: no step runs here. Reset lab goes back to a lab.")
                .noneMatch(text -> text.contains("Run step"));
    }

    @Test
    void a_bundle_naming_no_step_leaves_the_selection_as_it_was(FxRobot robot) throws Exception {
        Path exported = dir.resolve("exported.bridgelab");
        RunReport report = new RunReport("sandbox on this machine", List.of(), null);
        SessionBundle.write(
                exported,
                new SessionBundle.Parts(
                        "alice",
                        "sandbox on this machine",
                        Instant.now(),
                        Instant.now(),
                        List.of(),
                        report,
                        SessionBundle.summarize(report, List.of(), Progress.none()),
                        null,
                        // as the window exports it: the diagram's topology, after no step in particular
                        Map.of("after-last-step", new Topology(List.of())),
                        Map.of()));
        LessonPane.StepRef before = window.lessons().selectedStep();

        robot.interact(() -> model.replay(exported));

        assertThat(model.replayingProperty().get()).isTrue();
        assertThat(window.lessons().selectedStep()).isEqualTo(before);
    }
}
