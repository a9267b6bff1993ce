package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real main window, headless through Monocle, with no lab: the console's lines behind another tab. */
@ExtendWith(ApplicationExtension.class)
class ConsolePaneIT {
    private LabViewModel model;
    private MainWindow window;

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
    void lines_that_come_behind_another_tab_are_all_there_with_the_newest_in_view_once_the_console_is_shown(
            FxRobot robot) {
        // given: the timeline's tab in front of the console's (as while a step runs)
        @SuppressWarnings("unchecked")
        ListView<ConsoleEntry> lines = robot.lookup("#console-lines").queryAs(ListView.class);
        assertThat(FxWait.onFx(() -> window.console().getSelectionModel().getSelectedIndex()))
                .isZero();
        // when: a hundred lines come in
        robot.interact(() -> {
            for (int i = 1; i <= 100; i++) {
                model.console().note("line " + i);
            }
        });
        // then: the hidden list holds none of them (it would be laid out for each)
        assertThat(FxWait.onFx(() -> lines.getItems().size())).isZero();
        // when: the learner brings the console to the front
        robot.interact(() -> window.console().getSelectionModel().select(1));
        // then: every line is there, and the newest is in view
        int entries = FxWait.onFx(() -> model.console().entries().size());
        assertThat(entries).isGreaterThanOrEqualTo(100);
        assertThat(FxWait.onFx(() -> lines.getItems().size())).isEqualTo(entries);
        assertThat(FxWait.onFx(() ->
                        robot.lookup(".console .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                                .filter(cell -> cell.isVisible() && cell.getItem() != null)
                                .map(cell -> String.valueOf(((ConsoleEntry) cell.getItem()).text()))
                                .toList()))
                .anyMatch(text -> text.contains("line 100"));
        // when: it goes behind the timeline again
        robot.interact(() -> window.console().getSelectionModel().select(0));
        // then: the list lets its lines go
        assertThat(FxWait.onFx(() -> lines.getItems().size())).isZero();
    }
}
