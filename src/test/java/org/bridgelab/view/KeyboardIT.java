package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.Protocol;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's keys do what they say wherever the focus is (no lab needed). */
@ExtendWith(ApplicationExtension.class)
class KeyboardIT {
    private LabViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), LabHostChoice.sandbox(), new SameThreadTaskExecutor());
        window = new MainWindow(model, new I18n(I18n.ENGLISH));
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void ctrl_page_down_moves_to_the_next_step_with_the_focus_in_the_lesson_tree(FxRobot robot) {
        Lesson first = model.curriculum().lessons().get(0);
        robot.interact(() -> window.lessons().select(first, first.steps().get(0)));
        robot.clickOn("#lesson-tree");
        robot.interact(() -> window.lessons().select(first, first.steps().get(0)));

        robot.press(KeyCode.CONTROL, KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        TreeView<?> tree = robot.lookup("#lesson-tree").queryAs(TreeView.class);
        assertThat(tree.getSelectionModel().getSelectedItem().getValue())
                .isEqualTo(new LessonPane.StepRef(first, first.steps().get(1)));
    }

    @Test
    void down_on_a_selected_packet_selects_the_next_one_and_stays_on_the_packets_tab(FxRobot robot) {
        // given: three packets, the first one clicked
        CapturePoint br0 = new CapturePoint("host", "br0");
        robot.interact(() -> model.packets().showFx(List.of(arp(br0, 1, 1_000), arp(br0, 2, 2_000), arp(br0, 3, 3_000))));
        TabPane tabs = window.console();
        robot.interact(() -> tabs.getSelectionModel().select(0));
        javafx.scene.canvas.Canvas canvas = robot.from(robot.lookup("#timeline").queryParent())
                .lookup((javafx.scene.Node node) -> node instanceof javafx.scene.canvas.Canvas).queryAs(javafx.scene.canvas.Canvas.class);
        robot.interact(() -> model.packets().selectedProperty().set(model.packets().rows().get(0)));
        robot.interact(canvas::requestFocus);

        // when:
        robot.type(KeyCode.DOWN);

        // then:
        assertThat(model.packets().selectedProperty().get()).isSameAs(model.packets().rows().get(1));
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isZero();
    }

    private static PacketEvent arp(CapturePoint point, long sequence, long time) {
        return new PacketEvent(sequence, point, time, 42, "aa:00:00:00:00:01", "ff:ff:ff:ff:ff:ff", Protocol.ARP,
                "172.18.0.2", "172.18.0.3", -1, -1, -1, 1, "who-has 172.18.0.3 tell 172.18.0.2", 0);
    }
}
