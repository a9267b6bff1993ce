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
        assertThat(results.get(0).evidence().in("en")).isEqualTo("exit status 1");
        assertThat(results.get(1).evidence().in("en")).contains("100% packet loss");
    }

    @Test
    void each_expectation_reports_its_own_evidence() {
        Expectation expectation = new Expectation(
                1,
                List.of("100% packet loss"),
                List.of("172.18.0."),
                List.of(Pattern.compile("(\\d+) packets transmitted")));

        List<CheckResult> results = expectation.check(1, LOST);

        assertThat(results).allMatch(CheckResult::passed);
        assertThat(results)
                .extracting(result -> result.evidence().in("en"))
                .contains(
                        "exit status 1",
                        "1 packets transmitted, 0 received, 100% packet loss, time 0ms",
                        "1 packets transmitted");
    }

    @Test
    void a_running_command_has_no_exit_status_to_match() {
        assertThat(Expectation.SUCCESS.check(null, "").get(0).passed()).isFalse();
    }

    @Test
    void texts_expected_in_order_pass_only_in_that_order_and_say_where_the_order_broke() {
        // given: tcpdump's lines of s1's first ping, recorded
        String capture = """
                12:00:00.000001 ARP, Request who-has 172.18.0.3 tell 172.18.0.2, length 28
                12:00:00.000050 ARP, Reply 172.18.0.3 is-at 02:42:ac:12:00:03, length 28
                12:00:00.000080 IP 172.18.0.2 > 172.18.0.3: ICMP echo request, id 7, seq 1, length 64
                12:00:00.000120 IP 172.18.0.3 > 172.18.0.2: ICMP echo reply, id 7, seq 1, length 64
                """;
        String echoFirst = """
                12:00:00.000080 IP 172.18.0.2 > 172.18.0.3: ICMP echo request, id 7, seq 1, length 64
                12:00:00.000100 ARP, Request who-has 172.18.0.3 tell 172.18.0.2, length 28
                12:00:00.000120 ARP, Reply 172.18.0.3 is-at 02:42:ac:12:00:03, length 28
                """;
        Expectation arpThenEcho = new Expectation(
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of("ARP, Request who-has", "ARP, Reply", "ICMP echo request"));

        // when:
        CheckResult inOrder = arpThenEcho.check(0, capture).get(0);
        CheckResult outOfOrder = arpThenEcho.check(0, echoFirst).get(0);

        // then:
        assertThat(inOrder.passed()).isTrue();
        assertThat(inOrder.evidence().in("en"))
                .startsWith("12:00:00.000001 ARP, Request")
                .contains("ICMP echo request, id 7");
        assertThat(outOfOrder.passed()).isFalse();
        assertThat(outOfOrder.evidence().in("en"))
                .startsWith("after \"12:00:00.000120 ARP, Reply 172.18.0.3 is-at 02:42:ac:12:00:03, length 28\": "
                        + "\"ICMP echo request\" came before it");
        assertThat(outOfOrder.expected().toString())
                .isEqualTo("output shows, in this order: ARP, Request who-has → ARP, Reply → ICMP echo request");
    }
}
