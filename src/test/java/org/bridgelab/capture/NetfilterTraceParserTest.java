package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** xtables-monitor --trace output recorded in scenario 3 (record-fixtures.sh, s3-trace.txt). */
class NetfilterTraceParserTest {

    private static List<NetfilterPath> parse(String text) {
        NetfilterTraceParser parser = new NetfilterTraceParser();
        text.lines().forEach(parser::accept);
        return parser.paths();
    }

    @Test
    void scenario_3_request_goes_prerouting_forward_postrouting_and_ends_in_masquerade() {
        // given / when:
        List<NetfilterPath> paths = parse(CaptureFixtures.text("s3-trace.txt"));

        // then:
        assertThat(paths).hasSize(2);
        NetfilterPath request = paths.get(0);
        assertThat(request.hooks()).containsExactly("PREROUTING", "FORWARD", "POSTROUTING");
        assertThat(request.finalDecision()).isEqualTo("MASQUERADE");
        assertThat(request.addresses()).containsExactly("172.18.0.2", "198.51.100.10");
        assertThat(request.steps()).extracting(NetfilterStep::describe).containsExactly(
                "raw PREROUTING: TRACE", "raw PREROUTING: ACCEPT (policy)", "filter FORWARD: ACCEPT (policy)",
                "nat POSTROUTING: MASQUERADE");
        NetfilterStep masquerade = request.steps().get(3);
        assertThat(masquerade.rule()).isEqualTo("-4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
        assertThat(masquerade.in()).isEqualTo("br0");
        assertThat(masquerade.out()).isEqualTo("eth0");
    }

    @Test
    void scenario_3_reply_is_one_path_although_its_destination_changes_between_hooks() {
        NetfilterPath reply = parse(CaptureFixtures.text("s3-trace.txt")).get(1);

        assertThat(reply.hooks()).containsExactly("PREROUTING", "FORWARD");
        assertThat(reply.addresses()).containsExactly("198.51.100.10", "192.0.2.183", "172.18.0.2");
        assertThat(reply.finalDecision()).isEqualTo("ACCEPT");
    }

    @Test
    void a_path_is_attached_to_the_packet_it_traced_on_either_side_of_the_nat() {
        // given: the trace and the captures were recorded in the same run
        List<NetfilterPath> paths = parse(CaptureFixtures.text("s3-trace.txt"));
        List<PacketEvent> packets = CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0);

        // when:
        List<PacketEvent> requests = packets.stream().filter(e -> e.summary().contains("echo request")).toList();

        // then:
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(paths.get(0).describes(request)).isTrue());
        assertThat(packets.stream().filter(e -> e.protocol() == Protocol.ARP)).noneMatch(arp -> paths.get(0).describes(arp));
    }

    @Test
    void event_lines_and_garbage_are_skipped_without_throwing() {
        NetfilterTraceParser parser = new NetfilterTraceParser();
        parser.accept(" EVENT: -4 -t raw -A OUTPUT -p icmp -j TRACE");
        parser.accept("NEWGEN: GENID=2 PID=25141 NAME=iptables");
        parser.accept("PACKET:");
        parser.accept(" TRACE: 2 deadbeef");
        parser.accept("PACKET: 2 abc ID=notanumber");
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(80)];
            random.nextBytes(noise);
            parser.accept((i % 2 == 0 ? "PACKET: " : " TRACE: ") + new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        assertThat(parser.paths()).allSatisfy(path -> assertThat(path.steps()).isNotEmpty());
    }
}
