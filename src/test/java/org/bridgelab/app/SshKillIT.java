package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.testing.SshVm;
import org.junit.jupiter.api.Test;

/** Fault injection: the app killed with kill -9 in the middle of a lesson on a lab VM over SSH. */
@KernelTest(root = true)
class SshKillIT {

    @Test
    void kill_9_mid_lesson_leaves_nothing_running_and_the_next_start_removes_what_the_run_had_built() throws Exception {
        Path captures = Files.createTempDirectory("bridgelab-ssh-kill");
        try (SshVm vm = SshVm.start()) {
            String before = vm.labState();
            String[] onTheVm = {
                "--lab-host",
                "ssh:" + SshVm.DESTINATION,
                "--ssh-config",
                vm.config().toString()
            };
            LiveProcess cli = Cli.start(
                    OutputListener.IGNORE,
                    with(
                            onTheVm,
                            "run",
                            "s1",
                            "--capture",
                            captures.resolve("s1.pcapng").toString()));
            // the lab half built on the VM, tcpdump streaming every wire back over SSH
            assertThat(cli.awaitOutput(text -> text.contains("▸ ping"), Duration.ofSeconds(120)))
                    .as(cli.output())
                    .isTrue();
            assertThat(vm.labProcesses()).as("the captures on the VM").isNotEmpty();

            // when:
            ProcessHandle.of(cli.pid()).ifPresent(ProcessHandle::destroyForcibly);

            // then: nothing it started runs on, on the VM or here
            assertThat(vm.awaitNoLabProcesses()).as("left running on the VM").isEmpty();
            assertThat(awaitNoSshTo(vm))
                    .as("ssh clients left on this machine")
                    .map(process -> process.info().commandLine().orElse("?"))
                    .isEmpty();
            assertThat(vm.labState()).as("what the killed run had built").isNotEqualTo(before);

            // and the next start removes what the killed run had built, says so, and the lesson runs again
            CommandResult next = Cli.run(with(onTheVm, "run", "s1"));
            assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
            assertThat(next.stderr()).contains("removed what an interrupted run had left on");
            assertThat(vm.labState()).isEqualTo(before);
        } finally {
            try (var files = Files.walk(captures)) {
                files.sorted((a, b) -> b.compareTo(a))
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String[] with(String[] labHost, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(labHost));
        return all.toArray(String[]::new);
    }

    /** The ssh clients on this machine that reach the VM, once none is left or after ten seconds. */
    private static List<ProcessHandle> awaitNoSshTo(SshVm vm) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left = sshTo(vm);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            // a process's end is awaited on the process itself, one after another
            left.get(0)
                    .onExit()
                    .completeOnTimeout(null, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                    .join();
            left = sshTo(vm);
        }
        return left;
    }

    private static List<ProcessHandle> sshTo(SshVm vm) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/ssh"))
                .filter(process -> List.of(process.info().arguments().orElse(new String[0]))
                        .contains(vm.config().toString()))
                .toList();
    }
}
