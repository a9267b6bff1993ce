package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.ProgressFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A learner comes back: the window remembers what was done (no lab needed to see that), and can forget it. */
@ExtendWith(ApplicationExtension.class)
class ProgressIT {
    private final Lesson s1 = Curriculum.bundled().lesson("s1");
    private LabViewModel model;

    @Start
    void start(Stage stage) {
        // given: an earlier session completed s1's first step and was at its second
        try {
            ProgressFile.standard()
                    .save(Progress.none()
                            .completing("s1", s1.steps().get(0).id())
                            .at("s1", s1.steps().get(1).id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        Scene scene = new Scene(new MainWindow(model, new I18n(I18n.ENGLISH)), 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void the_window_offers_to_continue_and_marks_what_was_done_before_apart_from_this_labs_checks(FxRobot robot) {
        Button resume = robot.lookup("#resume").queryAs(Button.class);
        assertThat(resume.isVisible()).isTrue();
        assertThat(resume.getText()).isEqualTo("Continue where you left off");

        MainWindow window = (MainWindow) resume.getScene().getRoot();
        Lesson shown = model.lessons().curriculum().lesson("s1");
        robot.interact(() -> window.lessons().select(shown, shown.steps().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        String firstStep = s1.steps().get(0).title().en();
        assertThat(robot.lookup(".tree-cell").queryAllAs(TreeCell.class))
                .map(TreeCell::getText)
                .contains("☑  " + firstStep);
    }

    @Test
    void start_over_forgets_it_in_the_file_too(FxRobot robot) {
        robot.clickOn("#forget-progress");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(ProgressFile.standard().load().progress().isEmpty()).isTrue();
        assertThat(robot.lookup("#resume").queryAs(Button.class).isVisible()).isFalse();
        assertThat(robot.lookup("#forget-progress").queryAs(Button.class).isVisible())
                .isFalse();
    }
}
