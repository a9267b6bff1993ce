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
import org.bridgelab.lesson.Lesson;
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
        // and it shows the step as it ran then, with the checks it recorded, rather than asking for "Run step"
        assertThat(model.lessons().state(shown.lesson(), shown.step())).isEqualTo(StepState.PASSED);
        assertThat(robot.lookup("#step-recorded").queryAs(Label.class).getText())
                .startsWith("As recorded: what the kernel said when this step ran");
        assertThat(robot.lookup("#step-checks .check-passed").queryAllAs(Label.class))
                .extracting(Label::getText)
                .isNotEmpty()
                .allMatch(text -> text.startsWith("✓ "));
        assertThat(robot.lookup(".hint").queryAllAs(Label.class))
                .extracting(Label::getText)
                .noneMatch(text -> text.contains("Run step"));

        // when: the learner reads it in Chinese
        robot.interact(() -> robot.lookup("#language")
                .queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue(I18n.CHINESE));

        // then: the note says so in Chinese, and the recorded checks are the recording's own words, marked so
        assertThat(robot.lookup("#step-recorded").queryAs(Label.class).getText())
                .startsWith("录制时的结果");
        assertThat(robot.lookup("#step-checks .check-passed").queryAllAs(Label.class))
                .allMatch(line -> line.getStyleClass().contains("recorded"));
        assertThat(FxWait.onFx(() ->
                        EnglishWords.in(robot.lookup("#step-checks").query().getParent())))
                .isEmpty();
    }

    @Test
    void a_step_the_recording_did_not_run_says_no_step_runs_in_a_replay(FxRobot robot) {
        // given: s1 played back
        robot.interact(() -> model.replay(S1));
        Lesson s3 = CURRICULUM.lesson("s3");

        // when: a step of a lesson the recording never ran is looked at
        robot.interact(() -> window.lessons().select(s3, s3.steps().get(0)));

        // then:
        assertThat(model.lessons().state(s3, s3.steps().get(0))).isEqualTo(StepState.NOT_RUN);
        assertThat(robot.lookup(".hint").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("A recording is played back: no step runs here. Reset lab goes back to a lab.");
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
