package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.bridgelab.capture.TimelineRow;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A learner's session through the real window on a real sandbox lab, headless through Monocle: scenario 1
 * step by step, then the console, a broken lab, and the other language. One lab for the whole class.
 */
@KernelTest
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiScenarioIT {
    private static final Curriculum CURRICULUM = Curriculum.bundled();
    private static final FxTaskExecutor EXECUTOR = new FxTaskExecutor();
    private static LabViewModel model;
    private static I18n i18n;
    private static MainWindow window;
    private static Scene scene;

    /** One window for the whole session, as a learner has: each test goes on where the last one stopped. */
    @Start
    void start(Stage stage) {
        if (model == null) {
            i18n = new I18n(I18n.ENGLISH);
            model = new LabViewModel(CURRICULUM, Sandbox.WINDOW, EXECUTOR);
            window = new MainWindow(model, i18n);
            scene = new Scene(window, 1366, 768);
            scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
            window.installShortcuts(scene);
            model.connect();
        }
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    static void closeTheLab() {
        if (model != null) {
            model.dispose();
        }
        WaitForAsyncUtils.waitForFxEvents();
        EXECUTOR.close();
    }

    @Test
    @Order(1)
    void scenario_1_run_step_by_step_draws_the_containers_the_bridge_and_both_cables(FxRobot robot) throws Exception {
        // given: a connected lab, scenario 1's first step selected
        await(() -> model.connectedProperty().get());
        Lesson s1 = CURRICULUM.lesson("s1");
        robot.interact(() -> window.lessons().select(s1, s1.steps().get(0)));

        // when: the learner presses "Run step" for each step
        for (Lesson.Step step : s1.steps()) {
            robot.interact(() -> window.lessons().select(s1, step));
            if (step.predict() != null) {
                // the learner answers the step's question before running it
                robot.clickOn("#choice-" + step.predict().answer());
            }
            robot.clickOn("#run-step");
            await(() -> !model.busyProperty().get()
                    && model.lessons().state(s1, step) != StepState.NOT_RUN
                    && model.lessons().state(s1, step) != StepState.RUNNING);
            assertThat(model.lessons().state(s1, step)).as(step.id()).isEqualTo(StepState.PASSED);
            if (step.predict() != null) {
                assertThat(onFx(() -> robot.lookup("#prediction-outcome")
                                .queryAs(Label.class)
                                .getText()))
                        .startsWith("✓ confirmed");
            }
            step.actions().stream()
                    .filter(a -> a instanceof org.bridgelab.lesson.Action.Run run && run.hasModernForm())
                    .findFirst()
                    .ifPresent(run -> assertThat(
                                    onFx(() -> robot.lookup(".modern-command").queryAllAs(Label.class).stream()
                                            .map(Label::getText)
                                            .toList()))
                            .anySatisfy(text -> assertThat(text).startsWith("today:")));
        }
        assertThat(s1.steps()).anyMatch(step -> step.predict() != null);

        // then: the diagram, read from the kernel, holds both containers, br0 and both veth cables
        TopologyView topology = window.topology();
        assertThat(onFx(() -> topology.chip("docker0", "veth0"))).isNotNull();
        assertThat(onFx(() -> topology.chip("docker1", "veth2"))).isNotNull();
        assertThat(onFx(() -> topology.chip("host", "br0").getText())).contains("172.18.0.1/24");
        assertThat(onFx(topology::cables)).contains("docker0/veth0—host/veth1", "docker1/veth2—host/veth3");
        assertThat(checkTexts(robot)).contains("✓ output contains \" 0% packet loss\"");

        // and the timeline holds the captured ARP question and answer, then the echo request and reply
        java.util.List<String> arrows = new java.util.ArrayList<>();
        robot.interact(() ->
                model.packets().rows().forEach(row -> arrows.add(row.from() + " > " + row.to() + " " + row.label())));
        int question = indexOf(arrows, "docker0 > docker1 ", "who-has 172.18.0.3 tell 172.18.0.2");
        int answer = indexOf(arrows, "docker1 > docker0 ", "172.18.0.3 is-at");
        int request = indexOf(arrows, "docker0 > docker1 ", "ICMP echo request");
        int reply = indexOf(arrows, "docker1 > docker0 ", "ICMP echo reply");
        String timeline = String.join("\n", arrows);
        assertThat(question).as(timeline).isNotNegative();
        assertThat(answer).as(timeline).isGreaterThan(question);
        assertThat(request).as(timeline).isGreaterThan(answer);
        assertThat(reply).as(timeline).isGreaterThan(request);
        // and the learner's progress outlasts the window: every step of s1, saved
        org.bridgelab.lesson.Lesson saved = model.lessons().curriculum().lesson("s1");
        await(() -> saved.steps().stream()
                .allMatch(step -> org.bridgelab.lesson.ProgressFile.standard()
                        .load()
                        .progress()
                        .wasCompleted("s1", step.id())));
    }

    private static int indexOf(java.util.List<String> arrows, String hop, String words) {
        for (int i = 0; i < arrows.size(); i++) {
            if (arrows.get(i).startsWith(hop) && arrows.get(i).contains(words)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @Order(2)
    void stepping_through_a_captured_echo_request_moves_the_token_along_veth0_br0_veth3_with_its_row(FxRobot robot) {
        // given: scenario 1's first echo request, as captured, selected in the timeline
        PacketTimelineViewModel packets = model.packets();
        TimelineRow request = onFx(() -> packets.rows().stream()
                .filter(row -> row.from().equals("docker0")
                        && row.to().equals("docker1")
                        && row.label().contains("echo request"))
                .findFirst()
                .orElseThrow());
        robot.interact(() -> packets.selectedProperty().set(request));
        TopologyView topology = window.topology();

        // when: simulation mode starts at it
        robot.clickOn("#timeline-tab");
        robot.clickOn("#timeline-simulate");

        // then: the token leaves docker0 on its cable, and the request's row is the highlighted one
        assertThat(packets.simulation().activeProperty().get()).isTrue();
        assertThat(onFx(topology::simulationTokenPlace)).isEqualTo("cable docker0/veth0>host/veth1");
        assertThat(packets.selectedProperty().get()).isSameAs(request);

        // when / then: forward across the bridge and down docker1's cable, the row staying with its packet
        robot.clickOn("#sim-forward");
        assertThat(onFx(topology::simulationTokenPlace)).isEqualTo("at host/br0");
        assertThat(packets.selectedProperty().get().event().travel())
                .isEqualTo(request.event().travel());
        robot.clickOn("#sim-forward");
        assertThat(onFx(topology::simulationTokenPlace)).isEqualTo("cable host/veth3>docker1/veth2");
        assertThat(packets.selectedProperty().get().event().travel())
                .isEqualTo(request.event().travel());

        // when / then: back with the arrow key, hop by hop
        robot.type(javafx.scene.input.KeyCode.LEFT);
        assertThat(onFx(topology::simulationTokenPlace)).isEqualTo("at host/br0");
        robot.type(javafx.scene.input.KeyCode.LEFT);
        assertThat(onFx(topology::simulationTokenPlace)).isEqualTo("cable docker0/veth0>host/veth1");

        // when: one click back to live mode
        robot.clickOn("#sim-live");

        // then:
        assertThat(packets.simulation().activeProperty().get()).isFalse();
        assertThat(onFx(topology::simulationTokenPlace)).isNull();
    }

    @Test
    @Order(3)
    void pause_holds_the_packets_of_a_ping_and_resume_shows_them(FxRobot robot) {
        // given: the timeline paused
        PacketTimelineViewModel packets = model.packets();
        robot.clickOn("#timeline-tab");
        robot.clickOn("#timeline-pause");
        int shown = onFx(() -> packets.rows().size());
        long echoes = onFx(() -> echoRows(packets));

        // when: a ping of three runs from the console, to its end, while paused
        robot.interact(() -> model.console().runCommand("docker0", "ping -c 3 -i 0.2 172.18.0.3"));
        await(
                () -> packets.heldProperty().get() >= 6,
                () -> "held: " + packets.heldProperty().get());
        await(() -> !model.busyProperty().get());

        // then: nothing new is shown yet
        assertThat(onFx(() -> packets.rows().size())).isEqualTo(shown);

        // when: resumed
        robot.clickOn("#timeline-pause");

        // then: what was held is shown at once, and the ping's three requests and three replies are all
        // there (its last frames may still have been on their way from tcpdump when it ended)
        assertThat(packets.heldProperty().get()).isZero();
        assertThat(onFx(() -> packets.rows().size())).isGreaterThan(shown);
        await(() -> onFx(() -> echoRows(packets)) >= echoes + 6, () -> "echo rows: " + onFx(() -> echoRows(packets)));
    }

    @Test
    @Order(4)
    void text_typed_into_the_client_tab_arrives_in_the_servers_tab(FxRobot robot) {
        // given: a server in docker0, started from the console in the background
        await(() -> !model.busyProperty().get());
        robot.interact(() -> model.console().startCommand("docker0", "nc -lp 8080"));
        await(() -> model.console().backgrounds().stream()
                .anyMatch(tab -> tab.name().equals("nc-1")));
        awaitListening("docker0", 8080);
        robot.interact(() -> model.console().startCommand("docker1", "nc 172.18.0.2 8080"));
        await(() -> model.console().backgrounds().stream()
                .anyMatch(tab -> tab.name().equals("nc-2")));

        // when: the learner types into the client's tab and sends it
        robot.clickOn("#tab-nc-2");
        robot.clickOn("#input-nc-2").write("hello from docker1");
        robot.clickOn("#send-nc-2");

        // then: the server's tab shows it
        robot.clickOn("#tab-nc-1");
        ListView<?> server = robot.lookup("#output-nc-1").queryAs(ListView.class);
        ListView<?> client = robot.lookup("#output-nc-2").queryAs(ListView.class);
        await(
                () -> server.getItems().contains("hello from docker1"),
                () -> "server tab: " + server.getItems() + ", client tab: " + client.getItems());
        robot.clickOn("#stop-nc-2");
        robot.clickOn("#tab-nc-1");
        await(() -> !model.console().backgrounds().get(0).runningProperty().get());
    }

    @Test
    @Order(4)
    void a_command_pasted_with_its_prompt_runs_and_up_recalls_it(FxRobot robot) {
        // given: the console, the lab built
        await(() -> !model.busyProperty().get());
        robot.clickOn("#console-tab");

        // when: the learner pastes a command as the tutorial prints it, prompt and all, and runs it
        robot.clickOn("#console-input").write("$ ip netns list").type(KeyCode.ENTER);

        // then: the prompt is taken off with a note, the command runs, and ↑ brings it back
        await(
                () -> model.console().entries().contains(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, "$ ip netns list"))
                        && !model.busyProperty().get(),
                () -> "console: " + model.console().entries());
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .anySatisfy(entry -> assertThat(entry.text()).isEqualTo("took off the pasted prompt \"$\""));
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .anySatisfy(entry -> assertThat(entry.text()).contains("docker0"));
        robot.clickOn("#console-input").type(KeyCode.UP);
        assertThat(onFx(() -> robot.lookup("#console-input")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText()))
                .isEqualTo("$ ip netns list");
        robot.type(KeyCode.DOWN);
        assertThat(onFx(() -> robot.lookup("#console-input")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText()))
                .isEmpty();
    }

    @Test
    @Order(5)
    void a_command_in_the_foreground_streams_its_lines_and_ctrl_c_stops_it(FxRobot robot) {
        // given: the console free, the lab built
        await(() -> !model.busyProperty().get());
        robot.clickOn("#console-tab");

        // when: a ping of a hundred runs in the foreground, to the host's own loopback
        robot.clickOn("#console-input").write("ping -c 100 -i 0.2 127.0.0.1").type(KeyCode.ENTER);

        // then: its replies appear as they come, long before it would end by itself
        await(
                () -> model.console().entries().stream()
                        .anyMatch(entry -> entry.text().contains("bytes from 127.0.0.1")),
                () -> "console: " + model.console().entries());
        assertThat(onFx(() -> model.console().foregroundProperty().get())).isNotNull();

        // when: Ctrl-C in the console's input
        robot.clickOn("#console-input").press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);

        // then: ping ends as interrupted, saying how it went, and the console is free again
        await(
                () -> !model.busyProperty().get(),
                () -> "console: " + model.console().entries());
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .extracting(ConsoleEntry::text)
                .contains("^C")
                .anySatisfy(text -> assertThat(text).contains("--- 127.0.0.1 ping statistics ---"))
                .noneSatisfy(text -> assertThat(text).contains("100 received"));
        assertThat(onFx(() -> model.console().foregroundProperty().get())).isNull();
    }

    @Test
    @Order(5)
    void a_capture_typed_in_the_console_gets_a_tab_of_its_own_and_streams_its_packets(FxRobot robot) {
        // given: the lab built, nothing running in the console
        await(() -> !model.busyProperty().get());
        int before = onFx(() -> model.console().backgrounds().size());

        // when: the learner types a capture, which runs until it is stopped
        robot.interact(() -> model.console().runCommand("host", "sudo tcpdump -i br0 -n icmp"));

        // then: it gets a tab (the console is not held for 30 s), and a ping's packets show while it runs
        await(() -> model.console().backgrounds().size() > before);
        BackgroundProcessViewModel tab = onFx(() ->
                model.console().backgrounds().get(model.console().backgrounds().size() - 1));
        assertThat(tab.name()).startsWith("tcpdump-");
        await(
                () -> tab.lines().stream().anyMatch(line -> line.contains("listening on br0")),
                () -> "tab: " + tab.lines());
        robot.interact(() -> model.console().runCommand("docker0", "ping -c 1 172.18.0.3"));
        await(
                () -> tab.lines().stream().anyMatch(line -> line.contains("ICMP echo request")),
                () -> "tab: " + tab.lines());
        assertThat(tab.runningProperty().get()).isTrue();
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .anySatisfy(entry -> assertThat(entry.text()).contains("runs until it is stopped"));
        robot.interact(tab::stop);
        await(() -> !tab.runningProperty().get());
    }

    @Test
    @Order(6)
    void a_step_that_fails_shows_the_cross_and_the_kernels_evidence(FxRobot robot) {
        // given: br0 switched off behind the lesson's back, from the console
        robot.clickOn("#console-tab");
        robot.interact(() -> model.console().runCommand("host", "ip link set br0 down"));
        await(() -> !model.busyProperty().get());
        Lesson s1 = CURRICULUM.lesson("s1");
        Lesson.Step pingBack = s1.steps().get(s1.steps().size() - 1);
        // the step that checked br0 up no longer shows a ✓ it cannot stand behind, and the console says why
        Lesson.Step bridgeAddress = s1.steps().stream()
                .filter(step -> step.id().equals("bridge-address"))
                .findFirst()
                .orElseThrow();
        await(
                () -> model.lessons().state(s1, bridgeAddress) == StepState.NO_LONGER_HOLDS,
                () -> "state " + model.lessons().state(s1, bridgeAddress));
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .anySatisfy(entry -> assertThat(entry.text())
                        .startsWith("the kernel no longer shows what step")
                        .contains("br0"));

        // when: the learner runs the last step again
        robot.interact(() -> window.lessons().select(s1, pingBack));
        robot.clickOn("#run-step");
        await(() -> model.lessons().state(s1, pingBack) == StepState.FAILED);

        // then: the step is marked failed, with what ping really said
        assertThat(checkTexts(robot))
                .anySatisfy(text -> assertThat(text)
                        .startsWith("✗ output contains \" 0% packet loss\"")
                        .contains("100% packet loss"));
        assertThat(states("host", "br0")).contains("down");
        // and the step's hint, and the diagnosis, from the kernel's state, naming the interface that is down and the
        // fix
        assertThat(onFx(() -> robot.lookup("#step-hint").queryAs(Label.class).getText()))
                .startsWith("Hint: ");
        assertThat(onFx(() ->
                        robot.lookup("#step-diagnosis").queryAs(Label.class).getText()))
                .contains("INTERFACE_DOWN")
                .contains("br0")
                .contains("ip link set br0 up")
                .contains("seen on the kernel, with a real probe packet:")
                .contains("no answer came back");
        // and the diagram marks the place it names
        assertThat(states("host", "br0")).contains("failed-hop");
        assertThat(states("host", "veth1")).doesNotContain("failed-hop");
    }

    @Test
    @Order(7)
    void switching_to_chinese_relabels_the_window_and_the_lesson(FxRobot robot) {
        // when
        Lesson s1 = CURRICULUM.lesson("s1");
        robot.interact(() ->
                window.lessons().select(s1, s1.steps().get(s1.steps().size() - 1)));
        robot.interact(() -> i18n.languageProperty().set(I18n.CHINESE));

        // then
        assertThat(onFx(() -> robot.lookup("#run-step").queryAs(Button.class).getText()))
                .isEqualTo("运行此步");
        assertThat(onFx(() -> robot.lookup("#step-title").queryAs(Label.class).getText()))
                .isEqualTo("反方向也通");
        // the kernel's answers (to the run with br0 down, above) are worded in Chinese too; the evidence stays the
        // kernel's own
        assertThat(checkTexts(robot))
                .extracting(text -> text.lines().findFirst().orElse(""))
                .containsExactly("✗ 退出状态为 0", "✗ 输出里有“ 0% packet loss”", "✗ docker1 能到达 172.18.0.2");
        assertThat(onFx(() ->
                        robot.lookup("#step-diagnosis").queryAs(Label.class).getText()))
                .contains("到达不了（INTERFACE_DOWN）：host 里的 br0 处于关闭状态（DOWN）", "修复：sudo ip link set br0 up");
        assertThat(onFx(() -> robot.lookup("#filter-point")
                        .queryAs(ComboBox.class)
                        .getItems()
                        .get(0)))
                .isEqualTo("全部抓包点");
        // and nothing else on the screen is English but the kernel's words, commands and names
        assertThat(onFx(() -> EnglishWords.in(window))).isEmpty();
        robot.interact(() -> i18n.languageProperty().set(I18n.ENGLISH));
        assertThat(onFx(() -> robot.lookup("#run-step").queryAs(Button.class).getText()))
                .isEqualTo("Run step");
        assertThat(onFx(() ->
                        robot.lookup("#filter-point").queryAs(ComboBox.class).getValue()))
                .isEqualTo("all capture points");
    }

    @Test
    @Order(8)
    void a_lab_host_that_vanishes_is_reported_and_reconnect_rebuilds_the_lab_where_it_was(FxRobot robot)
            throws Exception {
        // given: the sandbox's holder process killed from outside
        await(() -> !model.busyProperty().get());
        long holder = ((org.bridgelab.lab.SandboxLabHost) model.session().host()).holderPid();
        new org.bridgelab.lab.ProcessRunner()
                .run(java.util.List.of("kill", "-KILL", Long.toString(holder)), java.time.Duration.ofSeconds(5));

        // then: the host bar says so and offers Reconnect
        await(() -> !model.connectedProperty().get());
        assertThat(model.problemProperty().get()).contains("The lab host is gone");
        assertThat(onFx(() -> robot.lookup("#reconnect").queryAs(Button.class).isDisabled()))
                .isFalse();

        // when: the learner reconnects, a new lab comes up, rebuilt where the lost one was
        java.util.Set<String> passedBefore = onFx(() -> model.lessons().stepStates().entrySet().stream()
                .filter(entry -> entry.getValue() == StepState.PASSED)
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()));
        assertThat(passedBefore).isNotEmpty();
        robot.clickOn("#reconnect");
        await(() -> model.connectedProperty().get() && !model.busyProperty().get());
        assertThat(model.session().host().isAlive()).isTrue();
        assertThat(((org.bridgelab.lab.SandboxLabHost) model.session().host()).holderPid())
                .isNotEqualTo(holder);
        assertThat(model.topology().topologyProperty().get().namespace("docker0"))
                .isPresent();
        assertThat(onFx(() -> java.util.List.copyOf(model.console().entries())))
                .anySatisfy(entry -> assertThat(entry.text()).startsWith("Rebuilding the lab where it was"));
        assertThat(onFx(() -> passedBefore.stream()
                        .map(key -> model.lessons().stepStates().get(key))
                        .toList()))
                .allMatch(state -> state == StepState.PASSED);
    }

    /** The chip's states, as its CSS pseudo-classes (up, down, changed, failed-hop). */
    private static java.util.List<String> states(String namespace, String link) {
        return onFx(() -> window.topology().chip(namespace, link).getPseudoClassStates().stream()
                .map(javafx.css.PseudoClass::getPseudoClassName)
                .toList());
    }

    /** Each check's text, with the kernel's or the command's own words below it joined to it. */
    private static java.util.List<String> checkTexts(FxRobot robot) {
        return onFx(() -> {
            java.util.List<String> texts = new java.util.ArrayList<>();
            for (javafx.scene.Node node :
                    robot.lookup("#step-checks").queryAs(VBox.class).getChildren()) {
                String text = ((Label) node).getText();
                if (node.getStyleClass().contains("check-evidence")) {
                    texts.set(texts.size() - 1, texts.get(texts.size() - 1) + "\n" + text);
                } else {
                    texts.add(text);
                }
            }
            return texts;
        });
    }

    private static void awaitListening(String namespace, int port) {
        // ss runs a process: never on the FX thread
        awaitOffFx(
                () -> listening(namespace, port),
                () -> onFx(() -> "tabs: "
                        + model.console().backgrounds().stream()
                                .map(tab -> tab.name() + " " + tab.lines())
                                .toList() + ", console: " + model.console().entries()));
    }

    private static boolean listening(String namespace, int port) {
        return !model.session()
                .host()
                .run(namespace, "ss", "-Hltn", "sport", "=", ":" + port)
                .stdout()
                .isBlank();
    }

    private static long echoRows(PacketTimelineViewModel packets) {
        return packets.rows().stream()
                .filter(row ->
                        row.label().contains("echo request") || row.label().contains("echo reply"))
                .count();
    }

    /** Reads something of the window on the FX thread. */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(read));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }

    private static void await(BooleanSupplier condition) {
        await(condition, () -> "");
    }

    /** Waits for a condition on what the window shows; it is read on the FX thread, which owns that state. */
    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> state) {
        awaitOffFx(() -> onFx(condition::getAsBoolean), () -> onFx(state::get));
    }

    private static void awaitOffFx(BooleanSupplier condition, java.util.function.Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 90 s " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
