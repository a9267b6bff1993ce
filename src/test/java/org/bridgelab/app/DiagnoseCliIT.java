package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.bridgelab.lab.CommandResult;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/** {@code bridgelab diagnose}: the curriculum up to a step on a fresh sandbox, then the explanation. */
@KernelTest
class DiagnoseCliIT {

    @Test
    void before_masquerade_the_path_to_the_internet_fails_and_the_rule_is_proposed() {
        // when:
        CommandResult run =
                Cli.run("diagnose", "--upto", "s3/before-masquerade", "--from", "docker0", "--to", "198.51.100.10");

        // then:
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("NOT REACHABLE (NO_MASQUERADE)")
                .contains("fix: sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void while_the_scenario_4_server_runs_the_remote_machine_reaches_it_through_dnat() {
        CommandResult run = Cli.run("diagnose", "--upto", "s4/server", "--from", "remote", "--to", "192.0.2.183:80");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("host: nat PREROUTING DNAT 192.0.2.183:80 → 172.18.0.2:80")
                .contains("REACHABLE");
    }

    @Test
    void in_chinese_the_explanation_and_the_fix_are_worded_for_the_learner() {
        CommandResult run =
                Cli.run("diagnose", "--upto", "s1", "--from", "docker0", "--to", "198.51.100.10", "--language", "zh");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("到达不了（NO_ROUTE）：docker0 既没有去往目的地址的路由，也没有默认网关")
                .contains("修复：sudo ip netns exec docker0 route add default gw 172.18.0.1 veth0");
    }

    @Test
    void an_unknown_step_is_a_usage_error() {
        CommandResult run = Cli.run("diagnose", "--upto", "s3/nope", "--from", "docker0", "--to", "198.51.100.10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("lesson s3 has no step \"nope\"");
    }
}
