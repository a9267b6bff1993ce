package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.testing.TemporaryStateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LogSetupTest {
    private static final List<String> KEYS =
            List.of("logFile", "defaultLogLevel", "showDateTime", "dateTimeFormat", "showShortLogName");

    @RegisterExtension
    final TemporaryStateDirectory state = new TemporaryStateDirectory();

    @AfterEach
    void forget() {
        KEYS.forEach(key -> System.clearProperty("org.slf4j.simpleLogger." + key));
    }

    @Test
    void the_log_goes_to_the_state_directory() {
        forget();

        List<String> rest = LogSetup.configure(List.of("run", "s1"));

        assertThat(rest).containsExactly("run", "s1");
        assertThat(System.getProperty("org.slf4j.simpleLogger.logFile"))
                .isEqualTo(state.path().resolve("bridgelab.log").toString());
        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("info");
    }

    @Test
    void verbose_sends_it_to_stderr_with_debug_lines_and_is_no_commands_option() {
        forget();

        List<String> rest = LogSetup.configure(List.of("run", "--verbose", "s1"));

        assertThat(rest).containsExactly("run", "s1");
        assertThat(System.getProperty("org.slf4j.simpleLogger.logFile")).isEqualTo("System.err");
        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("debug");
    }
}
