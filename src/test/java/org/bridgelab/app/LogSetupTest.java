package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {
    private static final String STATE_BEFORE = System.getProperty("bridgelab.state.dir");
    private static final List<String> KEYS = List.of("logFile", "defaultLogLevel", "showDateTime", "dateTimeFormat",
            "showShortLogName");

    @TempDir
    Path state;

    @AfterEach
    void forget() {
        KEYS.forEach(key -> System.clearProperty("org.slf4j.simpleLogger." + key));
        restoreStateDirectory();
    }

    @Test
    void the_log_goes_to_the_state_directory() {
        forget();
        System.setProperty("bridgelab.state.dir", state.toString());

        List<String> rest = LogSetup.configure(List.of("run", "s1"));

        assertThat(rest).containsExactly("run", "s1");
        assertThat(System.getProperty("org.slf4j.simpleLogger.logFile")).isEqualTo(state.resolve("bridgelab.log").toString());
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

    /** The state directory the build gave the tests (target/test-state), not the home's. */
    private static void restoreStateDirectory() {
        if (STATE_BEFORE == null) {
            System.clearProperty("bridgelab.state.dir");
        } else {
            System.setProperty("bridgelab.state.dir", STATE_BEFORE);
        }
    }
}
