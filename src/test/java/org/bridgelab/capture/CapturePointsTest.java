package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.kernel.Snapshots;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

class CapturePointsTest {
    private final Topology lab = Snapshots.scenario4();

    @Test
    void the_command_line_captures_the_hosts_bridges_and_uplink_that_are_up() {
        assertThat(CapturePoints.bridgesAndUplink(lab, "eth0"))
                .containsExactly(new CapturePoint("host", "eth0"), new CapturePoint("host", "br0"));
    }

    @Test
    void two_lab_hosts_have_no_one_host_so_each_lesson_hosts_bridges_and_underlay_are_captured() {
        Topology overlay = Snapshots.overlay();
        // as two lab hosts' states put together: their lesson hosts and containers, no machine under them
        Topology joined = new Topology(overlay.namespaces().stream()
                .filter(ns -> List.of("hosta", "hostb", "ca", "cb").contains(ns.name()))
                .toList());

        assertThat(CapturePoints.bridgesAndUplink(joined, "eth0"))
                .containsExactlyInAnyOrder(
                        new CapturePoint("hosta", "eth0"), new CapturePoint("hosta", "br0"),
                        new CapturePoint("hostb", "eth0"), new CapturePoint("hostb", "br0"));
        assertThat(CapturePoints.bridgesAndUplink(overlay, "eth0"))
                .allMatch(point -> point.node().equals("host"));
    }

    @Test
    void a_bridge_that_is_down_is_not_captured_until_it_is_up() {
        Topology br0Down = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.link(ns, "br0", link -> Snapshots.flags(link, List.of("BROADCAST", "MULTICAST"))));

        assertThat(CapturePoints.bridgesAndUplink(br0Down, "eth0")).containsExactly(new CapturePoint("host", "eth0"));
    }

    @Test
    void the_window_captures_the_containers_cables_the_hosts_bridge_and_uplink_and_the_outside_machines() {
        assertThat(CapturePoints.everyWire(lab))
                .containsExactlyInAnyOrder(
                        new CapturePoint("host", "eth0"), new CapturePoint("host", "br0"),
                        new CapturePoint("docker0", "veth0"), new CapturePoint("docker1", "veth2"),
                        new CapturePoint("remote", "eth0"), new CapturePoint("internet", "eth0"));
    }
}
