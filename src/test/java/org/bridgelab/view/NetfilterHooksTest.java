package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterTraceParser;
import org.bridgelab.kernel.Snapshots;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

/** The host's netfilter hook by hook, on the snapshot recorded after scenario 4 and the trace of scenario 3. */
class NetfilterHooksTest {

    private static Topology.Namespace host() {
        return Snapshots.scenario4().namespace("host").orElseThrow();
    }

    @Test
    void rules_sit_under_the_hook_they_act_at_in_the_kernels_own_text_with_forwards_policy() {
        // when:
        NetfilterHooks hooks = NetfilterHooks.of(host());

        // then: the five hooks in path order, each holding its own rules and nothing else
        assertThat(hooks.groups())
                .extracting(NetfilterHooks.Group::chain)
                .containsExactly("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
        assertThat(entries(hooks, "PREROUTING"))
                .containsExactly(
                        "nat -A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
        assertThat(entries(hooks, "FORWARD")).containsExactly("filter policy ACCEPT");
        assertThat(entries(hooks, "POSTROUTING"))
                .containsExactly("nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
        assertThat(entries(hooks, "INPUT")).isEmpty();
    }

    @Test
    void a_rules_counter_that_grew_is_told_and_a_new_rule_is_not() {
        // given:
        NetfilterHooks hooks = NetfilterHooks.of(host());
        Map<String, Long> before = new java.util.HashMap<>(hooks.counters());
        String masquerade = hooks.groups().get(4).entries().get(0).key();
        String dnat = hooks.groups().get(0).entries().get(0).key();
        before.put(masquerade, hooks.counters().get(masquerade) - 1);
        before.remove(dnat);

        // when / then:
        assertThat(hooks.countedSince(before)).containsExactly(masquerade);
    }

    @Test
    void a_traced_packet_lights_the_hooks_it_crossed_and_the_rule_it_matched_not_bridgelabs_trace_rule()
            throws IOException {
        // given: the echo request of scenario 3, masqueraded on its way out
        NetfilterTraceParser parser = new NetfilterTraceParser();
        try (InputStream in = getClass().getResourceAsStream("/org/bridgelab/capture/s3-trace.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(parser::accept);
        }
        NetfilterPath request = parser.paths().get(0);
        NetfilterHooks hooks = NetfilterHooks.of(host());

        // when:
        NetfilterHooks.Met met = NetfilterHooks.met(request);

        // then: the masquerade rule of the host's table is the one lit, with FORWARD's policy
        assertThat(met.hooks()).contains("PREROUTING", "FORWARD", "POSTROUTING").doesNotContain("INPUT");
        String masquerade = hooks.groups().get(4).entries().get(0).key();
        String forwardPolicy = hooks.groups().get(2).entries().get(0).key();
        assertThat(met.entries()).contains(masquerade, forwardPolicy);
        assertThat(met.entries()).noneMatch(key -> key.endsWith("-j TRACE"));
    }

    @Test
    void a_rule_is_wrapped_between_options_never_inside_one() {
        // when:
        List<String> lines = NetfilterHooks.wrap(
                "-A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80", 40);

        // then:
        assertThat(lines)
                .containsExactly(
                        "-A PREROUTING ! -i br0 -p tcp -m tcp", "--dport 80 -j DNAT", "--to-destination 172.18.0.2:80");
        assertThat(NetfilterHooks.wrap("-A FORWARD --to-destination 172.18.0.2:80", 10))
                .containsExactly("-A FORWARD", "--to-destination 172.18.0.2:80");
    }

    @Test
    void bridgelabs_own_trace_rules_are_left_out_and_said_to_be() {
        // given: the host with a TRACE rule in raw PREROUTING, as the window's tracer adds it
        Topology.Namespace host = host();
        List<Topology.Table> tables = new java.util.ArrayList<>(host.iptables());
        tables.add(new Topology.Table(
                "raw",
                List.of(new Topology.Chain(
                        "PREROUTING", "ACCEPT", 0, 0, List.of(new Topology.Rule("-A PREROUTING -j TRACE", 3, 0))))));
        Topology.Namespace traced = host.withIptables(tables);

        // when:
        NetfilterHooks hooks = NetfilterHooks.of(traced);

        // then:
        assertThat(hooks.traceRulesLeftOut()).isTrue();
        assertThat(entries(hooks, "PREROUTING")).noneMatch(text -> text.contains("TRACE"));
        assertThat(NetfilterHooks.of(host()).traceRulesLeftOut()).isFalse();
    }

    private static List<String> entries(NetfilterHooks hooks, String chain) {
        return hooks.groups().stream()
                .filter(group -> group.chain().equals(chain))
                .flatMap(group -> group.entries().stream())
                .map(entry -> entry.table() + " " + entry.text())
                .toList();
    }
}
