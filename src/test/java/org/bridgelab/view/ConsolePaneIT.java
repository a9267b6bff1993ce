package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
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
        window = TestWindow.show(stage, model);
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
        FxWait.await(
                () -> newestWhollyInView(lines), () -> "the newest line is not wholly in view: " + shownCells(lines));
        // when: it goes behind the timeline again
        robot.interact(() -> window.console().getSelectionModel().select(0));
        // then: the list lets its lines go
        assertThat(FxWait.onFx(() -> lines.getItems().size())).isZero();
    }

    /** Whether the list's last line is shown from top to bottom inside the list's viewport. */
    private static boolean newestWhollyInView(ListView<ConsoleEntry> lines) {
        double bottom = viewportBottom(lines);
        return lines.lookupAll(".list-cell").stream()
                .map(ListCell.class::cast)
                .filter(cell ->
                        cell.isVisible() && cell.getIndex() == lines.getItems().size() - 1)
                .anyMatch(cell -> cell.localToScene(cell.getLayoutBounds()).getMaxY() <= bottom + 0.5
                        && "line 100".equals(((ConsoleEntry) cell.getItem()).text()));
    }

    /** The lines shown, with where their cells end and where the viewport ends (for a failure's message). */
    private static List<String> shownCells(ListView<ConsoleEntry> lines) {
        double bottom = viewportBottom(lines);
        return lines.lookupAll(".list-cell").stream()
                .map(ListCell.class::cast)
                .filter(cell -> cell.isVisible() && cell.getItem() != null)
                .map(cell -> ((ConsoleEntry) cell.getItem()).text() + " ends at "
                        + cell.localToScene(cell.getLayoutBounds()).getMaxY() + " of " + bottom)
                .toList();
    }

    /** Where the list's viewport ends, in the scene: below it a line is cut off. */
    private static double viewportBottom(ListView<ConsoleEntry> lines) {
        Node viewport = lines.lookup(".clipped-container");
        return viewport.localToScene(viewport.getLayoutBounds()).getMaxY();
    }
}
