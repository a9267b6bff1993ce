package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSH lab host against a real sshd. The "remote VM" is a sandbox: sshd runs inside it in inetd mode,
 * started per connection by the client's ProxyCommand, so the test changes nothing on this machine and
 * opens no port.
 */
@KernelTest(root = true)
class SshLabHostIT {
    private static final String STATE_BEFORE = System.getProperty("bridgelab.state.dir");
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private static SandboxLabHost vm;
    private static Path dir;
    private static Path sshConfig;

    @BeforeAll
    static void startTheVmAndItsSshd() throws IOException {
        vm = SandboxLabHost.start(RUNNER);
        dir = Files.createTempDirectory("bridgelab-ssh");
        // what BridgeLab notes of a real lab host before building there, kept here instead of ~/.local/state
        System.setProperty("bridgelab.state.dir", dir.resolve("state").toString());
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("id_ed25519"));
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.writeString(
                dir.resolve("sshd_config"),
                String.join(
                        "\n",
                        "HostKey " + dir.resolve("host_ed25519"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PermitRootLogin prohibit-password",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "PidFile none",
                        "LogLevel QUIET",
                        ""));
        // the VM's own /run (for sshd's privilege separation directory and ip netns), mounted by the machine's
        // root: sshd and the lab's commands run as that root, like a VM's, and cannot create files in the
        // sandbox's /run, which belongs to the sandbox's own (unprivileged) root
        RUNNER.run(
                        List.of(
                                "nsenter",
                                "-t",
                                Long.toString(vm.holderPid()),
                                "--mount",
                                "--",
                                "mount",
                                "-t",
                                "tmpfs",
                                "-o",
                                "mode=0755",
                                "labvm-run",
                                "/run"),
                        Duration.ofSeconds(10))
                .orThrow();
        RUNNER.run(
                        List.of("nsenter", "-t", Long.toString(vm.holderPid()), "--mount", "--", "mkdir", "/run/sshd"),
                        Duration.ofSeconds(10))
                .orThrow();
        sshConfig = dir.resolve("ssh_config");
        Files.writeString(
                sshConfig,
                String.join(
                        "\n",
                        "Host labvm",
                        "  User root",
                        "  IdentityFile " + dir.resolve("id_ed25519"),
                        "  IdentitiesOnly yes",
                        "  StrictHostKeyChecking no",
                        "  UserKnownHostsFile /dev/null",
                        "  LogLevel ERROR",
                        "  ProxyCommand nsenter -t " + vm.holderPid() + " --net --mount --pid -- " + sshd() + " -i -f "
                                + dir.resolve("sshd_config"),
                        ""));
    }

    @AfterAll
    static void stopTheVm() throws IOException {
        restoreStateDirectory();
        if (vm != null) {
            vm.close();
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

    private static void keygen(Path key) {
        RUNNER.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), Duration.ofSeconds(30))
                .orThrow();
    }

    private static String sshd() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) ? "/usr/sbin/sshd" : "/sbin/sshd";
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
