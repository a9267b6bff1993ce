package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.kernel.Change;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

/** What glows on the diagram comes from the kernel's typed changes: the interfaces they are about, nothing else. */
class TopologyViewModelTest {
    private static final Topology LAB = new Topology(List.of(new Topology.Namespace(
            "host", Topology.Role.HOST, true, List.of(), List.of(), List.of(), List.of(), List.of(), List.of())));

    @Test
    void the_first_topology_drawn_glows_nowhere() {
        TopologyViewModel model = new TopologyViewModel();

        model.changed(LAB, List.of(new Change(Change.Kind.LINK_ADDED, "host", "br0", "bridge br0 added in host")));

        assertThat(model.topologyProperty().get()).isSameAs(LAB);
        assertThat(model.updateProperty().get().changedLinks()).isEmpty();
    }

    @Test
    void changes_of_interfaces_glow_on_their_chips_and_routes_rules_and_flows_do_not() {
        // given:
        TopologyViewModel model = new TopologyViewModel();
        model.read(LAB);

        // when:
        model.changed(
                LAB,
                List.of(
                        new Change(Change.Kind.LINK_UP, "host", "br0", "br0 in host is now UP"),
                        new Change(Change.Kind.PORT_ADDED, "host", "veth1", "br0 gained port veth1"),
                        new Change(
                                Change.Kind.ADDRESS_ADDED,
                                "docker0",
                                "veth0",
                                "address 172.18.0.2/24 added on docker0/veth0"),
                        new Change(
                                Change.Kind.ROUTE_ADDED,
                                "docker0",
                                "default",
                                "route added in docker0: default via 172.18.0.1"),
                        new Change(
                                Change.Kind.RULE_ADDED,
                                "host",
                                "nat",
                                "rule added in host: nat POSTROUTING -j MASQUERADE"),
                        new Change(Change.Kind.FLOW_ADDED, "host", "icmp", "flow")));

        // then:
        assertThat(model.updateProperty().get().changedLinks())
                .containsExactlyInAnyOrder("host/br0", "host/veth1", "docker0/veth0");
    }
}
