package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.testing.SshVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSH lab host against a real sshd: the "remote VM" is a sandbox reached over SSH ({@link SshVm}).
 */
@KernelTest(root = true)
class SshLabHostIT {
    private static final String STATE_BEFORE = System.getProperty("bridgelab.state.dir");
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private static SshVm sshVm;
    private static LabHost vm;
    private static Path dir;
    private static Path sshConfig;

    @BeforeAll
    static void startTheVmAndItsSshd() throws IOException {
        sshVm = SshVm.start();
        vm = sshVm.console();
        sshConfig = sshVm.config();
        dir = Files.createTempDirectory("bridgelab-ssh-state");
        // what BridgeLab notes of a real lab host before building there, kept here instead of ~/.local/state
        System.setProperty("bridgelab.state.dir", dir.resolve("state").toString());
    }

    @AfterAll
    static void stopTheVm() throws IOException {
        restoreStateDirectory();
        if (sshVm != null) {
            sshVm.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void commands_run_on_the_vm_with_their_words_intact() {
        SshLabHost ssh = SshLabHost.connect(RUNNER, "labvm", sshConfig);

        CommandResult echo = ssh.run(LabHost.HOST, List.of("echo", "$(id)", "it's", "a  b"));

        assertThat(ssh.description()).contains("labvm").contains("root");
        assertThat(echo.stdout()).isEqualTo("$(id) it's a  b\n");
        assertThat(ssh.isAlive()).isTrue();
    }

    @Test
    void a_failing_command_on_the_vm_shows_its_own_error() {
        SshLabHost ssh = SshLabHost.connect(RUNNER, "labvm", sshConfig);

        CommandResult result = ssh.run(LabHost.HOST, List.of("ip", "link", "del", "nosuchdev"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("Cannot find device \"nosuchdev\"");
    }

    @Test
    void an_unreachable_vm_is_reported_with_sshs_words() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> SshLabHost.connect(RUNNER, "no-such-host.invalid", null)))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("Cannot reach the lab VM no-such-host.invalid");
    }

    @Test
    void a_real_lab_host_is_checked_before_the_lab_is_built_there() {
        // the VM is this machine's kernel in a fresh network namespace: all programs, no Docker, no lab range in
        // use; bridged frames meet iptables where br_netfilter is loaded, which the kernel itself says
        boolean bridgedFramesMeetIptables = "1"
                .equals(vm.run(LabHost.HOST, "cat", "/proc/sys/net/bridge/bridge-nf-call-iptables")
                        .stdout()
                        .strip());

        try (Lab lab = Lab.open(new LabHostChoice("ssh", "labvm", sshConfig))) {
            assertThat(lab.findings())
                    .extracting(PreFlight.Finding::what)
                    .containsExactlyElementsOf(
                            bridgedFramesMeetIptables
                                    ? List.of("br_netfilter is loaded and bridge-nf-call-iptables is 1")
                                    : List.of());
        }
    }

    @Test
    void the_whole_curriculum_runs_over_ssh_and_leaves_the_vm_as_it_was() {
        String before = vm.run(LabHost.HOST, "ip", "-br", "link").stdout()
                + vm.run(LabHost.HOST, "ip", "netns", "list").stdout();
        RunReport report;
        try (Lab lab = Lab.open(new LabHostChoice("ssh", "labvm", sshConfig))) {
            report = new LessonRunner(lab.host(), RunListener.NONE)
                    .run(Curriculum.bundled().lessons());
        }

        assertThat(report.error()).isNull();
        assertThat(report.lessons())
                .allSatisfy(lesson -> assertThat(lesson.passed())
                        .as(lesson.id() + ": " + lesson)
                        .isTrue());
        String after = vm.run(LabHost.HOST, "ip", "-br", "link").stdout()
                + vm.run(LabHost.HOST, "ip", "netns", "list").stdout();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void a_run_cut_short_is_cleaned_up_at_the_next_start_and_only_what_it_made() {
        // given: the VM's own namespace and rule (BridgeLab's record is kept in the test's directory)
        SshLabHost admin = SshLabHost.connect(RUNNER, "labvm", sshConfig);
        admin.run(LabHost.HOST, "ip", "netns", "add", "mine").orThrow();
        admin.run(LabHost.HOST, "iptables", "-A", "INPUT", "-s", "203.0.113.9", "-j", "DROP")
                .orThrow();
        String before = vmState(admin);
        LabHostChoice choice = new LabHostChoice("ssh", "labvm", sshConfig);
        try {
            // when: a run is cut short in s3 (the connection gone, as after a dropped link or kill -9: nothing removed)
            Lab cut = Lab.open(choice);
            new LessonRunner(cut.host(), RunListener.NONE)
                    .run(Curriculum.bundled().withPrerequisites(List.of("s3")));
            cut.host().close();
            assertThat(vmState(admin)).isNotEqualTo(before);

            // then: the next start removes what that run made, and says so, and the lessons run again
            try (Lab next = Lab.open(choice)) {
                assertThat(next.recovered())
                        .contains(
                                "namespace docker0",
                                "namespace docker1",
                                "namespace router",
                                "interface br0",
                                "ip_forward back to 0");
                assertThat(next.recovered()).noneMatch(done -> done.contains("mine") || done.contains("203.0.113.9"));
                RunReport again = new LessonRunner(next.host(), RunListener.NONE)
                        .run(Curriculum.bundled().withPrerequisites(List.of("s1")));
                assertThat(again.passed())
                        .as("s1 after the clean-up: %s", again)
                        .isTrue();
            }
            // and closing leaves the VM as it was, its own namespace and rule included
            assertThat(vmState(admin)).isEqualTo(before);
            assertThat(dir.resolve("state/lab-hosts/ssh-labvm.json")).doesNotExist();
            assertThat(Lab.cleanUp(choice))
                    .as("bridgelab cleanup after a clean close")
                    .isEmpty();
        } finally {
            admin.run(LabHost.HOST, "ip", "netns", "del", "mine");
            admin.run(LabHost.HOST, "iptables", "-D", "INPUT", "-s", "203.0.113.9", "-j", "DROP");
            admin.close();
        }
    }

    @Test
    void a_capture_on_the_vm_ends_with_its_connection_when_the_app_is_killed_or_the_link_drops()
            throws IOException, InterruptedException {
        SshLabHost ssh = SshLabHost.connect(RUNNER, "labvm", sshConfig);
        // given: tcpdump on the VM's idle loopback, streaming its pcap back (it writes nothing more until a packet)
        LiveProcess killed = startIdleCapture(ssh);

        // when: the local end dies as it does with kill -9 of the app
        ProcessHandle.of(killed.pid()).ifPresent(ProcessHandle::destroyForcibly);

        // then: the VM's tcpdump ends too, not at its next write, which on an idle interface never comes
        assertThat(awaitNoTcpdumpOnTheVm()).as("tcpdump left on the VM").isEmpty();

        // given: another one; when: the link drops (every sshd of the VM killed, no new connection)
        LiveProcess dropped = startIdleCapture(ssh);
        try {
            sshVm.cutLink();

            // then: it ends on both sides, ssh saying why
            assertThat(dropped.await(Duration.ofSeconds(10))).isPresent();
            assertThat(awaitNoTcpdumpOnTheVm()).as("tcpdump left on the VM").isEmpty();
            assertThat(ssh.isAlive()).isFalse();
        } finally {
            sshVm.mendLink();
        }
        assertThat(ssh.isAlive()).isTrue();
    }

    private static LiveProcess startIdleCapture(SshLabHost ssh) {
        LiveProcess capture = ssh.startBinary(
                LabHost.HOST,
                List.of("tcpdump", "-i", "lo", "-U", "-w", "-"),
                OutputStream.nullOutputStream(),
                (stream, line) -> {});
        assertThat(capture.awaitOutput(text -> text.contains("listening on lo"), Duration.ofSeconds(20)))
                .as(capture.output())
                .isTrue();
        assertThat(sshVm.processes("tcpdump")).hasSize(1);
        return capture;
    }

    /** The VM's tcpdumps, once none is left or after ten seconds. */
    private static List<String> awaitNoTcpdumpOnTheVm() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = sshVm.processes("tcpdump");
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            // nothing to await: the VM's process table is only known by asking it again
            Thread.sleep(50);
            left = sshVm.processes("tcpdump");
        }
        return left;
    }

    /** What BridgeLab could change on the VM: its interfaces, namespaces, rules and forwarding. */
    private static String vmState(LabHost vm) {
        String rules = vm.run(LabHost.HOST, "iptables-save")
                .stdout()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll(" \\[\\d+:\\d+\\]$", ""))
                .collect(java.util.stream.Collectors.joining("\n"));
        return vm.run(LabHost.HOST, "ip", "-br", "link").stdout()
                + vm.run(LabHost.HOST, "ip", "netns", "list").stdout()
                + rules
                + vm.run(LabHost.HOST, "sysctl", "net.ipv4.ip_forward").stdout();
    }

    @Test
    void packets_captured_on_the_vm_stream_back_over_ssh_in_kernel_order() throws InterruptedException {
        try (Lab lab = Lab.open(new LabHostChoice("ssh", "labvm", sshConfig))) {
            // given: scenario 1 built on the VM, empty ARP caches, tcpdump on the VM's br0 streaming over ssh
            RunReport built = new LessonRunner(lab.host(), RunListener.NONE)
                    .run(Curriculum.bundled().withPrerequisites(List.of("s1")));
            assertThat(built.passed()).as("scenario 1 over ssh: %s", built).isTrue();
            lab.host().run("docker0", "ip", "neigh", "flush", "all").orThrow();
            List<PacketEvent> seen = new CopyOnWriteArrayList<>();
            CountDownLatch replied = new CountDownLatch(1);
            try (CaptureSession capture = new CaptureSession(lab.host())) {
                capture.subscribe(event -> {
                    seen.add(event);
                    if (event.summary().contains("echo reply")) {
                        replied.countDown();
                    }
                });
                capture.start(new CapturePoint(LabHost.HOST, "br0"));

                // when:
                lab.host().run("docker0", "ping", "-c", "1", "172.18.0.3").orThrow();

                // then: the ARP question and answer, then the echo request and reply
                assertThat(replied.await(10, TimeUnit.SECONDS))
                        .as("an echo reply, got %s", seen)
                        .isTrue();
            }
            List<String> summaries = seen.stream().map(PacketEvent::summary).toList();
            assertThat(summaries)
                    .filteredOn(text -> text.startsWith("who-has") || text.contains("is-at") || text.contains("echo"))
                    .satisfiesExactly(
                            question -> assertThat(question).startsWith("who-has 172.18.0.3 tell 172.18.0.2"),
                            answer -> assertThat(answer).startsWith("172.18.0.3 is-at"),
                            request -> assertThat(request).contains("echo request"),
                            reply -> assertThat(reply).contains("echo reply"));
        }
    }

    /** The state directory the build gave the tests (target/test-state), not the home's. */
    private static void restoreStateDirectory() {
        if (STATE_BEFORE == null) {
            System.clearProperty("bridgelab.state.dir");
        } else {
            System.setProperty("bridgelab.state.dir", STATE_BEFORE);
        }
    }
}
