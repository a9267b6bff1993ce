package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A live command's output, as a console tab or a lesson's background server gets it: every line, kept within bounds. */
class LiveProcessOutputTest {
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void endless_output_reaches_the_listener_but_is_kept_only_within_a_bound() {
        // given: 64 MB without a single line break, as `cat /dev/zero` prints (a `yes` would be lines)
        AtomicLong heard = new AtomicLong();
        LiveProcess flood = runner.start(
                List.of("head", "-c", Integer.toString(64 << 20), "/dev/zero"),
                (stream, line) -> heard.addAndGet(line.length()));

        // when:
        CommandResult ended = flood.await(Duration.ofSeconds(60)).orElseThrow();

        // then: the listener heard it all, in pieces; what is kept is about the bound, and says what was left out
        assertThat(ended.exitCode()).isZero();
        // (each NUL shown as "^@")
        assertThat(heard.get()).isEqualTo(2 * (64L << 20));
        assertThat(flood.output().length()).isLessThan(2 * LiveProcess.Output.LIMIT);
        assertThat(flood.output()).contains("of output not kept");
        assertThat(ended.stdout().length()).isLessThan(2 * LiveProcess.Output.LIMIT);
    }

    @Test
    void a_terminals_line_ends_and_a_last_line_without_one_are_lines_too() {
        List<String> lines = new CopyOnWriteArrayList<>();
        LiveProcess process =
                runner.start(List.of("printf", "login:\\r\\nlast words"), (stream, line) -> lines.add(line));

        process.await(Duration.ofSeconds(10)).orElseThrow();

        assertThat(process.awaitOutput(text -> text.contains("last words"), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(lines).containsExactly("login:", "last words");
        assertThat(process.output()).isEqualTo("login:\nlast words\n");
        assertThat(process.await(Duration.ZERO).orElseThrow().stdout()).isEqualTo("login:\nlast words\n");
    }

    @Test
    void stopping_several_commands_at_once_interrupts_each_as_ctrl_c_would() {
        // given: two commands still running and one that has ended
        LiveProcess first = runner.start(List.of("sleep", "60"), (stream, line) -> {});
        LiveProcess ended = runner.start(List.of("true"), (stream, line) -> {});
        LiveProcess second = runner.start(List.of("sleep", "60"), (stream, line) -> {});
        ended.await(Duration.ofSeconds(10)).orElseThrow();

        // when:
        List<CommandResult> results = LiveProcess.stopAll(List.of(first, ended, second));

        // then: each running one ended on SIGINT (128 + 2), not SIGTERM or SIGKILL; the ended one as it did
        assertThat(results).extracting(CommandResult::exitCode).containsExactly(130, 0, 130);
        assertThat(first.isAlive() || second.isAlive()).isFalse();
    }

    @Test
    void a_command_that_cannot_start_says_why_without_the_internals() {
        CommandResult result = runner.run(List.of("no-such-program-bridgelab", "x"), Duration.ofSeconds(5));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr())
                .startsWith("could not start no-such-program-bridgelab: ")
                .contains("No such file or directory")
                .doesNotContain("PATH")
                .doesNotContain("environment");
    }
}
