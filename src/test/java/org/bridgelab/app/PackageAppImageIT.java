package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * The app-image that {@code mvn -Ppackage} builds (target/dist/BridgeLab): its own jlinked runtime, and its
 * launcher's self-test on the real kernel. Runs only with -Ppackage, after the image is built.
 */
@KernelTest
class PackageAppImageIT {
    static final Path DIST = Cli.REPO.resolve("target/dist");
    static final Path IMAGE = DIST.resolve("BridgeLab");

    @Test
    void the_app_image_brings_a_small_runtime_of_its_own() throws IOException {
        assertThat(IMAGE.resolve("bin/BridgeLab"))
                .as("run mvn -Ppackage package first")
                .isExecutable();
        String release = Files.readString(IMAGE.resolve("lib/runtime/release"));
        assertThat(release).contains("java.base").contains("java.desktop").doesNotContain("jdk.compiler");
        assertThat(IMAGE.resolve("lib/runtime/bin/javac")).doesNotExist();
        assertThat(IMAGE.resolve("lib/app/bridgelab.apparmor")).isRegularFile();
    }

    @Test
    void the_launcher_runs_the_selftest_on_the_real_kernel() {
        CommandResult run = new ProcessRunner()
                .run(List.of(IMAGE.resolve("bin/BridgeLab").toString(), "selftest"), Duration.ofMinutes(5));

        SelftestIT.assertSelftestPassed(run);
    }

    @Test
    void the_launcher_is_the_whole_command_line() {
        CommandResult list = new ProcessRunner()
                .run(List.of(IMAGE.resolve("bin/BridgeLab").toString(), "list"), Duration.ofMinutes(1));

        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains("s1").contains("s4").contains("teardown");
    }
}
