package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitorEventTest {

    @Test
    void ip_monitor_lines_are_classified_and_continuation_lines_are_not_events() {
        // given: ip monitor link address route netconf while a veth pair was made, moved, addressed and routed
        List<String> lines = Fixtures.read("ip-monitor.txt").lines().toList();

        // when:
        List<MonitorEvent> events = lines.stream().map(line -> MonitorEvent.ofIpMonitor("host", line))
                .flatMap(Optional::stream).toList();

        // then: every line that starts an event is one, the indented details are not
        long starts = lines.stream().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).count();
        assertThat(events).hasSize((int) starts);
        assertThat(events).extracting(MonitorEvent::kind).contains(MonitorEvent.Kind.LINK, MonitorEvent.Kind.ADDRESS,
                MonitorEvent.Kind.ROUTE, MonitorEvent.Kind.NETCONF);
        assertThat(MonitorEvent.ofIpMonitor("host", "10.9.0.0/16 via 10.1.1.2 dev veth1 linkdown"))
                .map(MonitorEvent::kind).contains(MonitorEvent.Kind.ROUTE);
        assertThat(MonitorEvent.ofIpMonitor("host", "Deleted 2: veth1    inet 10.1.1.1/24 scope global veth1"))
                .map(MonitorEvent::kind).contains(MonitorEvent.Kind.ADDRESS);
        assertThat(MonitorEvent.ofIpMonitor("host", "    link/ether 8e:4c:3e:dc:3c:5e brd ff:ff:ff:ff:ff:ff")).isEmpty();
    }

    @Test
    void netns_monitor_names_the_namespace_added_or_deleted() {
        List<MonitorEvent> events = Fixtures.read("netns-monitor.txt").lines()
                .map(MonitorEvent::ofNetnsMonitor).flatMap(Optional::stream).toList();

        assertThat(events).containsExactly(
                new MonitorEvent(MonitorEvent.Kind.NAMESPACE_ADDED, "docker0", "add docker0"),
                new MonitorEvent(MonitorEvent.Kind.NAMESPACE_DELETED, "docker0", "delete docker0"));
    }

    @Test
    void xtables_monitor_events_are_rule_changes_and_generation_lines_are_not() {
        List<MonitorEvent> events = Fixtures.read("xtables-monitor.txt").lines()
                .map(line -> MonitorEvent.ofXtablesMonitor("host", line)).flatMap(Optional::stream).toList();

        assertThat(events).hasSize(7).allMatch(event -> event.kind() == MonitorEvent.Kind.RULESET);
        assertThat(events).extracting(MonitorEvent::line)
                .contains("-4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }
}
