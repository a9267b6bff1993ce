package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab cleanup}: its command line, and that without a record of a cut-short run it touches nothing. */
class CleanupCommandTest {
    private static final String STATE_BEFORE = System.getProperty("bridgelab.state.dir");
    @TempDir
    Path state;

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void stateHere() {
        System.setProperty("bridgelab.state.dir", state.toString());
    }

    @AfterEach
    void stateAsBefore() {
        restoreStateDirectory();
    }

    private static Outcome bridgelab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void it_needs_a_lab_host_and_consent_for_this_machine() {
        assertThat(bridgelab("cleanup").exitCode()).isEqualTo(2);
        assertThat(bridgelab("cleanup").stderr()).contains("give --lab-host local or --lab-host ssh:DEST");
        assertThat(bridgelab("cleanup", "--lab-host", "local").exitCode()).isEqualTo(2);
        assertThat(bridgelab("cleanup", "--lab-host", "ssh:-oProxyCommand=x").exitCode()).isEqualTo(2);
        assertThat(bridgelab("cleanup", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void the_sandbox_has_nothing_to_clean_up() {
        Outcome outcome = bridgelab("cleanup", "--lab-host", "sandbox");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("the sandbox leaves nothing behind");
    }

    @Test
    void without_a_record_of_a_cut_short_run_nothing_is_touched() {
        // no record in the state directory: the machine is not even asked
        Outcome outcome = bridgelab("cleanup", "--lab-host", "local", "--yes-change-this-machine");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("nothing to remove: no run was cut short on this lab host");
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
