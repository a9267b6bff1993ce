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
    void run_s3_writes_a_pcapng_tcpdump_reads_and_a_timeline_with_lanes_nat_pairs_and_netfilter_paths(@TempDir Path dir)
            throws Exception {
        // given:
        Path pcap = dir.resolve("s3.pcapng");
        Path timeline = dir.resolve("s3-timeline.json");

        // when:
        CommandResult run = Cli.run("run", "s3", "--capture", pcap.toString(), "--timeline", timeline.toString());

        // then: the run passed and both files were written
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).contains("captured on: host/br0, host/eth0").contains("timeline written to");
        CommandResult read = new ProcessRunner().run(List.of("tcpdump", "-n", "-r", pcap.toString()), Duration.ofSeconds(30));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout()).contains("ARP, Request who-has 172.18.0.3 tell 172.18.0.2")
                .contains("IP 172.18.0.2 > 198.51.100.10: ICMP echo request")
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request");

        // and: the timeline has one lane per node, rows between lanes, NAT pairs and MASQUERADE in a path
        JsonNode json = new ObjectMapper().readTree(timeline.toFile());
        assertThat(texts(json.path("lanes"))).startsWith("docker0", "docker1", "host", "router", "internet", "remote");
        assertThat(texts(json.path("capturePoints"))).containsExactlyInAnyOrder("host/br0", "host/eth0");
        JsonNode arp = find(json.path("events"), "summary", "who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(arp.path("from").asText()).isEqualTo("docker0");
        assertThat(arp.path("to").asText()).isEqualTo("docker1");
        JsonNode snat = find(json.path("natPairs"), "kind", "SNAT");
        assertThat(snat.path("description").asText()).contains("172.18.0.2 > 198.51.100.10 on host/br0 became 192.0.2.183 > 198.51.100.10 on host/eth0");
        assertThat(texts(json.path("natPairs").findValues("kind").stream().toList())).contains("REVERSE_SNAT");
        JsonNode masquerade = find(json.path("netfilterPaths"), "finalDecision", "MASQUERADE");
        assertThat(texts(masquerade.path("hooks"))).containsSubsequence("PREROUTING", "FORWARD", "POSTROUTING");
        JsonNode before = find(json.path("events"), "sequence", snat.path("before").asText());
        assertThat(before.path("natPair").isNull()).isFalse();
        assertThat(before.path("netfilterPath").isNull()).isFalse();
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
