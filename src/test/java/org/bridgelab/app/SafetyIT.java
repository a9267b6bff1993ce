package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/** The learner's real machine: untouched by a full run, and left clean even when BridgeLab is killed. */
@KernelTest(root = true)
class SafetyIT {
    private static final Pattern HOLDER = Pattern.compile("PID (\\d+)\\)");
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void a_full_run_leaves_the_real_hosts_interfaces_routes_and_rules_byte_for_byte_unchanged() {
        String before = hostState();

        CommandResult run = Cli.run("run", "--all");

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(hostState()).isEqualTo(before);
    }

    @Test
    void kill_9_in_the_middle_of_a_scenario_leaves_nothing_behind() throws Exception {
        AtomicLong holder = new AtomicLong(-1);
        LiveProcess cli = Cli.start(
                (stream, line) -> {
                    Matcher m = HOLDER.matcher(line);
                    if (line.startsWith("lab host: sandbox") && m.find()) {
                        holder.set(Long.parseLong(m.group(1)));
                    }
                },
                "run",
                "--all");
        // wait until scenario 1 is under way: namespaces and veths exist, tcpdump or ping may be running
        assertThat(cli.awaitOutput(text -> text.contains("▸ ping"), Duration.ofSeconds(60)))
                .as(cli.output())
                .isTrue();
        long pid = holder.get();
        assertThat(pid).isPositive();
        String sandboxNet = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                .toString();
        assertThat(processesIn(sandboxNet)).isNotEmpty();

        runner.run(List.of("kill", "-KILL", Long.toString(cli.pid())), Duration.ofSeconds(5));

        assertThat(cli.await(Duration.ofSeconds(10))).isPresent();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && (Files.exists(Path.of("/proc", Long.toString(pid)))
                        || !processesIn(sandboxNet).isEmpty())) {
            Thread.onSpinWait();
            Thread.sleep(20);
        }
        assertThat(Path.of("/proc", Long.toString(pid)))
                .as("the sandbox's holder")
                .doesNotExist();
        assertThat(processesIn(sandboxNet))
                .as("processes still in the sandbox's network namespace")
                .isEmpty();
    }

    @Test
    void an_ordinary_user_runs_the_whole_curriculum_without_sudo() throws IOException {
        String user = "bridgelab-it";
        Path copy = Files.createTempDirectory("bridgelab-it");
        try {
            // the test's own user, left by a run that was killed before its clean-up
            runner.run(List.of("userdel", "--remove", user), Duration.ofSeconds(30));
            CommandResult add = runner.run(
                    List.of("useradd", "--create-home", "--shell", "/bin/bash", user), Duration.ofSeconds(30));
            assertThat(add.exitCode()).as(add.stderr()).isZero();
            Path jar = readableCopyOfTheApp(copy);

            CommandResult run = Cli.runAs(List.of("runuser", "-u", user, "--"), jar, "run", "--all");

            assertThat(run.stderr()).contains("user namespace of " + user);
            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        } finally {
            runner.run(List.of("userdel", "--remove", user), Duration.ofSeconds(30));
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted((a, b) -> b.compareTo(a))
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The jar and its lib/ where any user may read them (a CI checkout may sit under /root). */
    private static Path readableCopyOfTheApp(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.copy(Cli.JAR, dir.resolve("bridgelab.jar"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> jars = Files.list(Cli.JAR.resolveSibling("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        return dir.resolve("bridgelab.jar");
    }

    /** What a run must not change on the real host; iptables counters and timestamps move by themselves. */
    private String hostState() {
        List<String> parts = new ArrayList<>();
        for (List<String> argv : List.of(
                List.of("ip", "-br", "link"),
                List.of("ip", "-br", "addr"),
                List.of("ip", "route"),
                List.of("ip", "netns", "list"),
                List.of("iptables-save"),
                List.of("sysctl", "net.ipv4.ip_forward"))) {
            CommandResult result = runner.run(argv, Duration.ofSeconds(30));
            String text = result.stdout()
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.replaceAll("\\[\\d+:\\d+]", "[counters]"))
                    .reduce("", (a, b) -> a + b + "\n");
            parts.add(String.join(" ", argv) + " (exit " + result.exitCode() + ")\n" + text);
        }
        return String.join("\n", parts);
    }

    /** PIDs of processes whose network namespace is the given one ("net:[4026532…]"). */
    private static List<Long> processesIn(String netns) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return Files.readSymbolicLink(p.resolve("ns/net"))
                                    .toString()
                                    .equals(netns);
                        } catch (IOException | SecurityException e) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        }
    }
}
