package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a snapshot says of where a captured packet was; the snapshot is a real one, after scenario 4. */
class TopologyTest {
    private final Topology lab = Snapshots.scenario4();

    @Test
    void a_packet_on_a_veth_was_at_both_ends_of_its_cable() {
        assertThat(lab.cableEnds("host", "eth0")).containsExactly("host", "router");
        assertThat(lab.cableEnds("docker0", "veth0")).containsExactly("docker0", "host");
        assertThat(lab.cableEnds("internet", "eth0")).containsExactly("internet", "router");
    }

    @Test
    void a_packet_on_a_bridge_or_an_unknown_interface_was_in_its_namespace_only() {
        assertThat(lab.cableEnds("host", "br0")).containsExactly("host");
        assertThat(lab.cableEnds("docker1", "eth9")).containsExactly("docker1");
        assertThat(lab.cableEnds("gone", "eth0")).containsExactly("gone");
    }
}
