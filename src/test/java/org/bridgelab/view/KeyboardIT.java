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
    private I18n i18n;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        i18n = new I18n(I18n.ENGLISH);
        window = new MainWindow(model, i18n);
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void ctrl_page_down_moves_to_the_next_step_with_the_focus_in_the_lesson_tree(FxRobot robot) {
        Lesson first = model.lessons().curriculum().lessons().get(0);
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
        robot.interact(
                () -> model.packets().showFx(List.of(arp(br0, 1, 1_000), arp(br0, 2, 2_000), arp(br0, 3, 3_000))));
        TabPane tabs = window.console();
        robot.interact(() -> tabs.getSelectionModel().select(0));
        javafx.scene.canvas.Canvas canvas = robot.from(robot.lookup("#timeline").queryParent())
                .lookup((javafx.scene.Node node) -> node instanceof javafx.scene.canvas.Canvas)
                .queryAs(javafx.scene.canvas.Canvas.class);
        robot.interact(() ->
                model.packets().selectedProperty().set(model.packets().rows().get(0)));
        robot.interact(canvas::requestFocus);

        // when:
        robot.type(KeyCode.DOWN);

        // then:
        assertThat(model.packets().selectedProperty().get())
                .isSameAs(model.packets().rows().get(1));
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isZero();
    }

    @Test
    void tab_completes_the_word_and_ctrl_r_finds_an_earlier_command(FxRobot robot) {
        // given: a command run before (the lab is not connected here: it is refused, but remembered)
        robot.clickOn("#console-tab");
        robot.clickOn("#console-input").write("ip link show").type(KeyCode.ENTER);
        javafx.scene.control.TextField input =
                robot.lookup("#console-input").queryAs(javafx.scene.control.TextField.class);
        javafx.scene.control.Label hint = robot.lookup("#console-hint").queryAs(javafx.scene.control.Label.class);

        // when / then: Tab completes a program's name, and the focus stays in the input
        robot.write("tcpd").type(KeyCode.TAB);
        assertThat(input.getText()).isEqualTo("tcpdump ");
        assertThat(input.isFocused()).isTrue();

        // when / then: Ctrl-R finds the earlier command holding what is typed; Esc gives the typed text back
        robot.interact(input::clear);
        robot.write("link");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        assertThat(input.getText()).isEqualTo("ip link show");
        assertThat(hint.getText()).startsWith("search: \"link\"");
        robot.type(KeyCode.ESCAPE);
        assertThat(input.getText()).isEqualTo("link");
        assertThat(hint.isVisible()).isFalse();
    }

    @Test
    void apt_get_install_is_answered_instead_of_run(FxRobot robot) {
        robot.clickOn("#console-tab");
        robot.clickOn("#console-input")
                .write("sudo apt-get install bridge-utils cowsay")
                .type(KeyCode.ENTER);

        assertThat(model.console().entries())
                .extracting(ConsoleEntry::text)
                .contains("$ sudo apt-get install bridge-utils cowsay")
                .anySatisfy(text -> assertThat(text).startsWith("bridge-utils is already there: brctl"))
                .anySatisfy(text -> assertThat(text).startsWith("cowsay is not a package the lessons use"))
                .noneSatisfy(text -> assertThat(text).contains("not connected"));
    }

    @Test
    void f1_lists_the_keys_in_the_learners_language_wherever_the_focus_is_and_esc_hides_them(FxRobot robot) {
        // given: the focus in the console's input, which takes keys of its own
        robot.clickOn("#console-tab");
        robot.clickOn("#console-input");

        // when / then: F1 shows the list, with what each key does
        robot.type(KeyCode.F1);
        assertThat(window.showsKeys()).isTrue();
        assertThat(keysListed(robot))
                .contains(
                        "Ctrl+Enter",
                        "Run the selected step",
                        "F9",
                        "Ctrl-R",
                        "Tab",
                        "Select the packet above · below");

        // when / then: in Chinese, the keys keep their names and nothing else is English
        robot.interact(() -> i18n.languageProperty().set(I18n.CHINESE));
        assertThat(keysListed(robot)).contains("Ctrl+Enter", "运行选中的这一步", "在控制台的输入框里");
        assertThat(FxWait.onFx(() -> EnglishWords.in(robot.lookup("#keys-help").query())))
                .isEmpty();

        // when / then: Esc hides it, and the host bar's Keys and the list's × show and hide it
        robot.type(KeyCode.ESCAPE);
        assertThat(window.showsKeys()).isFalse();
        // (hidden, it takes no part in the window's layout, which would measure its every line each pass)
        assertThat(FxWait.onFx(() -> robot.lookup("#keys-help").query().isManaged()))
                .isFalse();
        robot.clickOn("#keys");
        assertThat(window.showsKeys()).isTrue();
        robot.clickOn("#keys-help-close");
        assertThat(window.showsKeys()).isFalse();
    }

    private static List<String> keysListed(FxRobot robot) {
        return robot
                .from(robot.lookup("#keys-help").queryParent())
                .lookup(".label")
                .queryAllAs(javafx.scene.control.Label.class)
                .stream()
                .map(javafx.scene.control.Label::getText)
                .toList();
    }

    private static PacketEvent arp(CapturePoint point, long sequence, long time) {
        return new PacketEvent(
                sequence,
                point,
                time,
                42,
                "aa:00:00:00:00:01",
                "ff:ff:ff:ff:ff:ff",
                Protocol.ARP,
                "172.18.0.2",
                "172.18.0.3",
                -1,
                -1,
                -1,
                1,
                "who-has 172.18.0.3 tell 172.18.0.2",
                0);
    }
}
