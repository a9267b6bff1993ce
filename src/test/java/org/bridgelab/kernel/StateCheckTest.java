package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts of the lesson format, judged on the recorded scenario-4 snapshot, with the kernel's evidence. */
class StateCheckTest {
    private static final ListenerProbe NOTHING_LISTENS = (ns, port) -> false;
    private final Topology lab = Snapshots.scenario4();
    /** docker0's MAC, as br0 learned it behind veth1 in the recorded fdb. */
    private final String docker0Mac = lab.namespace("host").orElseThrow().fdb().stream()
            .filter(entry -> entry.learned() && entry.port().equals("veth1"))
            .findFirst()
            .orElseThrow()
            .mac();

    @Test
    void every_kind_of_fact_holds_on_the_finished_scenario_4_lab() {
        List<StateCheck> facts = List.of(
                new StateCheck.NamespaceExists("docker0", true),
                new StateCheck.NamespaceExists("docker7", false),
                new StateCheck.LinkIn("docker0", "veth0", true, true),
                new StateCheck.LinkIn("host", "veth0", null, false),
                new StateCheck.PortOf("host", "veth1", "br0", true),
                new StateCheck.AddressOn("docker0", "veth0", "172.18.0.2/24", true),
                new StateCheck.RoutePresent("docker0", "default", "172.18.0.1", true),
                new StateCheck.Forwarding("host", true),
                new StateCheck.RulePresent(
                        "host", "nat", "-A POSTROUTING  -s 172.18.0.0/24 ! -o br0 -j MASQUERADE", true),
                new StateCheck.ChainPolicy("host", "filter", "FORWARD", "ACCEPT"),
                new StateCheck.ConntrackEntry("host", "icmp", "172.18.0.2", "198.51.100.10", null, "192.0.2.183"),
                new StateCheck.ConntrackEntry("host", "tcp", "192.0.2.50", "192.0.2.183", "172.18.0.2", null),
                new StateCheck.Reaches("docker0", "198.51.100.10", null, true),
                new StateCheck.FdbLearned("host", "br0", "veth1", docker0Mac, true),
                new StateCheck.FdbLearned("host", "br0", "veth3", docker0Mac, false));

        assertThat(facts)
                .allSatisfy(
                        fact -> assertThat(fact.evaluate(lab, NOTHING_LISTENS).passed())
                                .as(fact.expected().toString())
                                .isTrue());
    }

    @Test
    void a_fact_that_does_not_hold_shows_what_the_kernel_has_instead() {
        // when:
        StateCheck.Outcome port = new StateCheck.PortOf("host", "veth9", "br0", true).evaluate(lab, NOTHING_LISTENS);
        StateCheck.Outcome route =
                new StateCheck.RoutePresent("docker1", "default", "172.18.0.9", true).evaluate(lab, NOTHING_LISTENS);
        StateCheck.Outcome reach =
                new StateCheck.Reaches("remote", "192.0.2.183", 80, true).evaluate(lab, NOTHING_LISTENS);

        // then:
        assertThat(port.passed()).isFalse();
        assertThat(port.evidence().in("en")).isEqualTo("br0 ports: [veth1, veth3]");
        assertThat(route.passed()).isFalse();
        assertThat(route.evidence().in("en")).contains("default via 172.18.0.1 dev veth2");
        assertThat(reach.passed()).isFalse();
        assertThat(reach.evidence().in("en"))
                .startsWith("NOTHING_LISTENING:")
                .contains("fix: sudo ip netns exec docker0 nc -lp 80");
    }

    @Test
    void a_fact_naming_a_namespace_interface_or_table_that_does_not_exist_fails_even_when_negative() {
        List<StateCheck> unjudgeable = List.of(
                new StateCheck.LinkIn("docker9", "veth0", null, false),
                new StateCheck.PortOf("host", "veth1", "br9", false),
                new StateCheck.PortOf("docker9", "veth1", "br0", false),
                new StateCheck.AddressOn("docker0", "veth9", "172.18.0.9/24", false),
                new StateCheck.RoutePresent("docker9", "default", null, false),
                new StateCheck.RulePresent("docker9", "nat", "-A POSTROUTING -j MASQUERADE", false),
                new StateCheck.RulePresent("host", "nta", "-A POSTROUTING -j MASQUERADE", false),
                new StateCheck.ChainPolicy("host", "flter", "FORWARD", "ACCEPT"),
                new StateCheck.ConntrackEntry("docker9", null, "172.18.0.2", "198.51.100.10", null, null),
                new StateCheck.Reaches("docker9", "172.18.0.2", null, false),
                new StateCheck.Reaches("docker9", "172.18.0.2", null, true),
                new StateCheck.FdbLearned("host", "br9", "veth1", "02:00:00:00:00:0a", false));

        assertThat(unjudgeable).allSatisfy(fact -> {
            StateCheck.Outcome outcome = fact.evaluate(lab, NOTHING_LISTENS);
            assertThat(outcome.passed()).as(fact.toString()).isFalse();
            assertThat(outcome.evidence().in("en"))
                    .as(fact.toString())
                    .containsAnyOf("no namespace docker9", "no interface", "no table");
        });
        assertThat(new StateCheck.PortOf("host", "veth1", "br9", false)
                        .evaluate(lab, NOTHING_LISTENS)
                        .evidence()
                        .in("en"))
                .isEqualTo("no interface br9 in host (host links: "
                        + String.join(
                                ", ",
                                lab.namespace("host").orElseThrow().links().stream()
                                        .map(Topology.Link::name)
                                        .toList())
                        + ")");
    }
}
