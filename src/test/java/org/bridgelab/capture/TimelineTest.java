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
        // delivered as two tcpdumps may: everything the uplink saw before anything br0 saw
        List<PacketEvent> arrival = new java.util.ArrayList<>(
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0));
        arrival.sort(java.util.Comparator.comparing((PacketEvent e) -> e.point().equals(CaptureFixtures.BR0)));
        return timelineOf(arrival, "s3-trace.txt", nodes);
    }

    private static Timeline timelineOf(List<PacketEvent> arrival, String trace, LabNodes nodes) {
        PacketStore store = PacketStore.standard();
        PacketCorrelator correlator = new PacketCorrelator();
        for (PacketEvent event : arrival) {
            PcapRecord record = new PcapRecord(event.timestampNanos(), frameOf(event), event.length());
            PacketEvent kept = PacketDecoder.decode(event.point(), store.nextSequence(), record);
            store.append(event.point(), record, correlator.accept(kept).travel());
        }
        NetfilterTraceParser parser = new NetfilterTraceParser();
        if (trace != null) {
            CaptureFixtures.text(trace).lines().forEach(parser::accept);
        }
        return Timeline.of(store, correlator.natPairs(), parser.paths(), nodes);
    }

    /** The recorded frame behind a merged event: found again by time and point. */
    private static byte[] frameOf(PacketEvent event) {
        for (String file : List.of("s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            if (file.endsWith(event.point().iface() + ".pcap")) {
                java.util.Optional<PcapRecord> found = CaptureFixtures.records(file).stream()
                        .filter(r -> r.timestampNanos() == event.timestampNanos())
                        .findFirst();
                if (found.isPresent()) {
                    return found.get().data();
                }
            }
        }
        throw new AssertionError("no recorded frame for " + event);
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
        assertThat(timeline.capturePoints()).containsExactlyInAnyOrder("host/br0", "host/eth0");
        assertThat(timeline.natPairs()).extracting(Timeline.Pair::kind).containsExactly("SNAT", "REVERSE_SNAT");
        Timeline.Row request = timeline.events().stream()
                .filter(r -> r.summary().startsWith("172.18.0.2 > 198.51.100.10"))
                .findFirst()
                .orElseThrow();
        assertThat(request.natPair()).isZero();
        assertThat(request.netfilterPath()).isZero();
        assertThat(timeline.netfilterPaths().get(0).finalDecision()).isEqualTo("MASQUERADE");
        Timeline.Row translated = timeline.events().stream()
                .filter(r -> r.summary().startsWith("192.0.2.183 > 198.51.100.10"))
                .findFirst()
                .orElseThrow();
        assertThat(translated.travel()).isEqualTo(request.travel());
        assertThat(json.path("events").size()).isEqualTo(timeline.events().size());
        assertThat(json.path("netfilterPaths")
                        .get(0)
                        .path("steps")
                        .get(2)
                        .path("rule")
                        .asText())
                .endsWith("-j MASQUERADE");
    }

    @Test
    void written_json_is_the_json_jackson_writes_for_the_record_a_row_and_a_pair_a_line(@TempDir Path dir)
            throws Exception {
        // given:
        Timeline timeline = scenario3(LabNodes.of(new Topology(List.of())));

        // when: streamed row by row
        Path file = dir.resolve("timeline.json");
        timeline.write(file);

        // then:
        assertThat(timeline.netfilterPaths()).isNotEmpty();
        assertThat(timeline.natPairs()).isNotEmpty();
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(TimelineJsonLayout.expected(timeline));
        assertThat(new ObjectMapper().readTree(file.toFile()))
                .isEqualTo(new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(timeline)));
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

    @Test
    void rows_are_in_kernel_order_whatever_order_the_captures_arrived_in() {
        // given: s3 and s4, each delivered with one capture point's frames late
        List<PacketEvent> s4 = new java.util.ArrayList<>(
                CaptureFixtures.merged("s4-eth0.pcap", CaptureFixtures.ETH0, "s4-br0.pcap", CaptureFixtures.BR0));
        s4.sort(java.util.Comparator.comparing((PacketEvent e) -> e.point().equals(CaptureFixtures.ETH0)));

        for (Timeline timeline : List.of(
                scenario3(LabNodes.of(new Topology(List.of()))),
                timelineOf(s4, null, LabNodes.of(new Topology(List.of()))))) {
            // then: times never go back; a request before its reply; a pair's before before its after
            List<Timeline.Row> rows = timeline.events();
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).timeNanos())
                        .as("row " + i)
                        .isGreaterThanOrEqualTo(rows.get(i - 1).timeNanos());
            }
            for (Timeline.Pair pair : timeline.natPairs()) {
                assertThat(indexOf(rows, pair.before())).as(pair.description()).isLessThan(indexOf(rows, pair.after()));
                assertThat(pair.node()).as(pair.description()).isEqualTo("host");
            }
            assertThat(timeline.natPairs().get(0).kind()).isIn("SNAT", "DNAT");
        }
        Timeline s3 = scenario3(LabNodes.of(new Topology(List.of())));
        int request = indexOf(s3.events(), "192.0.2.183 > 198.51.100.10", "echo request");
        int reply = indexOf(s3.events(), "198.51.100.10 > 192.0.2.183", "echo reply");
        assertThat(request).isLessThan(reply);
        assertThat(s3.natPairs())
                .extracting(Timeline.Pair::rewrite)
                .containsExactly("172.18.0.2 → 192.0.2.183", "192.0.2.183 → 172.18.0.2");
        assertThat(s3.natPairs()).extracting(Timeline.Pair::field).containsExactly("SOURCE", "DESTINATION");
    }

    @Test
    void a_netfilter_path_is_shown_only_on_the_packet_it_traced() {
        // given:
        Timeline timeline = scenario3(LabNodes.of(new Topology(List.of())));

        // then: every row with a path is that packet: the request on both sides of the NAT, the reply likewise
        assertThat(timeline.events().stream().filter(row -> row.netfilterPath() != null))
                .isNotEmpty()
                .allSatisfy(row -> {
                    Timeline.Path path = timeline.netfilterPaths().get(row.netfilterPath());
                    assertThat(path.addresses())
                            .as(row.flow())
                            .containsAnyElementsOf(List.of(row.flow().split(" > ")));
                    assertThat(row.protocol()).isEqualTo("ICMP");
                });
        assertThat(timeline.events().stream().filter(row -> row.protocol().equals("ARP")))
                .allSatisfy(arp -> assertThat(arp.netfilterPath()).isNull());
        Timeline.Row masqueraded =
                timeline.events().get(indexOf(timeline.events(), "192.0.2.183 > 198.51.100.10", "echo request"));
        assertThat(timeline.netfilterPaths().get(masqueraded.netfilterPath()).finalDecision())
                .isEqualTo("MASQUERADE");
        assertThat(timeline.netfilterPaths())
                .allSatisfy(path ->
                        assertThat(path.steps()).noneMatch(step -> step.rule().endsWith("-j TRACE")));
    }

    private static int indexOf(List<Timeline.Row> rows, long sequence) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sequence() == sequence) {
                return i;
            }
        }
        throw new AssertionError("no row " + sequence);
    }

    private static int indexOf(List<Timeline.Row> rows, String flow, String words) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).flow().equals(flow) && rows.get(i).summary().contains(words)) {
                return i;
            }
        }
        throw new AssertionError("no row " + flow + " " + words);
    }
}
