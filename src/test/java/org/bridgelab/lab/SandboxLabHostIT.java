package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KernelTest
class SandboxLabHostIT {
    private static SandboxLabHost sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxLabHost.start(new ProcessRunner());
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    @Test
    void the_sandbox_has_its_own_empty_network_stack() throws Exception {
        CommandResult links = sandbox.run(LabHost.HOST, "ip", "-br", "link");

        assertThat(links.succeeded()).isTrue();
        assertThat(links.stdout().strip()).startsWith("lo ").doesNotContain("\n");
        String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        String theirs = Files.readSymbolicLink(Path.of("/proc", Long.toString(sandbox.holderPid()), "ns", "net"))
                .toString();
        assertThat(theirs).isNotEqualTo(ours);
    }

    @Test
    void named_namespaces_are_created_and_entered_inside_the_sandbox_only() {
        assertThat(sandbox.run(LabHost.HOST, "sudo", "ip", "netns", "add", "probe")
                        .succeeded())
                .isTrue();
        try {
            assertThat(sandbox.run("probe", "ip", "-br", "link").stdout()).startsWith("lo ");
            assertThat(sandbox.run(LabHost.HOST, "ip", "netns", "list").stdout())
                    .contains("probe");
            assertThat(Path.of("/run/netns/probe"))
                    .as("the real /run is untouched")
                    .doesNotExist();
        } finally {
            sandbox.run(LabHost.HOST, "ip", "netns", "del", "probe");
        }
    }

    @Test
    void a_command_that_unmounts_proc_cannot_reach_the_real_hosts_network_or_name_even_as_root() throws Exception {
        // given: the machine's own name, and a link name nothing else uses
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        String link = "blesc" + ProcessHandle.current().pid() % 100_000;
        try {
            // when: a hostile lesson hides the sandbox's /proc, then enters PID 1's network, and renames the machine
            sandbox.run(LabHost.HOST, "umount", "-l", "/proc");
            CommandResult escape =
                    sandbox.run(LabHost.HOST, "nsenter", "-t", "1", "-n", "ip", "link", "add", link, "type", "bridge");
            CommandResult rename = sandbox.run(LabHost.HOST, "hostname", "bridgelab-pwned");

            // then: nothing reached the real machine; the name changed only inside the sandbox
            assertThat(escape.succeeded()).as(escape.evidence()).isFalse();
            assertThat(Path.of("/sys/class/net", link)).doesNotExist();
            assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip())
                    .isEqualTo(hostname);
            assertThat(rename.succeeded()).as(rename.evidence()).isTrue();
            assertThat(sandbox.run(LabHost.HOST, "hostname").stdout().strip()).isEqualTo("bridgelab-pwned");
        } finally {
            // were the boundary ever broken, leave the machine as it was
            new ProcessRunner().run(List.of("ip", "link", "del", link), Duration.ofSeconds(5));
            if (!Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().equals(hostname)) {
                new ProcessRunner().run(List.of("hostname", hostname), Duration.ofSeconds(5));
            }
            sandbox.run(LabHost.HOST, "mount", "-t", "proc", "proc", "/proc");
        }
    }

    @Test
    void root_inside_the_sandbox_cannot_write_the_machines_files() throws Exception {
        // given: a file of the machine's root, as every file under /etc is (made here, so the test harms nothing)
        Assumptions.assumeTrue(SandboxLabHost.CurrentUser.uid() == 0, "only root owns root's files (CI runs as root)");
        Path file = Files.createTempFile("bridgelab-roots-file", ".txt");
        try {
            Files.writeString(file, "the machine's\n");

            // when: a hostile lesson, root in the sandbox, tries to change it and to take it over
            CommandResult write = sandbox.run(LabHost.HOST, "truncate", "-s", "0", file.toString());
            CommandResult chmod = sandbox.run(LabHost.HOST, "chmod", "666", file.toString());

            // then: the sandbox's root is root inside only
            assertThat(sandbox.run(LabHost.HOST, "id", "-u").stdout().strip()).isEqualTo("0");
            assertThat(write.succeeded()).as(write.evidence()).isFalse();
            assertThat(chmod.succeeded()).as(chmod.evidence()).isFalse();
            assertThat(Files.readString(file)).isEqualTo("the machine's\n");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void a_failing_command_reports_the_kernels_own_error() {
        CommandResult result = sandbox.run(LabHost.HOST, "ip", "link", "set", "nosuchdev", "up");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("Cannot find device \"nosuchdev\"");
        assertThat(result.argv()).containsExactly("ip", "link", "set", "nosuchdev", "up");
    }

    @Test
    void an_interactive_command_reads_what_is_typed_and_ends_at_end_of_input() {
        LiveProcess cat = sandbox.start(LabHost.HOST, List.of("cat"), OutputListener.IGNORE);

        cat.send("hello sandbox\n");

        assertThat(cat.awaitOutput(text -> text.contains("hello sandbox"), Duration.ofSeconds(10)))
                .isTrue();
        cat.closeInput();
        assertThat(cat.await(Duration.ofSeconds(10)))
                .hasValueSatisfying(result -> assertThat(result.exitCode()).isZero());
    }

    @Test
    void ctrl_c_lets_ping_print_its_statistics() {
        LiveProcess ping =
                sandbox.start(LabHost.HOST, List.of("ping", "-i", "0.2", "127.0.0.1"), OutputListener.IGNORE);
        assertThat(ping.awaitOutput(text -> text.contains("icmp_seq=2"), Duration.ofSeconds(10)))
                .isTrue();

        CommandResult result = ping.stop();

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout())
                .contains("--- 127.0.0.1 ping statistics ---")
                .contains(" 0% packet loss");
    }

    @Test
    void a_command_that_does_not_exist_is_named() {
        CommandResult result = sandbox.run(LabHost.HOST, "no-such-tool", "--help");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.evidence()).contains("no-such-tool");
    }

    @Test
    void closing_a_sandbox_ends_every_process_in_it() {
        SandboxLabHost other = SandboxLabHost.start(new ProcessRunner());
        LiveProcess sleeper = other.start(LabHost.HOST, List.of("sleep", "600"), OutputListener.IGNORE);
        assertThat(sleeper.isAlive()).isTrue();

        other.close();

        assertThat(other.isAlive()).isFalse();
        assertThat(sleeper.await(Duration.ofSeconds(10)))
                .as("the sleep inside died with the sandbox")
                .isPresent();
    }
}
