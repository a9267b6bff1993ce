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
        List<MonitorEvent> events = lines.stream()
                .map(line -> MonitorEvent.ofIpMonitor("lab", line))
                .flatMap(Optional::stream)
                .toList();

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
}
