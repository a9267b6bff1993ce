package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bridgelab.testing.RecordedKernel;
import org.bridgelab.testing.RecordedLabHost;
import org.bridgelab.testing.RecordedLabHost.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A read after kernel events asks only for what they may have changed; the answers are recorded output. */
class StateReaderTest {
    private final RecordedLabHost host = new RecordedLabHost(RecordedKernel.fullRead());
    private StateReader reader;

    @BeforeEach
    void readOnce() {
        reader = new StateReader(host, Set.of());
        reader.read();
        host.asked().clear();
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void a_link_event_in_a_container_rereads_its_links_and_the_connections_traffic_changes_nothing_else() {
        // when:
        Topology after =
                reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.LINK, "docker0", "7: veth0: <UP>")));

        // then: the host's MAC table is not read, since the kernel notifies what changes it
        assertThat(host.asked())
                .containsExactlyInAnyOrder(
                        "docker0: ip -j -d addr show",
                        "docker0: ip -j netns list-id",
                        "host: cat /proc/net/nf_conntrack");
        assertThat(after.namespace("docker0").orElseThrow().link("veth0")).isPresent();
        assertThat(after.namespace("host")
                        .orElseThrow()
                        .link("veth1")
                        .orElseThrow()
                        .peer())
                .isEqualTo(new Topology.Endpoint("docker0", "veth0"));
    }

    @Test
    void a_link_event_lists_the_namespace_numbers_again_only_when_a_peer_has_a_new_one() {
        // given: a full read that knew docker0's number for the host (0)
        RecordedLabHost numbered = new RecordedLabHost(RecordedKernel.fullRead());
        numbered.answer(
                "host: ip -all netns exec ip -j netns list-id",
                RecordedLabHost.Answer.printing("\nnetns: docker0\n[{\"nsid\":0}]\n"));
        try (StateReader numberedReader = new StateReader(numbered, Set.of())) {
            numberedReader.read();
            numbered.asked().clear();
            MonitorEvent veth0Up = new MonitorEvent(MonitorEvent.Kind.LINK, "docker0", "7: veth0: <UP>");

            // when: a link event in docker0, whose veth0 still leads to number 0
            numberedReader.readAfter(List.of(veth0Up), true);

            // then: its links again, not its numbers
            assertThat(numbered.asked()).containsExactly("docker0: ip -j -d addr show");

            // when: veth0 now leads to a namespace numbered 1, which it had no name for
            numbered.answer(
                    "docker0: ip -j -d addr show",
                    RecordedLabHost.Answer.printing(RecordedKernel.fixture("docker0-addr.json")
                            .replace("\"link_netnsid\":0", "\"link_netnsid\":1")));
            numbered.asked().clear();
            numberedReader.readAfter(List.of(veth0Up), true);

            // then: the numbers are listed again
            assertThat(numbered.asked()).contains("docker0: ip -j netns list-id");
        }
    }

    @Test
    void where_captures_report_traffic_a_link_event_leaves_the_other_namespaces_tables_as_they_were() {
        // when: a link event in docker0, packets being reported as they are captured
        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.LINK, "docker0", "7: veth0: <UP>")), true);

        // then: no packet was seen, so the host's MAC table and connections have not moved
        assertThat(host.asked())
                .containsExactlyInAnyOrder("docker0: ip -j -d addr show", "docker0: ip -j netns list-id");
    }

    @Test
    void where_captures_report_traffic_packets_reread_counters_and_connections_only_where_they_were_seen() {
        // when: packets captured in docker0 alone, which has neither a bridge nor rules
        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.TRAFFIC, "docker0", "packets captured")), true);

        // then: nothing moved that could be read, and the host's tables are left as they were
        assertThat(host.asked()).isEmpty();

        // when: packets seen in the host (the monitor names it for packets on a cable into it, too)
        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.TRAFFIC, "host", "packets captured")), true);

        // then: its connections and its counters (a MAC its bridge learns is notified, as a neighbour event)
        assertThat(host.asked())
                .containsExactlyInAnyOrder("host: cat /proc/net/nf_conntrack", "host: iptables-save -c");
    }

    @Test
    void a_neighbour_event_rereads_the_mac_table_of_its_namespace_alone() {
        // when: the host's bridge learned a MAC, packets being reported as they are captured
        reader.readAfter(
                List.of(new MonitorEvent(
                        MonitorEvent.Kind.NEIGHBOUR, "host", "dev veth1 lladdr 02:42:ac:12:00:02 REACHABLE")),
                true);

        // then:
        assertThat(host.asked()).containsExactly("host: bridge -j fdb show");
    }

    @Test
    void a_rule_event_in_the_host_rereads_its_rules() {
        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.RULESET, "host", "-A FORWARD -j ACCEPT")));

        assertThat(host.asked()).contains("host: iptables-save -c").doesNotContain("host: ip -j -d addr show");
    }

    @Test
    void traffic_rereads_the_counters_only_where_there_are_tables_to_hold_them() {
        // when: packets captured in the host (nat and filter rules) and in docker0 (no table at all)
        reader.readAfter(List.of(
                new MonitorEvent(MonitorEvent.Kind.TRAFFIC, "host", "packets captured"),
                new MonitorEvent(MonitorEvent.Kind.TRAFFIC, "docker0", "packets captured")));

        // then:
        assertThat(host.asked())
                .contains("host: iptables-save -c")
                .doesNotContain("docker0: iptables-save -c", "docker0: ip -j -d addr show");
    }

    @Test
    void where_proc_hides_the_connection_table_conntrack_reads_it_without_trying_proc_again() {
        // given: a lab whose /proc has no nf_conntrack (a sandbox in a user namespace): the cat fails
        java.util.Map<String, RecordedLabHost.Answer> answers = new java.util.HashMap<>(RecordedKernel.fullRead());
        answers.remove("host: cat /proc/net/nf_conntrack");
        answers.put("host: conntrack -L", RecordedLabHost.Answer.printing(""));
        RecordedLabHost hidden = new RecordedLabHost(answers);
        try (StateReader hiddenReader = new StateReader(hidden, Set.of())) {
            // when: two reads of the host's connections
            hiddenReader.read(Set.of(StateReader.Part.CONNTRACK));
            hiddenReader.read(Set.of(StateReader.Part.CONNTRACK));
        }

        // then:
        assertThat(hidden.asked().stream().filter(command -> command.contains("nf_conntrack")))
                .hasSize(1);
        assertThat(hidden.asked().stream().filter(command -> command.equals("host: conntrack -L")))
                .hasSize(2);
    }

    @Test
    void a_namespace_added_is_read_whole_on_its_own() {
        // given: docker1 answers as docker0 was recorded
        host.answer("docker1: ip -j -d addr show", Answer.printing(RecordedKernel.fixture("docker0-addr.json")));
        host.answer("docker1: ip -j route show", Answer.printing(RecordedKernel.fixture("docker0-route.json")));
        host.answer(
                "docker1: ip -j netconf show", Answer.printing(RecordedKernel.fixture("netconf-forwarding-on.json")));
        host.answer("docker1: iptables-save -c", Answer.printing(""));

        // when: (captures report the traffic, as in the window)
        Topology after = reader.readAfter(
                List.of(new MonitorEvent(MonitorEvent.Kind.NAMESPACE_ADDED, "docker1", "add docker1")), true);

        // then: its links, routes, forwarding and rules, and nothing of the namespaces read before
        assertThat(host.asked())
                .contains(
                        "docker1: ip -j -d addr show",
                        "docker1: ip -j route show",
                        "docker1: ip -j netconf show",
                        "docker1: iptables-save -c")
                .allMatch(asked -> asked.startsWith("docker1: "));
        assertThat(after.namespace("docker1").orElseThrow().link("veth0")).isPresent();
        assertThat(after.namespace("docker0").orElseThrow().link("veth0")).isPresent();
    }

    @Test
    void a_namespace_known_already_and_notified_as_added_is_read_whole_again_on_its_own() {
        // (settling found it before its notification came, or it is another of the same name)
        host.answer("docker0: ip -j route show", Answer.printing(RecordedKernel.fixture("docker0-route.json")));
        host.answer(
                "docker0: ip -j netconf show", Answer.printing(RecordedKernel.fixture("netconf-forwarding-on.json")));
        host.answer("docker0: iptables-save -c", Answer.printing(""));

        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.NAMESPACE_ADDED, "docker0", "add docker0")), true);

        assertThat(host.asked())
                .contains("docker0: ip -j -d addr show", "docker0: ip -j route show")
                .allMatch(asked -> asked.startsWith("docker0: "));
    }

    @Test
    void a_namespace_deleted_is_a_full_read() {
        reader.readAfter(List.of(new MonitorEvent(MonitorEvent.Kind.NAMESPACE_DELETED, "docker1", "delete docker1")));

        assertThat(host.asked()).contains("host: ip -all netns exec ip -j -d addr show", "host: ip -j -d addr show");
    }

    @Test
    void a_check_of_routes_reads_routes_and_the_namespace_list_only() {
        // when:
        Topology routes = reader.read(Set.of(StateReader.Part.ROUTES));

        // then: every namespace is listed, with its routes and nothing it was not asked for
        assertThat(host.asked())
                .containsExactlyInAnyOrder(
                        "host: ip -j route show",
                        "host: ip -all netns exec ip -j route show",
                        "host: ip -j netns list");
        assertThat(routes.namespaces())
                .extracting(Topology.Namespace::name)
                .containsExactlyInAnyOrder("host", "docker0", "docker1");
        assertThat(routes.namespace("docker0").orElseThrow().routes())
                .extracting(Topology.Route::destination)
                .contains("default");
        assertThat(routes.namespace("host").orElseThrow().links()).isEmpty();
    }

    @Test
    void a_partial_read_is_not_the_base_of_the_next_read_after_events() {
        // given: a partial read, which knows no links
        reader.read(Set.of(StateReader.Part.ROUTES));

        // when: a route event in the container
        Topology after = reader.readAfter(
                List.of(new MonitorEvent(MonitorEvent.Kind.ROUTE, "docker0", "default via 172.18.0.1")));

        // then: the links come from the last full read
        assertThat(after.namespace("host").orElseThrow().link("br0")).isPresent();
    }
}
