package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab run … --capture --timeline}: the capture pipeline from the command line. */
@KernelTest
class CaptureCliIT {

    @Test
    void run_all_captures_every_lesson_across_bridges_deleted_and_recreated_in_kernel_order(@TempDir Path dir)
            throws Exception {
        // given:
        Path pcap = dir.resolve("all.pcapng");
        Path timeline = dir.resolve("all-timeline.json");

        // when: the whole curriculum, whose c4 deletes br0 (and its own br1) before s1 builds br0 again
        CommandResult run = Cli.run("run", "--all", "--capture", pcap.toString(), "--timeline", timeline.toString());

        // then: the run passed, every bridge was captured, the ended captures are named, both files were written
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr())
                .contains("captured on: ")
                .contains("host/br0")
                .contains("host/br1")
                .contains("host/eth0")
                .contains("host/underlay0")
                .contains("capture on host/br0 ended: tcpdump: pcap_loop: The interface disappeared")
                .contains("timeline written to");
        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-tt", "-r", pcap.toString()), Duration.ofSeconds(30));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout())
                .contains("ARP, Request who-has 172.18.0.3 tell 172.18.0.2")
                .contains("IP 172.18.0.2 > 172.18.0.3: ICMP echo request")
                .contains("IP 172.18.0.2 > 198.51.100.10: ICMP echo request")
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request")
                .containsPattern("IP 192\\.0\\.2\\.50\\.\\d+ > 192\\.0\\.2\\.183\\.80: Flags \\[S\\]")
                .containsPattern("IP 192\\.0\\.2\\.50\\.\\d+ > 172\\.18\\.0\\.2\\.80: Flags \\[S\\]")
                // the overlay lesson's tunnel, on the underlay between its two hosts: VXLAN, and inside it the ICMP
                .containsPattern("IP 203\\.0\\.113\\.11\\.\\d+ > 203\\.0\\.113\\.12\\.4789: VXLAN, flags \\[I\\] "
                        + "\\(0x08\\), vni 42\\nIP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.3: ICMP echo request")
                .containsPattern("IP 203\\.0\\.113\\.12\\.\\d+ > 203\\.0\\.113\\.11\\.4789: VXLAN, flags \\[I\\] "
                        + "\\(0x08\\), vni 42\\nIP 10\\.0\\.0\\.3 > 10\\.0\\.0\\.2: ICMP echo reply");
        List<Double> times = read.stdout()
                .lines()
                // a VXLAN packet's inner frame is a line of its own, without a time
                .filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)))
                .map(line -> Double.parseDouble(line.substring(0, line.indexOf(' '))))
                .toList();
        assertThat(times).as("the pcapng in kernel order").isSorted();

        // and: the timeline has one lane per node, rows between lanes, NAT pairs and MASQUERADE in a path
        JsonNode json = new ObjectMapper().readTree(timeline.toFile());
        // (c2's cable joins namespaces a and b: containers too, listed first by name)
        assertThat(texts(json.path("lanes")))
                .containsSubsequence("docker0", "docker1", "host", "router", "internet", "remote");
        assertThat(texts(json.path("capturePoints")))
                .containsExactlyInAnyOrder("host/br0", "host/br1", "host/eth0", "host/underlay0");
        JsonNode arp = find(json.path("events"), "summary", "who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(arp.path("from").asText()).isEqualTo("docker0");
        assertThat(arp.path("to").asText()).isEqualTo("docker1");
        JsonNode snat = find(json.path("natPairs"), "kind", "SNAT");
        assertThat(snat.path("description").asText())
                .contains("172.18.0.2 > 198.51.100.10 on host/br0 became 192.0.2.183 > 198.51.100.10 on host/eth0");
        assertThat(snat.path("node").asText()).isEqualTo("host");
        assertThat(snat.path("rewrite").asText()).isEqualTo("172.18.0.2 → 192.0.2.183");
        JsonNode events = json.path("events");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("timeNanos").asLong())
                    .as("row " + i)
                    .isGreaterThanOrEqualTo(events.get(i - 1).path("timeNanos").asLong());
        }
        List<Long> order = new ArrayList<>();
        events.forEach(event -> order.add(event.path("sequence").asLong()));
        for (JsonNode pair : json.path("natPairs")) {
            assertThat(order.indexOf(pair.path("before").asLong()))
                    .as(pair.path("description").asText())
                    .isLessThan(order.indexOf(pair.path("after").asLong()));
        }
        for (JsonNode event : events) {
            if (!event.path("netfilterPath").isNull()) {
                JsonNode path = json.path("netfilterPaths")
                        .get(event.path("netfilterPath").asInt());
                assertThat(texts(path.path("addresses")))
                        .as(event.path("flow").asText())
                        .contains(event.path("flow").asText().split(" > ")[1].split(":")[0]);
            }
        }
        assertThat(texts(json.path("natPairs").findValues("kind").stream().toList()))
                .contains("REVERSE_SNAT");
        JsonNode masquerade = find(json.path("netfilterPaths"), "finalDecision", "MASQUERADE");
        assertThat(texts(masquerade.path("hooks"))).containsSubsequence("PREROUTING", "FORWARD", "POSTROUTING");
        JsonNode before =
                find(json.path("events"), "sequence", snat.path("before").asText());
        assertThat(before.path("natPair").isNull()).isFalse();
        assertThat(before.path("netfilterPath").isNull()).isFalse();
    }

    @Test
    void a_lesson_of_ones_own_is_captured_on_its_own_bridge(@TempDir Path dir) throws Exception {
        // given: a lesson with a bridge of its own, br7, and a namespace behind it
        Path lesson = dir.resolve("br7.json");
        java.nio.file.Files.writeString(lesson, """
                {"id": "br7", "title": {"en": "A bridge of my own", "zh": "我自己的网桥"}, "steps": [
                  {"id": "build", "title": {"en": "Build", "zh": "搭建"}, "actions": [
                    {"run": "ip netns add x7"},
                    {"run": "ip link add br7 type bridge"},
                    {"run": "ip link add v7 type veth peer name v7p"},
                    {"run": "ip link set v7p netns x7"},
                    {"run": "ip link set v7 master br7"},
                    {"run": "ip link set v7 up"},
                    {"run": "ip addr add 10.7.0.1/24 dev br7"},
                    {"run": "ip link set br7 up"},
                    {"run": "ip netns exec x7 ip addr add 10.7.0.2/24 dev v7p"},
                    {"run": "ip netns exec x7 ip link set v7p up"}]},
                  {"id": "ping", "title": {"en": "Ping", "zh": "ping"}, "actions": [
                    {"run": "ping -c 1 -W 2 10.7.0.2"}]},
                  {"id": "clean", "title": {"en": "Clean", "zh": "清理"}, "actions": [
                    {"run": "ip link del br7"}, {"run": "ip netns del x7"}]}]}""");
        Path pcap = dir.resolve("br7.pcapng");

        // when:
        CommandResult run = Cli.run("run", "--lesson-file", lesson.toString(), "--capture", pcap.toString());

        // then:
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).contains("host/br7");
        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", pcap.toString()), Duration.ofSeconds(30));
        assertThat(read.stdout())
                .contains("ARP, Request who-has 10.7.0.2 tell 10.7.0.1")
                .contains("IP 10.7.0.1 > 10.7.0.2: ICMP echo request");
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " among " + array.size() + " entries");
    }
}
