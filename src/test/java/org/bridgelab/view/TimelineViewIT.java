package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real main window, headless through Monocle, with no lab: what a frame of the scrolling timeline
 * repaints. JavaFX paints the background of every region on the path from the window's root to a changed
 * node; a region with more than one fill is painted from a cached image stretched in nine slices, which the
 * software pipeline interpolates pixel by pixel: Modena's split panes cost ~6 ms of every scrolling frame
 * that way (docs/benchmarks.md, "The window"). No timings here, only the window's structure.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineViewIT {
    private MainWindow window;
    private Scene scene;

    private LabViewModel model;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        window = new MainWindow(model, new I18n(I18n.ENGLISH));
        scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void the_capture_point_filter_still_shows_every_point_chosen_as_wires_come_and_go(FxRobot robot) {
        // given: every point chosen (the first item)
        @SuppressWarnings("unchecked")
        ComboBox<String> filter = robot.lookup("#filter-point").queryAs(ComboBox.class);
        PacketTimelineViewModel packets = model.packets();
        // when: the captured wires change twice, as a lab's wires come up
        robot.interact(() -> packets.capturing(List.of(new CapturePoint("hosta", "eth0")), ""));
        robot.interact(() ->
                packets.capturing(List.of(new CapturePoint("hosta", "eth0"), new CapturePoint("hostb", "eth0")), ""));

        // then: the box lists them after the first item, which is still chosen and shown
        assertThat(FxWait.onFx(() -> List.copyOf(filter.getItems())))
                .containsExactly("all capture points", "hosta/eth0", "hostb/eth0");
        assertThat(FxWait.onFx(() -> filter.getSelectionModel().getSelectedIndex()))
                .isZero();
        // (the cell the box shows is its own child; its list's cells are elsewhere)
        assertThat(FxWait.onFx(() -> filter.getChildrenUnmodifiable().stream()
                        .filter(node -> node instanceof ListCell)
                        .map(node -> ((ListCell<?>) node).getText())
                        .toList()))
                .containsExactly("all capture points");
    }

    @Test
    void packets_that_come_while_another_tab_is_shown_are_drawn_once_the_timeline_is_shown_again(FxRobot robot) {
        // given: the console's own tab selected, the timeline hidden behind it
        robot.interact(() -> window.console().getSelectionModel().select(1));
        Label count = robot.lookup("#timeline-count").queryAs(Label.class);
        // when: scenario 3's packets come in, on the lab they were captured on
        robot.interact(() -> RecordedCaptures.showScenario3(model));
        FxWait.await(() -> !model.packets().rows().isEmpty(), () -> "scenario 3's rows");
        int rows = FxWait.onFx(() -> model.packets().rows().size());
        // then: hidden, the timeline has not drawn them, nor counted them
        assertThat(FxWait.onFx(count::getText)).isNotEqualTo(rows + " packets");
        // when: the learner goes back to the timeline's tab
        robot.interact(() -> window.console().getSelectionModel().select(0));
        // then: it catches up at once, every packet counted
        assertThat(FxWait.onFx(count::getText)).isEqualTo(rows + " packets");
    }

    @Test
    void no_region_around_the_timeline_canvas_paints_more_than_one_fill_in_the_light_theme(FxRobot robot) {
        // given: the window in the light theme
        // when: its styles are applied (it is shown)
        // then: every background repainted under the canvas is a plain rectangle fill
        assertThat(backgroundsAroundTheCanvas(robot))
                .allSatisfy(fills -> assertThat(fills).endsWith(" 1 fill"));
    }

    @Test
    void no_region_around_the_timeline_canvas_paints_more_than_one_fill_in_the_dark_theme(FxRobot robot) {
        // given: the window
        // when: the learner switches to the dark theme
        robot.interact(() -> scene.getStylesheets().add(Resources.url("assets/dark.css")));
        // then: every background repainted under the canvas is still a plain rectangle fill
        assertThat(backgroundsAroundTheCanvas(robot))
                .allSatisfy(fills -> assertThat(fills).endsWith(" 1 fill"));
    }

    /** Each region from the canvas up to the root that has a background: "Class [style classes] N fill(s)". */
    private List<String> backgroundsAroundTheCanvas(FxRobot robot) {
        List<String> found = new ArrayList<>();
        robot.interact(() -> {
            window.applyCss();
            window.layout();
            Canvas canvas = (Canvas) descendants(window.timeline()).stream()
                    .filter(Canvas.class::isInstance)
                    .findFirst()
                    .orElseThrow();
            for (Parent parent = canvas.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof Region region
                        && region.getBackground() != null
                        && !region.getBackground().isEmpty()) {
                    int fills = region.getBackground().getFills().size();
                    found.add(region.getClass().getSimpleName() + " " + region.getStyleClass() + " " + fills
                            + (fills == 1 ? " fill" : " fills"));
                }
            }
        });
        assertThat(found).as("regions with a background around the canvas").isNotEmpty();
        return found;
    }

    private static List<Node> descendants(Node root) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Parent parent) {
                nodes.addAll(parent.getChildrenUnmodifiable());
            }
        }
        return nodes;
    }
}
