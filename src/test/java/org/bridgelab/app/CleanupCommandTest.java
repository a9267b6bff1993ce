package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bridgelab.app.InProcessCli.bridgelab;

import org.bridgelab.app.InProcessCli.Outcome;
import org.bridgelab.testing.TemporaryStateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bridgelab cleanup}: its command line, and that without a record of a cut-short run it touches nothing. */
class CleanupCommandTest {
    @RegisterExtension
    final TemporaryStateDirectory state = new TemporaryStateDirectory();

    @Test
    void it_needs_a_lab_host_and_consent_for_this_machine() {
        assertThat(bridgelab("cleanup").exitCode()).isEqualTo(2);
        assertThat(bridgelab("cleanup").stderr()).contains("give --lab-host local or --lab-host ssh:DEST");
        assertThat(bridgelab("cleanup", "--lab-host", "local").exitCode()).isEqualTo(2);
        assertThat(bridgelab("cleanup", "--lab-host", "ssh:-oProxyCommand=x").exitCode())
                .isEqualTo(2);
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
}
