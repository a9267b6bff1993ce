package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window zoomed for a room, at 1920×1080, headless and without a lab: everything grows together. */
@ExtendWith(ApplicationExtension.class)
class ZoomIT {
    private LabViewModel model;
    private MainWindow window;
    private ZoomPane zoomed;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        window = new MainWindow(model, new I18n(I18n.ENGLISH));
        zoomed = new ZoomPane(window);
        window.timeline().renderScaleProperty().bind(zoomed.zoomProperty());
        Scene scene = new Scene(zoomed, 1920, 1080);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.installShortcuts(scene);
        zoomed.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void ctrl_plus_grows_text_and_timeline_together_as_far_as_the_layout_fits_and_ctrl_0_goes_back(FxRobot robot) {
        // given: a step shown, its title as large as it is made
        Lesson s1 = model.lessons().curriculum().lesson("s1");
        robot.interact(() -> window.lessons().select(s1, s1.steps().get(0)));
        Label title = robot.lookup("#step-title").queryAs(Label.class);
        double before = onScreen(title).getHeight();

        // when: Ctrl + three times
        for (int i = 0; i < 3; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }

        // then: 1.1, 1.25, 1.5: the title a half larger on the screen, and the timeline's canvas has pixels for it
        assertThat(zoomed.zoomProperty().get()).isEqualTo(1.5);
        assertThat(onScreen(title).getHeight()).isCloseTo(before * 1.5, within(1.0));
        Canvas canvas =
                robot.lookup((javafx.scene.Node node) -> node instanceof Canvas).queryAs(Canvas.class);
        assertThat(canvas.getWidth()).isCloseTo(onScreen(canvas).getWidth(), within(1.0));

        // when: further than the layout fits at 1920×1080 (1024×600 points), then Ctrl 0
        for (int i = 0; i < 5; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }
        assertThat(zoomed.zoomProperty().get()).isEqualTo(1.75);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);

        // then:
        assertThat(zoomed.zoomProperty().get()).isEqualTo(1.0);
        assertThat(onScreen(title).getHeight()).isCloseTo(before, within(1.0));
    }

    @Test
    void a_drawing_is_scaled_down_to_fit_and_up_to_fill_at_most_twice(FxRobot robot) {
        // given: a drawing of 600×300 points
        javafx.scene.layout.Region drawing = new javafx.scene.layout.Region();
        drawing.setPrefSize(600, 300);
        ScaledToFit fit = new ScaledToFit(drawing);

        // when / then: in less room it shrinks, in more it grows to fill it, and no further than twice
        assertThat(scaleIn(robot, fit, 300, 900)).isEqualTo(0.5);
        assertThat(scaleIn(robot, fit, 900, 900)).isEqualTo(1.5);
        assertThat(scaleIn(robot, fit, 1200, 450)).isEqualTo(1.5);
        assertThat(scaleIn(robot, fit, 3000, 3000)).isEqualTo(ScaledToFit.MAX_UP);
    }

    @Test
    void a_part_of_the_drawing_is_zoomed_about_the_centre_or_the_pointer_moved_within_its_edges_and_fitted_again(
            FxRobot robot) {
        // given: a 600×300 drawing, whole in a pane of its size
        javafx.scene.layout.Region drawing = new javafx.scene.layout.Region();
        drawing.setPrefSize(600, 300);
        ScaledToFit fit = new ScaledToFit(drawing);
        assertThat(scaleIn(robot, fit, 600, 300)).isEqualTo(1.0);

        // when / then: + keeps the drawing's point at the pane's centre there, 1.25 times larger
        Point2D centre = paneToDrawing(fit, drawing, 300, 150);
        robot.interact(fit::zoomIn);
        assertThat(scaleIn(robot, fit, 600, 300)).isEqualTo(1.25);
        assertThat(inPane(fit, drawing, centre.getX(), centre.getY()).distance(300, 150))
                .isLessThan(1e-6);

        // when / then: Ctrl + scroll up over a point zooms about that point
        Point2D under = paneToDrawing(fit, drawing, 100, 50);
        robot.interact(() -> javafx.event.Event.fireEvent(fit, ctrlScroll(100, 50, 40)));
        assertThat(scaleIn(robot, fit, 600, 300)).isCloseTo(1.5625, within(1e-9));
        assertThat(inPane(fit, drawing, under.getX(), under.getY()).distance(100, 50))
                .isLessThan(1e-6);

        // when / then: a plain scroll moves it, but never past its edges
        robot.interact(() -> javafx.event.Event.fireEvent(fit, scroll(false, 5000, 5000)));
        scaleIn(robot, fit, 600, 300);
        assertThat(inPane(fit, drawing, 0, 0)).isEqualTo(new Point2D(4, 2));
        robot.interact(() -> javafx.event.Event.fireEvent(fit, scroll(false, -5000, -5000)));
        scaleIn(robot, fit, 600, 300);
        assertThat(inPane(fit, drawing, 600, 300).getX()).isCloseTo(600 - 4, within(1e-6));
        assertThat(inPane(fit, drawing, 600, 300).getY()).isCloseTo(300 - 2, within(1e-6));

        // when / then: no further than six times; Fit shows it whole again
        for (int i = 0; i < 20; i++) {
            robot.interact(fit::zoomIn);
        }
        assertThat(fit.zoom()).isEqualTo(ScaledToFit.MAX_ZOOM);
        robot.interact(fit::fit);
        assertThat(scaleIn(robot, fit, 600, 300)).isEqualTo(1.0);
        assertThat(inPane(fit, drawing, 0, 0)).isEqualTo(new Point2D(4, 2));
    }

    @Test
    void a_drag_that_moves_a_zoomed_drawing_is_not_a_click_on_what_it_began_on(FxRobot robot) {
        // given: a zoomed 600×300 drawing whose clicks are counted
        javafx.scene.layout.Region drawing = new javafx.scene.layout.Region();
        drawing.setPrefSize(600, 300);
        ScaledToFit fit = new ScaledToFit(drawing);
        int[] clicks = {0};
        drawing.addEventHandler(MouseEvent.MOUSE_CLICKED, click -> clicks[0]++);
        scaleIn(robot, fit, 600, 300);
        robot.interact(fit::zoomIn);
        scaleIn(robot, fit, 600, 300);
        Point2D before = inPane(fit, drawing, 0, 0);

        // when: pressed, dragged 40 points left, released and clicked where it ended
        robot.interact(() -> {
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_PRESSED, 300, 150, true));
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_DRAGGED, 260, 150, false));
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_RELEASED, 260, 150, false));
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_CLICKED, 260, 150, false));
        });
        scaleIn(robot, fit, 600, 300);

        // then: the drawing moved with the pointer, and no click reached it
        assertThat(inPane(fit, drawing, 0, 0).getX()).isCloseTo(before.getX() - 40, within(1e-6));
        assertThat(clicks[0]).isZero();

        // when / then: a click without a drag still reaches it
        robot.interact(() -> {
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_PRESSED, 200, 100, true));
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_RELEASED, 200, 100, true));
            javafx.event.Event.fireEvent(drawing, mouse(MouseEvent.MOUSE_CLICKED, 200, 100, true));
        });
        assertThat(clicks[0]).isEqualTo(1);
    }

    /** A primary-button mouse event at (x, y) of the pane: it has no parent, so its filters read them as given. */
    private static MouseEvent mouse(
            javafx.event.EventType<MouseEvent> type, double x, double y, boolean stillSincePress) {
        return new MouseEvent(
                type,
                x,
                y,
                x,
                y,
                javafx.scene.input.MouseButton.PRIMARY,
                1,
                false,
                false,
                false,
                false,
                true,
                false,
                false,
                false,
                false,
                stillSincePress,
                null);
    }

    @Test
    void the_buttons_over_the_diagram_zoom_it_and_fit_it_again(FxRobot robot) {
        ScaledToFit fit = robot.lookup(".scaled-to-fit").queryAs(ScaledToFit.class);
        double whole = fit.scale();
        // whole, the drawing is kept as one picture that travelling packets are drawn over
        assertThat(window.topology().drawnAsPicture()).isTrue();

        robot.clickOn("#diagram-zoom-in").clickOn("#diagram-zoom-in");
        assertThat(fit.scale()).isCloseTo(whole * 1.5625, within(1e-9));
        // zoomed in, a picture of the whole drawing would be many times the screen
        assertThat(window.topology().drawnAsPicture()).isFalse();
        robot.clickOn("#diagram-zoom-out");
        assertThat(fit.scale()).isCloseTo(whole * 1.25, within(1e-9));
        robot.clickOn("#diagram-fit");
        assertThat(fit.scale()).isEqualTo(whole);
        assertThat(window.topology().drawnAsPicture()).isTrue();
    }

    private static Point2D inPane(ScaledToFit fit, javafx.scene.Node drawing, double x, double y) {
        return drawing.getParent().localToParent(drawing.localToParent(x, y));
    }

    private static Point2D paneToDrawing(ScaledToFit fit, javafx.scene.Node drawing, double x, double y) {
        return drawing.parentToLocal(drawing.getParent().parentToLocal(x, y));
    }

    private static javafx.scene.input.ScrollEvent ctrlScroll(double x, double y, double deltaY) {
        return scrollAt(x, y, true, 0, deltaY);
    }

    private static javafx.scene.input.ScrollEvent scroll(boolean control, double deltaX, double deltaY) {
        return scrollAt(300, 150, control, deltaX, deltaY);
    }

    private static javafx.scene.input.ScrollEvent scrollAt(
            double x, double y, boolean control, double deltaX, double deltaY) {
        return new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL,
                x,
                y,
                x,
                y,
                false,
                control,
                false,
                false,
                false,
                false,
                deltaX,
                deltaY,
                deltaX,
                deltaY,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE,
                0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE,
                0,
                0,
                null);
    }

    private static double scaleIn(FxRobot robot, ScaledToFit fit, double width, double height) {
        robot.interact(() -> {
            fit.resize(width, height);
            fit.requestLayout();
            fit.layout();
        });
        return fit.scale();
    }

    @Test
    void f9_gives_the_diagram_and_the_timeline_the_whole_width_and_brings_the_lessons_back(FxRobot robot) {
        javafx.scene.Node diagram = robot.lookup(".console-pane").query();
        double before = onScreen(diagram).getWidth();

        robot.type(KeyCode.F9);

        assertThat(window.showsLessons()).isFalse();
        assertThat(onScreen(diagram).getWidth()).isGreaterThan(before * 1.3);

        robot.type(KeyCode.F9);

        assertThat(window.showsLessons()).isTrue();
        assertThat(onScreen(diagram).getWidth()).isCloseTo(before, within(2.0));
    }

    private static Bounds onScreen(javafx.scene.Node node) {
        return node.localToScreen(node.getBoundsInLocal());
    }
}
