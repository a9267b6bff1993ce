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
