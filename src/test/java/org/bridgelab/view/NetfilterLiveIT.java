package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.bridgelab.capture.TimelineRow;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Netfilter where it acts, on a real kernel: after scenario 3 in the window, a ping moves the MASQUERADE rule's
 * counter on the diagram, and the masqueraded echo request selected in the timeline lights the hooks it crossed
 * and the rule it met, as the kernel's trace says.
 */
@KernelTest
@ExtendWith(ApplicationExtension.class)
class NetfilterLiveIT {
    private static final Curriculum CURRICULUM = Curriculum.bundled();
    private static final FxTaskExecutor EXECUTOR = new FxTaskExecutor();
    private static LabViewModel model;
    private static MainWindow window;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(CURRICULUM, Sandbox.WINDOW, EXECUTOR);
        window = TestWindow.show(stage, model);
        model.connect();
    }

    @AfterAll
    static void closeTheLab() {
        TestWindow.close(model, EXECUTOR);
    }

    @Test
    void a_ping_moves_the_masquerade_counter_and_its_request_lights_the_rule_it_met(FxRobot robot) {
        // given: scenario 3 built and passed in the window
        await(() -> model.connectedProperty().get());
        Lesson s3 = CURRICULUM.lesson("s3");
        robot.interact(() -> model.lessons().runLesson(s3));
        await(() -> !model.busyProperty().get() && model.lessons().state(s3, s3.goal()) == StepState.PASSED);
        String masquerade = FxWait.onFx(() ->
                NetfilterHooks.of(model.topology()
                                .topologyProperty()
                                .get()
                                .namespace("host")
                                .orElseThrow())
                        .groups()
                        .stream()
                        .flatMap(group -> group.entries().stream())
                        .filter(entry -> entry.text().endsWith("-j MASQUERADE"))
                        .findFirst()
                        .orElseThrow()
                        .key());
        String before = FxWait.onFx(() -> window.topology().netfilter().counterText(masquerade));

        // when: a new ping from docker0 to the internet machine (one new connection, masqueraded once)
        var ping = model.session().run("docker0", List.of("ping", "-c", "1", "-W", "2", "198.51.100.10"));

        // then: the counter on the diagram moves with no step or command reading the kernel
        assertThat(ping.exitCode()).as(ping.stderr()).isZero();
        await(() -> !before.equals(window.topology().netfilter().counterText(masquerade)));

        // when: a masqueraded echo request, as it left through eth0, is selected in the timeline
        TimelineRow request =
                awaitRow(row -> row.event().summary().contains("192.0.2.183 > 198.51.100.10: ICMP echo request")
                        && row.event().point().label().equals("host/eth0")
                        && model.packets().netfilterPath(row).isPresent());
        robot.interact(() -> model.packets().selectedProperty().set(request));

        // then: the hooks of a forwarded packet and the rule it met are lit, INPUT is not
        NetfilterDrawing netfilter = FxWait.onFx(() -> window.topology().netfilter());
        assertThat(FxWait.onFx(() -> netfilter.isLit("PREROUTING"))).isTrue();
        assertThat(FxWait.onFx(() -> netfilter.isLit("FORWARD"))).isTrue();
        assertThat(FxWait.onFx(() -> netfilter.isLit("POSTROUTING"))).isTrue();
        assertThat(FxWait.onFx(() -> netfilter.isLit(masquerade))).isTrue();
        assertThat(FxWait.onFx(() -> netfilter.isLit("INPUT"))).isFalse();

        // when: nothing is selected, nothing is lit
        robot.interact(() -> model.packets().selectedProperty().set(null));
        assertThat(FxWait.onFx(() -> netfilter.isLit(masquerade))).isFalse();
    }

    private static TimelineRow awaitRow(java.util.function.Predicate<TimelineRow> wanted) {
        FxWait.await(
                () -> model.packets().rows().stream().anyMatch(wanted),
                () -> model.packets().rows().stream()
                        .filter(row -> row.event().summary().contains("198.51.100.10"))
                        .map(row ->
                                row.event().point().label() + " " + row.event().summary() + " traced: "
                                        + model.packets().netfilterPath(row).isPresent())
                        .toList()
                        .toString());
        return FxWait.onFx(
                () -> model.packets().rows().stream().filter(wanted).findFirst().orElseThrow());
    }

    private static void await(BooleanSupplier condition) {
        FxWait.await(condition, () -> "problem: " + model.problemProperty().get());
    }
}
