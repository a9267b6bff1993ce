package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

class LabNodesTest {

    private static Topology.Namespace ns(String name, Topology.Role role, Topology.Link... links) {
        return new Topology.Namespace(
                name, role, false, List.of(links), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Topology.Link link(String name, String mac, String... addresses) {
        return new Topology.Link(1, name, "veth", "UP", List.of("UP"), mac, 1500, null, null, List.of(addresses));
    }

    private static final Topology LAB = new Topology(List.of(
            ns(
                    "host",
                    Topology.Role.HOST,
                    link("br0", "aa:00:00:00:00:01", "172.18.0.1/24"),
                    link("eth0", "aa:00:00:00:00:02", "192.0.2.183/24"),
                    new Topology.Link(
                            1,
                            "lo",
                            "loopback",
                            "UNKNOWN",
                            List.of("UP"),
                            "00:00:00:00:00:00",
                            65536,
                            null,
                            null,
                            List.of("127.0.0.1/8"))),
            ns("docker0", Topology.Role.CONTAINER, link("veth0", "aa:00:00:00:00:10", "172.18.0.2/24")),
            ns("router", Topology.Role.OUTSIDE, link("lan0", "aa:00:00:00:00:20", "192.0.2.1/24")),
            ns("docker1", Topology.Role.CONTAINER, link("veth2", "aa:00:00:00:00:11", "172.18.0.3/24"))));

    private static PacketEvent event(String srcMac, String dstMac, String srcIp, String dstIp) {
        return new PacketEvent(
                0, CaptureFixtures.BR0, 0, 60, srcMac, dstMac, Protocol.ARP, srcIp, dstIp, -1, -1, -1, 1, "", 0);
    }

    @Test
    void lanes_are_containers_then_the_host_then_the_outside_world() {
        assertThat(LabNodes.of(LAB).lanes()).containsExactly("docker0", "docker1", "host", "router");
    }

    @Test
    void an_arp_broadcast_goes_from_the_asker_to_the_owner_of_the_address_asked_for() {
        LabNodes.Hop hop =
                LabNodes.of(LAB).hop(event("aa:00:00:00:00:10", "ff:ff:ff:ff:ff:ff", "172.18.0.2", "172.18.0.3"));

        assertThat(hop).isEqualTo(new LabNodes.Hop("docker0", "docker1"));
    }

    @Test
    void a_routed_packet_goes_between_the_nodes_on_this_wire_not_its_final_ends() {
        LabNodes.Hop hop =
                LabNodes.of(LAB).hop(event("AA:00:00:00:00:02", "aa:00:00:00:00:20", "192.0.2.183", "198.51.100.10"));

        assertThat(hop).isEqualTo(new LabNodes.Hop("host", "router"));
    }

    @Test
    void nodes_learnt_from_an_earlier_snapshot_are_not_forgotten() {
        LabNodes nodes = LabNodes.of(LAB);
        nodes.learn(new Topology(List.of(ns("host", Topology.Role.HOST))));

        assertThat(nodes.nodeOfIp("172.18.0.3")).isEqualTo("docker1");
        assertThat(nodes.nodeOfIp("127.0.0.1")).isNull();
        assertThat(nodes.nodeOfMac("66:66:66:66:66:66")).isNull();
    }
}
