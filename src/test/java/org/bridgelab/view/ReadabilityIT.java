package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real window, headless, no lab: a selected step can be read in both themes, and the timeline follows the theme. */
@ExtendWith(ApplicationExtension.class)
class ReadabilityIT {
    private Scene scene;

    @Start
    void start(Stage stage) {
        LabViewModel model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        scene = new Scene(new MainWindow(model, new I18n(I18n.ENGLISH)), 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void a_selected_step_reads_at_least_4_5_to_1_in_both_themes(FxRobot robot) {
        TreeView<?> tree = robot.lookup("#lesson-tree").queryAs(TreeView.class);
        robot.interact(() -> {
            tree.getRoot().getChildren().get(0).setExpanded(true);
            tree.getSelectionModel().select(2);
        });

        assertThat(contrastOfSelectedCell(robot)).as("light").isGreaterThanOrEqualTo(4.5);
        assertThat(contrastOfPassedCell(robot, false))
                .as("light, a passed step not selected")
                .isGreaterThanOrEqualTo(4.5);
        robot.interact(() -> scene.getStylesheets().add(Resources.url("assets/dark.css")));
        assertThat(contrastOfSelectedCell(robot)).as("dark").isGreaterThanOrEqualTo(4.5);
        assertThat(contrastOfPassedCell(robot, false))
                .as("dark, a passed step not selected")
                .isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void the_high_contrast_theme_reads_at_least_7_to_1_and_the_timeline_paints_black(FxRobot robot) {
        // given:
        TreeView<?> tree = robot.lookup("#lesson-tree").queryAs(TreeView.class);
        robot.interact(() -> {
            tree.getRoot().getChildren().get(0).setExpanded(true);
            tree.getSelectionModel().select(2);
        });

        // when: chosen with its button, which lets go of Dark
        robot.clickOn("#dark");
        robot.clickOn("#high-contrast");

        // then:
        assertThat(Theme.of(scene)).isEqualTo(Theme.HIGH_CONTRAST);
        assertThat(scene.getStylesheets()).noneMatch(sheet -> sheet.endsWith("dark.css"));
        assertThat(contrastOfSelectedCell(robot)).as("selected step").isGreaterThanOrEqualTo(7);
        assertThat(contrastOfPassedCell(robot, false)).as("a passed step").isGreaterThanOrEqualTo(7);
        Theme.Palette palette = Theme.HIGH_CONTRAST.palette();
        for (PacketTimelineViewModel.Kind kind : PacketTimelineViewModel.Kind.values()) {
            assertThat(Contrast.ratio(palette.of(kind), palette.background()))
                    .as(kind.label())
                    .isGreaterThanOrEqualTo(7);
        }
        assertThat(Contrast.ratio(palette.muted(), palette.background())).isGreaterThanOrEqualTo(7);
        Canvas canvas = robot.from(robot.lookup("#timeline").queryParent())
                .lookup((javafx.scene.Node node) -> node instanceof Canvas)
                .queryAs(Canvas.class);
        WritableImage picture =
                org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(10_000, () -> canvas.snapshot(null, null));
        assertThat(picture.getPixelReader().getColor(2, 2)).isEqualTo(Color.BLACK);

        // when: let go of it
        robot.clickOn("#high-contrast");

        // then: the light theme again
        assertThat(Theme.of(scene)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void the_timeline_repaints_in_the_dark_theme_when_it_is_switched_on(FxRobot robot) {
        // when:
        robot.interact(() -> scene.getStylesheets().add(Resources.url("assets/dark.css")));

        // then: the canvas's own background is the dark theme's
        Canvas canvas = robot.from(robot.lookup("#timeline").queryParent())
                .lookup((javafx.scene.Node node) -> node instanceof Canvas)
                .queryAs(Canvas.class);
        WritableImage picture =
                org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(10_000, () -> canvas.snapshot(null, null));
        Color corner = picture.getPixelReader().getColor(2, 2);
        assertThat(corner.getBrightness()).as("corner %s", corner).isLessThan(0.3);
    }

    private double contrastOfSelectedCell(FxRobot robot) {
        return contrastOfPassedCell(robot, true);
    }

    /** A step's cell, selected or not, styled as a passed step is (green text), as the learner reads it. */
    private double contrastOfPassedCell(FxRobot robot, boolean selected) {
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(candidate -> candidate.isSelected() == selected && !candidate.isEmpty())
                .findFirst()
                .orElseThrow();
        robot.interact(() -> {
            cell.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("passed"), true);
            cell.applyCss();
        });
        Color text = (Color) cell.getTextFill();
        Color background =
                (Color) ((Region) cell).getBackground().getFills().get(0).getFill();
        return Contrast.ratio(text, background);
    }
}
