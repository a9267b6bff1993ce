package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The netfilter path in the words a learner reads, in English and Chinese, on the trace recorded in scenario 3. */
class NetfilterStepWordingTest {

    private static NetfilterPath request() {
        NetfilterTraceParser parser = new NetfilterTraceParser();
        CaptureFixtures.text("s3-trace.txt").lines().forEach(parser::accept);
        return parser.paths().get(0);
    }

    @Test
    void the_masqueraded_request_reads_as_hook_table_and_rule_without_the_trace_rule() {
        // given:
        NetfilterPath request = request();

        // when:
        List<String> english = request.steps().stream()
                .filter(step -> !step.isTraceRule())
                .map(step -> step.wording().in("en"))
                .toList();

        // then:
        assertThat(english)
                .containsExactly(
                        "PREROUTING · raw table · policy ACCEPT (in br0)",
                        "FORWARD · filter table · policy ACCEPT (in br0, out eth0)",
                        "POSTROUTING · nat table · rule `-s 172.18.0.0/24 ! -o br0 -j MASQUERADE` → MASQUERADE (in br0, out eth0)");
    }

    @Test
    void the_same_steps_read_in_chinese() {
        List<String> chinese = request().steps().stream()
                .filter(step -> !step.isTraceRule())
                .map(step -> step.wording().in("zh"))
                .toList();

        assertThat(chinese)
                .containsExactly(
                        "PREROUTING · raw 表 · 默认策略 ACCEPT（入口 br0）",
                        "FORWARD · filter 表 · 默认策略 ACCEPT（入口 br0，出口 eth0）",
                        "POSTROUTING · nat 表 · 规则 `-s 172.18.0.0/24 ! -o br0 -j MASQUERADE` → MASQUERADE（入口 br0，出口 eth0）");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE | -s 172.18.0.0/24 ! -o br0 -j MASQUERADE",
                "-4 -t nat -A DOCKER -i br0 -j RETURN                            | -i br0 -j RETURN",
                "-t filter -A FORWARD -j ACCEPT                                   | -j ACCEPT",
                "-A FORWARD -p tcp --dport 80 -j DROP                             | -p tcp --dport 80 -j DROP",
                "-p icmp -j ACCEPT                                                | -p icmp -j ACCEPT"
            })
    void a_rule_is_shown_without_the_table_and_chain_that_the_step_already_names(String rule, String shown) {
        // given:
        NetfilterStep step = new NetfilterStep("nat", "POSTROUTING", "rule", "ACCEPT", rule, "", "");

        // when / then:
        assertThat(step.ruleText()).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-4 -t raw -A PREROUTING -p icmp -j TRACE  | true",
                "-4 -t raw -A OUTPUT -p tcp -j TRACE       | true",
                "-4 -t nat -A POSTROUTING -j MASQUERADE    | false",
                "''                                        | false"
            })
    void only_the_trace_rules_bridgelab_adds_are_left_out(String rule, boolean trace) {
        assertThat(new NetfilterStep("raw", "PREROUTING", "rule", "CONTINUE", rule, "br0", "").isTraceRule())
                .isEqualTo(trace);
    }

    @Test
    void a_return_and_an_unknown_kind_are_worded_too() {
        // given:
        NetfilterStep back = new NetfilterStep("nat", "DOCKER", "return", "", "", "", "");
        NetfilterStep odd = new NetfilterStep("filter", "INPUT", "weird", "DROP", "", "", "lo");

        // when / then:
        assertThat(back.wording().in("en")).isEqualTo("DOCKER · nat table · back to the chain that jumped here");
        assertThat(back.wording().in("zh")).isEqualTo("DOCKER · nat 表 · 返回跳转过来的链");
        assertThat(odd.wording().in("en")).isEqualTo("INPUT · filter table · weird DROP (out lo)");
    }
}
