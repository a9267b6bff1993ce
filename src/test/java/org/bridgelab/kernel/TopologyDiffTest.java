package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyDiffTest {
    private final Topology lab = Snapshots.scenario4();

    @Test
    void the_same_snapshot_has_no_changes() {
        assertThat(TopologyDiff.between(lab, lab)).isEmpty();
    }

    @Test
    void a_veth_that_leaves_the_host_for_a_namespace_has_moved() {
        // given: before, veth0 still in the host (same name and MAC)
        Topology.Link veth0 =
                lab.namespace("docker0").orElseThrow().link("veth0").orElseThrow();
        Topology before = Snapshots.change(
                Snapshots.change(lab, "docker0", ns -> without(ns, "veth0")), "host", ns -> with(ns, veth0));

        // when:
        List<Change> changes = TopologyDiff.between(before, lab);

        // then:
        assertThat(changes).extracting(Change::description).contains("veth0 moved from host to docker0");
        assertThat(changes).extracting(Change::kind).doesNotContain(Change.Kind.LINK_ADDED, Change.Kind.LINK_REMOVED);
    }

    @Test
    void bridge_ports_addresses_routes_forwarding_policies_and_rules_are_named_in_domain_words() {
        Topology before = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        Snapshots.chain(
                                Snapshots.forwarding(
                                        Snapshots.link(ns, "veth3", l -> Snapshots.master(l, null)), false),
                                "nat",
                                "POSTROUTING",
                                null,
                                List.of()),
                        "filter",
                        "FORWARD",
                        "DROP",
                        List.of()));
        before = Snapshots.change(
                before,
                "docker0",
                ns -> Snapshots.routes(
                        Snapshots.link(ns, "veth0", l -> Snapshots.addresses(l, List.of())),
                        ns.routes().stream()
                                .filter(r -> !r.destination().equals("default"))
                                .toList()));

        List<String> changes = TopologyDiff.between(before, lab).stream()
                .map(Change::description)
                .toList();

        assertThat(changes)
                .contains(
                        "br0 gained port veth3",
                        "address 172.18.0.2/24 added on docker0/veth0",
                        "route added in docker0: default via 172.18.0.1 dev veth0",
                        "ip_forward in host 0 → 1",
                        "policy of filter FORWARD in host DROP → ACCEPT",
                        "rule added in host: nat POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void going_down_removing_a_namespace_and_a_rule_are_named_too() {
        Topology after = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        Snapshots.link(ns, "br0", l -> Snapshots.flags(l, List.of("BROADCAST", "MULTICAST"))),
                        "nat",
                        "PREROUTING",
                        null,
                        List.of()));
        after = new Topology(after.namespaces().stream()
                .filter(ns -> !ns.name().equals("docker1"))
                .toList());

        List<String> changes = TopologyDiff.between(lab, after).stream()
                .map(Change::description)
                .toList();

        assertThat(changes)
                .contains(
                        "namespace docker1 removed",
                        "br0 in host is now DOWN",
                        "rule removed in host: nat PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
    }

    @Test
    void a_table_made_with_nft_itself_is_named_and_iptables_own_tables_are_not_repeated() {
        List<Topology.NftTable> inet = NftRulesetParser.parse(Fixtures.read("nft-ruleset-inet.json"));
        Topology after = Snapshots.change(
                lab,
                "host",
                ns -> ns.withNftables(java.util.stream.Stream.concat(ns.nftables().stream(), inet.stream())
                        .toList()));

        List<String> changes = TopologyDiff.between(lab, after).stream()
                .map(Change::description)
                .toList();

        assertThat(changes)
                .containsExactly(
                        "nft table inet lab added in host",
                        "nft chain inet lab input (hook input, policy drop) added in host",
                        "nft rule inet lab input tcp dport 22 ct state { established, related } counter accept added in host",
                        "nft rule inet lab input iifname lo accept added in host");
    }

    private static Topology.Namespace without(Topology.Namespace ns, String link) {
        return ns.withLinks(
                ns.links().stream().filter(l -> !l.name().equals(link)).toList());
    }

    private static Topology.Namespace with(Topology.Namespace ns, Topology.Link link) {
        List<Topology.Link> links = new ArrayList<>(ns.links());
        links.add(link);
        return ns.withLinks(links);
    }
}
