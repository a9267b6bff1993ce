package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab shell} with the tutorial piped in, line by line, as a learner would paste it. */
@KernelTest
class ShellIT {
    /** Scenario 1 as the tutorial prints it: prompts, sudo, brctl, apt-get and a tcpdump left running. */
    private static final String SCENARIO_1 = """
            sudo ip netns add docker0
            sudo ip netns add docker1
            $ ls -l /var/run/netns
            sudo ip link add veth0 type veth peer name veth1
            sudo ip link add veth2 type veth peer name veth3
            sudo ip link set veth0 netns docker0
            sudo ip link set veth2 netns docker1
            $ sudo ip netns exec docker0 ip addr show
            sudo apt-get install bridge-utils
            sudo brctl addbr br0
            sudo brctl addif br0 veth1
            sudo brctl addif br0 veth3
            sudo brctl show
            sudo ip netns exec docker0 ip addr add 172.18.0.2/24 dev veth0
            sudo ip netns exec docker0 ip link set veth0 up
            sudo ip netns exec docker1 ip addr add 172.18.0.3/24 dev veth2
            sudo ip netns exec docker1 ip link set veth2 up
            sudo ip link set veth1 up
            sudo ip link set veth3 up
            sudo ip addr add 172.18.0.1/24 dev br0
            sudo ip link set br0 up
            sudo tcpdump -i br0 -n
            sudo ip netns exec docker0 ping -c 3 172.18.0.3
            sudo ip netns exec docker1 ping -c 3 172.18.0.2
            """;

    @Test
    void scenario_1_piped_in_as_printed_builds_the_lab_and_the_containers_reach_each_other(@TempDir Path dir)
            throws Exception {
        // when:
        Shell shell = shell(dir, SCENARIO_1);

        // then:
        assertThat(shell.exitCode()).as(shell.stdout() + shell.stderr()).isZero();
        assertThat(shell.stdout())
                .contains("(took off the pasted prompt \"$\")")
                .contains("bridge-utils is already there: brctl")
                .contains("kernel: bridge br0 added in host")
                .contains("kernel: br0 gained port veth1")
                .contains("(tcpdump-1 runs until it is stopped")
                .contains("(tcpdump-1 stopped, exit status 0)");
        assertThat(shell.stdout().split("3 packets transmitted, 3 received, 0% packet loss", -1))
                .as("both pings")
                .hasSize(3);
        assertThat(shell.stdout().lines())
                .anyMatch(line -> line.startsWith("[tcpdump-1] ")
                        && line.contains("IP 172.18.0.2 > 172.18.0.3: ICMP echo request"));
    }

    @Test
    void a_failing_command_shows_its_own_error_and_shell_syntax_is_refused_then_exit_1(@TempDir Path dir)
            throws Exception {
        // when:
        Shell shell = shell(dir, "ip link del nosuch\nip link | grep br0\nip link show lo\n");

        // then: each is said, the next lines still run, and the status says one failed
        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(shell.stdout())
                .contains("Cannot find device \"nosuch\"")
                .contains("exit status 1")
                .contains("shell syntax '|' is not supported")
                .contains("1: lo: <LOOPBACK");
    }

    private record Shell(int exitCode, String stdout, String stderr) {}

    private static Shell shell(Path dir, String input) throws IOException, InterruptedException {
        Path in = Files.writeString(dir.resolve("tutorial.txt"), input);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", Cli.JAR.toString(), "shell"))
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("bridgelab shell did not end: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Shell(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
