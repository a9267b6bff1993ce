package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitorEventTest {

    @Test
    void ip_monitor_lines_are_classified_by_their_label_and_continuation_lines_are_not_events() {
        // given: ip monitor label link address route netconf while a bridge was made, addressed, routed, and removed
        List<String> lines = Fixtures.read("ip-monitor-label.txt").lines().toList();

        // when:
        List<MonitorEvent> events = ofIpMonitor(lines);

        // then: every labelled line is one event of its kind, the indented details are none
        assertThat(events).hasSize((int)
                lines.stream().filter(line -> line.startsWith("[")).count());
        assertThat(events)
                .extracting(MonitorEvent::kind)
                .contains(
                        MonitorEvent.Kind.LINK,
                        MonitorEvent.Kind.ADDRESS,
                        MonitorEvent.Kind.ROUTE,
                        MonitorEvent.Kind.NETCONF);
        assertThat(events)
                .filteredOn(event -> event.kind() == MonitorEvent.Kind.ROUTE)
                .extracting(MonitorEvent::line)
                .contains("10.8.0.0/16 via 10.9.9.2 dev br9", "Deleted 10.8.0.0/16 via 10.9.9.2 dev br9");
        assertThat(events)
                .filteredOn(event -> event.kind() == MonitorEvent.Kind.ADDRESS)
                .extracting(MonitorEvent::line)
                .anySatisfy(line -> assertThat(line).startsWith("Deleted 2: br9    inet 10.9.9.1/24"));
        assertThat(MonitorEvent.ofIpMonitor("lab", "    link/ether f2:f7:6d:7f:35:29 brd ff:ff:ff:ff:ff:ff"))
                .isEmpty();
        assertThat(MonitorEvent.ofIpMonitor("lab", "[NSID]nsid 0 (iproute2 netns name: x)"))
                .isEmpty();
    }

    @Test
    void netns_monitor_names_the_namespace_added_or_deleted() {
        List<MonitorEvent> events = Fixtures.read("netns-monitor.txt")
                .lines()
                .map(MonitorEvent::ofNetnsMonitor)
                .flatMap(Optional::stream)
                .toList();

        assertThat(events)
                .containsExactly(
                        new MonitorEvent(MonitorEvent.Kind.NAMESPACE_ADDED, "docker0", "add docker0"),
                        new MonitorEvent(MonitorEvent.Kind.NAMESPACE_DELETED, "docker0", "delete docker0"));
    }

    @Test
    void xtables_monitor_events_are_rule_changes_and_generation_lines_are_not() {
        List<MonitorEvent> events = Fixtures.read("xtables-monitor.txt")
                .lines()
                .map(line -> MonitorEvent.ofXtablesMonitor("host", line))
                .flatMap(Optional::stream)
                .toList();

        assertThat(events).hasSize(7).allMatch(event -> event.kind() == MonitorEvent.Kind.RULESET);
        assertThat(events)
                .extracting(MonitorEvent::line)
                .contains("-4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void recorded_neighbour_lines_are_events_for_the_bridges_mac_entries_alone() {
        // given: ip monitor label neigh while a bridge (br9, port v1) learned a MAC, had it deleted and learned
        // it again, v2 pinged an address nobody has, and IPv6 multicast entries went
        List<String> lines = Fixtures.read("ip-monitor-neigh.txt").lines().toList();

        // when:
        List<MonitorEvent> events = ofIpMonitor(lines);

        // then:
        assertThat(events)
                .extracting(MonitorEvent::line)
                .containsExactly(
                        "dev v1 lladdr de:a8:ba:ea:0e:5c REACHABLE",
                        "dev v1 lladdr 02:11:22:33:44:55 REACHABLE",
                        "Deleted dev v1 lladdr 02:11:22:33:44:55 REACHABLE",
                        "dev v1 lladdr 02:11:22:33:44:55 REACHABLE");
        assertThat(events).extracting(MonitorEvent::kind).containsOnly(MonitorEvent.Kind.NEIGHBOUR);
    }

    @Test
    void a_mac_a_bridge_learns_or_forgets_is_a_neighbour_event_an_arp_entry_is_none() {
        // ip monitor label neigh while a bridge learned a MAC and forgot it, and ARP and ND entries changed
        assertThat(MonitorEvent.ofIpMonitor("router", "[NEIGH]dev lan-host lladdr 02:11:22:33:44:55 REACHABLE"))
                .contains(new MonitorEvent(
                        MonitorEvent.Kind.NEIGHBOUR, "router", "dev lan-host lladdr 02:11:22:33:44:55 REACHABLE"));
        assertThat(MonitorEvent.ofIpMonitor("router", "[NEIGH]Deleted dev lan-host lladdr 02:11:22:33:44:55 STALE"))
                .map(MonitorEvent::kind)
                .contains(MonitorEvent.Kind.NEIGHBOUR);
        assertThat(MonitorEvent.ofIpMonitor("host", "[NEIGH]10.9.9.2 dev v2 FAILED"))
                .isEmpty();
        assertThat(MonitorEvent.ofIpMonitor("host", "[NEIGH]172.18.0.3 dev br0 lladdr 02:42:ac:12:00:03 STALE"))
                .isEmpty();
        assertThat(MonitorEvent.ofIpMonitor("host", "[NEIGH]Deleted ff02::16 dev v2 lladdr 33:33:00:00:00:16 NOARP"))
                .isEmpty();
    }

    /** The events {@code ip monitor label} lines make, in a namespace called "lab". */
    private static List<MonitorEvent> ofIpMonitor(List<String> lines) {
        return lines.stream()
                .map(line -> MonitorEvent.ofIpMonitor("lab", line))
                .flatMap(Optional::stream)
                .toList();
    }
}
