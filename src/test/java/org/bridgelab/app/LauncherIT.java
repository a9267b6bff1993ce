package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.junit.jupiter.api.Test;

/**
 * The checkout's launcher, ./bridgelab: its class-data archive is written on the first start, used on the
 * next, rewritten after a rebuild, and never shows in what the commands print.
 */
class LauncherIT {
    private static final Path LAUNCHER = Cli.REPO.resolve("bridgelab");
    private static final Path ARCHIVE = Cli.REPO.resolve("target/cds-cli.jsa");
    private static final Path GUI_ARCHIVE = Cli.REPO.resolve("target/cds-gui.jsa");
    private static final ProcessRunner RUNNER = new ProcessRunner();

    @Test
    void the_first_start_writes_the_archive_and_later_starts_print_the_same_without_a_word_about_it()
            throws IOException {
        // given: no archive yet
        Files.deleteIfExists(ARCHIVE);

        // when:
        CommandResult first = launch("list");
        CommandResult second = launch("list");

        // then:
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(ARCHIVE).exists();
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout()).contains("s1 ").doesNotContain("cds", "shared archive");
        assertThat(first.stderr() + second.stderr()).doesNotContain("cds", "shared archive");
    }

    @Test
    void an_archive_older_than_the_jar_is_written_anew_and_a_usage_error_keeps_its_exit_status() throws IOException {
        // given: an archive from before the last build
        launch("list");
        // (the jar keeps its time: an older jar would make the launcher rebuild it in the middle of the build)
        Instant built = Files.getLastModifiedTime(Cli.JAR).toInstant();
        Files.setLastModifiedTime(ARCHIVE, FileTime.from(built.minus(Duration.ofDays(1))));

        // when:
        CommandResult usage = launch("run", "nosuch");

        // then:
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("no lesson \"nosuch\"").doesNotContain("cds", "shared archive");
        assertThat(Files.getLastModifiedTime(ARCHIVE).toInstant()).isAfter(built);
    }

    @Test
    void the_windows_archive_is_kept_only_from_a_start_that_showed_the_window() throws IOException {
        // given: no archive of the window's classes
        for (String file : List.of("cds-gui.jsa", "cds-gui.jsa.pending", "cds-gui.jsa.shown")) {
            Files.deleteIfExists(Cli.REPO.resolve("target").resolve(file));
        }

        // when: starts that show no window (as one without a display would), the second after the first's archive
        assertThat(launch("gui", "--help").exitCode()).isZero();
        assertThat(launch("gui", "--help").exitCode()).isZero();

        // then: what they wrote, without the window's classes, is not kept
        assertThat(GUI_ARCHIVE).doesNotExist();

        // when: a start that shows the window (under Xvfb, closing once shown), then the next start
        CommandResult window = RUNNER.run(
                List.of(
                        "env",
                        "JAVA_TOOL_OPTIONS=-Dbridgelab.exitWhenShown=true",
                        "xvfb-run",
                        "-a",
                        "-s",
                        "-screen 0 1366x768x24",
                        LAUNCHER.toString(),
                        "gui"),
                Duration.ofMinutes(2));
        assertThat(window.stderr()).contains("window shown");
        CommandResult next = launch("gui", "--help");

        // then: that start's archive is the one kept
        assertThat(next.exitCode()).isZero();
        assertThat(GUI_ARCHIVE).exists();
        assertThat(Files.size(GUI_ARCHIVE)).as("the window's classes").isGreaterThan(8L << 20);
    }

    private static CommandResult launch(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        argv.addAll(List.of(args));
        return RUNNER.run(argv, Duration.ofMinutes(2));
    }
}
