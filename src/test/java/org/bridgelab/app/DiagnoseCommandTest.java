package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code bridgelab diagnose} refuses before it builds any lab: a usage error, exit 2, with the reason. */
class DiagnoseCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bridgelab(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "999.1.1.1",
                "172.18.0.256",
                "1.2.3",
                "::1",
                "host",
                "172.18.0.2:99999",
                "172.18.0.2:0",
                "172.18.0.2:http",
                "172.18.0.2:-1",
                "172.18.0.2:"
            })
    void an_address_or_port_that_cannot_be_is_refused_with_exit_2(String to) {
        // when:
        int exit = bridgelab("diagnose", "--from", "docker0", "--to", to);

        // then:
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsAnyOf("IPv4 address", "port")
                .contains("Usage");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_lesson_file_that_does_not_parse_is_named_with_exit_2(@TempDir Path dir) throws Exception {
        Path lesson = dir.resolve("mine.json");
        Files.writeString(lesson, "{\"id\": \"mine\", \"steps\": 3}");

        int exit = bridgelab("diagnose", "--lesson-file", lesson.toString(), "--from", "docker0", "--to", "172.18.0.2");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(lesson.toString());
    }

    @Test
    void list_takes_no_options() {
        int exit = bridgelab("list", "--bogus");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bridgelab list: unknown option --bogus")
                .contains("Usage: bridgelab list");
    }
}
