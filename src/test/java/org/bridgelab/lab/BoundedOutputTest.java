package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output kept within a bound: its beginning and its end, and how much was left out between them. */
class BoundedOutputTest {

    @Test
    void short_output_is_kept_byte_for_byte_with_its_own_line_breaks() {
        BoundedOutput output = new BoundedOutput(1_000);
        output.write(
                "PING 172.18.0.3\n64 bytes from 172.18.0.3\nno newline at the end".getBytes(StandardCharsets.UTF_8),
                0,
                62);
        output.close();

        assertThat(output.toString()).isEqualTo("PING 172.18.0.3\n64 bytes from 172.18.0.3\nno newline at the end");
        assertThat(output.truncated()).isFalse();
    }

    @Test
    void endless_output_keeps_its_first_and_last_lines_and_says_how_much_is_missing() {
        // given: what `yes` prints in a moment, as numbered lines
        BoundedOutput output = new BoundedOutput(1_000);
        for (int i = 0; i < 100_000; i++) {
            byte[] line = ("y " + i + "\n").getBytes(StandardCharsets.UTF_8);
            output.write(line, 0, line.length);
        }
        output.close();

        // then:
        String text = output.toString();
        assertThat(text.length()).isLessThan(1_100);
        assertThat(text)
                .startsWith("y 0\ny 1\n")
                .endsWith("y 99999\n")
                .contains(" lines (")
                .contains("of output not kept …");
        assertThat(output.truncated()).isTrue();
    }

    @Test
    void output_without_line_breaks_is_bounded_too() {
        BoundedOutput output = new BoundedOutput(1_000);
        byte[] zeros = new byte[100_000];
        java.util.Arrays.fill(zeros, (byte) '0');
        output.write(zeros, 0, zeros.length);
        output.close();

        assertThat(output.toString().length()).isLessThan(1_100);
    }

    @Test
    void a_command_that_prints_without_end_is_stopped_at_its_timeout_with_its_output_bounded() {
        // when: the lesson {"run": "yes"}, with a short timeout
        CommandResult yes = new ProcessRunner().run(List.of("yes"), Duration.ofSeconds(2));

        // then: exit 124 like timeout(1), the first and last lines kept, and the app's memory intact
        assertThat(yes.exitCode()).isEqualTo(124);
        assertThat(yes.stdout()).startsWith("y\ny\n").contains("of output not kept");
        assertThat(yes.stdout().length()).isLessThanOrEqualTo(BoundedOutput.DEFAULT_LIMIT + 100);
        assertThat(yes.stderr()).endsWith("timed out after 2 s");
    }
}
