package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.session.LabSession;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.testing.SshVm;
import org.bridgelab.testing.TemporaryStateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault injection: the SSH link to the lab VM drops in the middle of a lesson, with the window's captures,
 * kernel monitor and netfilter tracing running over it. The window's models are driven as the window drives
 * them (work and hand-over on the test's thread, the loss reported from ssh's own thread).
 */
@KernelTest(root = true)
class SshLinkDropIT {
    @RegisterExtension
    final TemporaryStateDirectory state = new TemporaryStateDirectory();

    private final Curriculum curriculum = Curriculum.bundled();
    private final Lesson s1 = curriculum.lesson("s1");
    private SshVm vm;
    private LabViewModel model;

    @BeforeEach
    void startTheVm() throws IOException {
        vm = SshVm.start();
        model = new LabViewModel(
                curriculum,
                LabSession.opener(new LabHostChoice("ssh", SshVm.DESTINATION, vm.config()), LabSession.Options.WINDOW),
                new SameThreadTaskExecutor());
    }

    @AfterEach
    void stopTheVm() throws IOException {
        model.dispose();
        vm.close();
    }

    @Test
    void a_dropped_link_is_reported_leaves_nothing_running_and_reconnect_rebuilds_the_lesson_where_it_was()
            throws IOException, InterruptedException {
        String before = vm.labState();
        model.connect();
        assertThat(model.connectedProperty().get())
                .as(model.problemProperty().get())
                .isTrue();
        model.lessons().runStep(s1, step("plug-in"));
        assertThat(model.lessons().state(s1, step("plug-in"))).isEqualTo(StepState.PASSED);
        assertThat(vm.labProcesses()).as("the window's watchers on the VM").isNotEmpty();
        CountDownLatch lost = new CountDownLatch(1);
        model.problemProperty().addListener((property, was, now) -> {
            if (now.contains("The lab host is gone")) {
                lost.countDown();
            }
        });

        // when: the link drops mid-lesson
        vm.cutLink();

        // then: the window says so at once, with the way out
        assertThat(lost.await(20, TimeUnit.SECONDS)).as("the loss reported").isTrue();
        assertThat(model.problemProperty().get())
                .contains("The lab host is gone")
                .contains("Reconnect");
        // and nothing BridgeLab started runs on, on either side
        assertThat(vm.awaitNoLabProcesses()).as("left running on the VM").isEmpty();
        assertThat(awaitNoLocalSsh()).as("ssh clients left on this machine").isEmpty();

        // when: the link is back and the learner presses Reconnect
        vm.mendLink();
        model.reconnect();

        // then: the lab is rebuilt where it was, and the lesson goes on
        assertThat(model.connectedProperty().get())
                .as(model.problemProperty().get())
                .isTrue();
        assertThat(model.console().entries())
                .anySatisfy(entry -> assertThat(entry.text()).startsWith("Rebuilding the lab where it was"));
        assertThat(model.lessons().state(s1, step("plug-in"))).isEqualTo(StepState.PASSED);
        model.lessons().runStep(s1, step("ping-back"));
        assertThat(model.lessons().state(s1, step("ping-back")))
                .as("%s", model.lessons().stepReports())
                .isEqualTo(StepState.PASSED);

        // and closing the window leaves the VM as it was, with nothing running
        model.dispose();
        assertThat(vm.labState()).isEqualTo(before);
        assertThat(vm.awaitNoLabProcesses()).as("left running on the VM").isEmpty();
    }

    private Lesson.Step step(String id) {
        return s1.steps().stream()
                .filter(step -> step.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The ssh clients this test's process started, once none is left or after ten seconds. */
    private static List<ProcessHandle> awaitNoLocalSsh() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left = localSsh();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            // a process's end is awaited on the process itself, one after another
            left.get(0)
                    .onExit()
                    .completeOnTimeout(null, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                    .join();
            left = localSsh();
        }
        return left;
    }

    private static List<ProcessHandle> localSsh() {
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/ssh"))
                .toList();
    }
}
