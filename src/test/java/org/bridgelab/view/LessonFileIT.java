package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File ▸ Open lesson in the window, headless and without a lab: the lesson is offered, or the dialog says why not. */
@ExtendWith(ApplicationExtension.class)
class LessonFileIT {
    private MainWindow window;
    private LabViewModel model;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        window = new MainWindow(model, new I18n(I18n.ENGLISH));
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void an_opened_lesson_is_listed_and_its_first_step_shown(FxRobot robot) throws Exception {
        // given:
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {"id": "mine", "title": {"en": "My own lesson", "zh": "我的课程"},
                 "steps": [{"id": "look", "title": {"en": "Look at the links", "zh": "看看网卡"},
                            "actions": [{"run": "ip link"}]}]}
                """);

        // when:
        robot.interact(() -> window.lessons().open(file));

        // then:
        LessonPane.StepRef shown = window.lessons().selectedStep();
        assertThat(shown.lesson().id()).isEqualTo("mine");
        assertThat(shown.step().id()).isEqualTo("look");
        assertThat(robot.lookup("#open-lesson").queryButton().getText()).isEqualTo("Open lesson…");
    }

    @Test
    void a_file_that_is_no_lesson_is_named_with_its_field_and_problem_in_a_dialog(FxRobot robot) throws Exception {
        // given:
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"id\": \"broken\", \"title\": {\"en\": \"Broken\"}, \"steps\": []}");

        // when:
        robot.interact(() -> window.lessons().open(file));

        // then:
        DialogPane dialog = robot.lookup("#lesson-open-failed").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("This lesson file cannot be used");
        assertThat(dialog.getContentText()).startsWith(file + ": ").contains("field \"title.zh\"");
        assertThat(model.lessons().curriculum().lessons())
                .noneMatch(lesson -> lesson.id().equals("broken"));
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }
}
