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
        assertThat(request.steps())
                .extracting(NetfilterStep::describe)
                .containsExactly(
                        "raw PREROUTING: ACCEPT (policy)",
                        "filter FORWARD: ACCEPT (policy)",
                        "nat POSTROUTING: MASQUERADE");
        NetfilterStep masquerade = request.steps().get(2);
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
    void a_path_describes_the_sighting_whose_header_it_printed_and_no_other() {
        // given: the trace and the captures were recorded in the same run
        List<NetfilterPath> paths = parse(CaptureFixtures.text("s3-trace.txt"));
        List<PacketEvent> packets =
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0);

        // when:
        List<PacketEvent> requests = packets.stream()
                .filter(e -> e.summary().contains("echo request"))
                .toList();

        // then: the request on br0 is the traced packet; on eth0, after MASQUERADE, its header was never printed
        assertThat(requests).hasSize(2);
        assertThat(paths.get(0).describes(requests.get(0))).isTrue();
        assertThat(paths.get(0).describes(requests.get(1))).isFalse();
        assertThat(paths.get(1).describes(requests.get(0))).isFalse();
        assertThat(packets.stream().filter(e -> e.protocol() == Protocol.ARP))
                .noneMatch(arp -> paths.get(0).describes(arp));
    }

    @Test
    void a_packets_path_is_found_through_any_of_its_sightings_and_only_if_one_path_fits() {
        // given:
        List<NetfilterPath> paths = parse(CaptureFixtures.text("s3-trace.txt"));
        List<PacketEvent> requests =
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0)
                        .stream()
                        .filter(e -> e.summary().contains("echo request"))
                        .toList();

        // then: both sightings together find the request's path; the masqueraded one alone finds none
        assertThat(NetfilterPath.tracedOf(requests, paths)).contains(paths.get(0));
        assertThat(NetfilterPath.tracedOf(List.of(requests.get(1)), paths)).isEmpty();
        // and: a packet two paths would fit gets neither
        NetfilterPath twin = new NetfilterPath(
                paths.get(0).ipId(), paths.get(0).addresses(), paths.get(0).headers(), List.of());
        assertThat(NetfilterPath.tracedOf(requests, List.of(paths.get(0), twin)))
                .isEmpty();
    }

    @Test
    void packets_sharing_an_ip_id_and_a_group_address_are_not_joined_into_one_path() {
        // given: the router's IGMP report (IP id 0) coming in on eth0, then the host's own on br0 (IP id 0 too)
        String trace = String.join(
                "\n",
                "PACKET: 2 aaaa0001 IN=eth0 MACSRC=26:bf:6d:ab:77:5b MACDST=1:0:5e:0:0:16 MACPROTO=0800 SRC=192.0.2.1 DST=224.0.0.22 LEN=40 TOS=0xc0 TTL=1 ID=0 DF",
                " TRACE: 2 aaaa0001 raw:PREROUTING:rule:0x2:CONTINUE  -4 -t raw -A PREROUTING -j TRACE",
                " TRACE: 2 aaaa0001 raw:PREROUTING:policy:ACCEPT ",
                "PACKET: 2 aaaa0001 IN=eth0 MACSRC=26:bf:6d:ab:77:5b MACDST=1:0:5e:0:0:16 MACPROTO=0800 SRC=192.0.2.1 DST=224.0.0.22 LEN=40 TOS=0xc0 TTL=1 ID=0 DF",
                " TRACE: 2 aaaa0001 filter:INPUT:policy:ACCEPT ",
                "PACKET: 2 bbbb0002 OUT=br0 SRC=172.18.0.1 DST=224.0.0.22 LEN=40 TOS=0xc0 TTL=1 ID=0 DF",
                " TRACE: 2 bbbb0002 raw:OUTPUT:rule:0x3:CONTINUE  -4 -t raw -A OUTPUT -j TRACE",
                " TRACE: 2 bbbb0002 raw:OUTPUT:policy:ACCEPT ",
                "PACKET: 2 bbbb0002 OUT=br0 SRC=172.18.0.1 DST=224.0.0.22 LEN=40 TOS=0xc0 TTL=1 ID=0 DF",
                " TRACE: 2 bbbb0002 filter:OUTPUT:policy:ACCEPT ");

        // when:
        List<NetfilterPath> paths = parse(trace);

        // then: two packets, two paths; the router's went in, the host's went out
        assertThat(paths).hasSize(2);
        assertThat(paths.get(0).hooks()).containsExactly("PREROUTING", "INPUT");
        assertThat(paths.get(0).addresses()).containsExactly("192.0.2.1", "224.0.0.22");
        assertThat(paths.get(1).hooks()).containsExactly("OUTPUT");
        assertThat(paths.get(1).addresses()).containsExactly("172.18.0.1", "224.0.0.22");
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
            parser.accept((i % 2 == 0 ? "PACKET: " : " TRACE: ")
                    + new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        assertThat(parser.paths()).allSatisfy(path -> assertThat(path.steps()).isNotEmpty());
    }
}
