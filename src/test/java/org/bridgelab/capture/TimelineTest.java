package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 3's recorded captures and trace laid out as a timeline, the way a session does it. */
class TimelineTest {

    private static Timeline scenario3(LabNodes nodes) {
        PacketStore store = PacketStore.standard();
        PacketCorrelator correlator = new PacketCorrelator();
        for (PacketEvent event : CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0)) {
            PcapRecord record = new PcapRecord(event.timestampNanos(), frameOf(event), event.length());
            PacketEvent kept = PacketDecoder.decode(event.point(), store.nextSequence(), record);
            store.append(event.point(), record, correlator.accept(kept).travel());
        }
        NetfilterTraceParser trace = new NetfilterTraceParser();
        CaptureFixtures.text("s3-trace.txt").lines().forEach(trace::accept);
        return Timeline.of(store, correlator.natPairs(), trace.paths(), nodes);
    }

    /** The recorded frame behind a merged event: found again by time and point. */
    private static byte[] frameOf(PacketEvent event) {
        String file = event.point().equals(CaptureFixtures.BR0) ? "s3-br0.pcap" : "s3-eth0.pcap";
        return CaptureFixtures.records(file).stream().filter(r -> r.timestampNanos() == event.timestampNanos())
                .findFirst().orElseThrow().data();
    }

    @Test
    void rows_point_to_their_nat_pair_and_netfilter_path_and_survive_json(@TempDir Path dir) throws Exception {
        // given:
        Timeline timeline = scenario3(LabNodes.of(new Topology(List.of())));

        // when:
        Path file = dir.resolve("timeline.json");
        timeline.write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());

        // then:
        assertThat(timeline.capturePoints()).containsExactly("host/br0", "host/eth0");
        assertThat(timeline.natPairs()).extracting(Timeline.Pair::kind).containsExactly("SNAT", "REVERSE_SNAT");
        Timeline.Row request = timeline.events().stream().filter(r -> r.summary().startsWith("172.18.0.2 > 198.51.100.10"))
                .findFirst().orElseThrow();
        assertThat(request.natPair()).isZero();
        assertThat(request.netfilterPath()).isZero();
        assertThat(timeline.netfilterPaths().get(0).finalDecision()).isEqualTo("MASQUERADE");
        Timeline.Row translated = timeline.events().stream().filter(r -> r.summary().startsWith("192.0.2.183 > 198.51.100.10"))
                .findFirst().orElseThrow();
        assertThat(translated.travel()).isEqualTo(request.travel());
        assertThat(json.path("events").size()).isEqualTo(timeline.events().size());
        assertThat(json.path("netfilterPaths").get(0).path("steps").get(3).path("rule").asText()).endsWith("-j MASQUERADE");
    }

    @Test
    void unknown_addresses_leave_the_lanes_empty_rather_than_guessing() {
        Timeline timeline = scenario3(LabNodes.of(new Topology(List.of())));

        assertThat(timeline.lanes()).isEmpty();
        assertThat(timeline.events()).allSatisfy(row -> {
            assertThat(row.from()).isNull();
            assertThat(row.to()).isNull();
        });
    }
}
