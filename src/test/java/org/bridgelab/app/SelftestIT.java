package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.bridgelab.lab.CommandResult;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/** {@code bridgelab selftest} from the jar, on the real kernel. */
@KernelTest
class SelftestIT {

    @Test
    void selftest_builds_the_sandbox_runs_scenario_1_and_sees_arp_and_icmp_on_br0() {
        CommandResult run = Cli.run("selftest");

        assertSelftestPassed(run);
    }

    @Test
    void selftest_takes_no_arguments() {
        CommandResult run = Cli.run("selftest", "--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("bridgelab selftest: unknown option --all");
    }

    /** Shared with the packaged launchers' tests: exit 0 and every check ticked. */
    static void assertSelftestPassed(CommandResult run) {
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("✓ sandbox started")
                .contains("✓ scenario 1: ")
                .contains("✓ on br0: ARP who-has 172.18.0.3 tell 172.18.0.2")
                .contains("✓ on br0: ARP reply 172.18.0.3 is-at")
                .contains("✓ on br0: ICMP echo request 172.18.0.2 > 172.18.0.3")
                .contains("✓ on br0: ICMP echo reply 172.18.0.3 > 172.18.0.2")
                .contains("PASSED")
                .doesNotContain("✗");
    }
}
