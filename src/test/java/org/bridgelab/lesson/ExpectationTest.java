package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExpectationTest {
    private static final String LOST = """
            --- 198.51.100.10 ping statistics ---
            1 packets transmitted, 0 received, 100% packet loss, time 0ms
            """;

    @Test
    void zero_percent_loss_is_not_found_in_a_hundred_percent_loss() {
        Expectation noLoss = new Expectation(0, List.of(" 0% packet loss"), List.of(), List.of());

        List<CheckResult> results = noLoss.check(1, LOST);

        assertThat(results).extracting(CheckResult::passed).containsExactly(false, false);
        assertThat(results.get(0).evidence()).isEqualTo("exit status 1");
        assertThat(results.get(1).evidence()).contains("100% packet loss");
    }

    @Test
    void each_expectation_reports_its_own_evidence() {
        Expectation expectation = new Expectation(1, List.of("100% packet loss"), List.of("172.18.0."),
                List.of(Pattern.compile("(\\d+) packets transmitted")));

        List<CheckResult> results = expectation.check(1, LOST);

        assertThat(results).allMatch(CheckResult::passed);
        assertThat(results).extracting(CheckResult::evidence)
                .contains("exit status 1", "1 packets transmitted, 0 received, 100% packet loss, time 0ms",
                        "1 packets transmitted");
    }

    @Test
    void a_running_command_has_no_exit_status_to_match() {
        assertThat(Expectation.SUCCESS.check(null, "").get(0).passed()).isFalse();
    }
}
