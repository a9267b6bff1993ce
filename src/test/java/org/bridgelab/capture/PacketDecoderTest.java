package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoding of frames recorded from a real kernel (record-fixtures.sh), and of broken ones. */
class PacketDecoderTest {

    @Test
    void a_vxlan_packet_on_the_underlay_is_said_with_the_frame_it_carries() {
        // given: the overlay lesson's tunnel, captured on the underlay between its two hosts
        List<PacketEvent> events = CaptureFixtures.events("overlay-underlay0.pcap", CaptureFixtures.BR0);

        // then: each is the UDP packet between the hosts, in the words of the frame inside it
        assertThat(events).allSatisfy(event -> {
            assertThat(event.protocol()).isEqualTo(Protocol.UDP);
            assertThat(event.dstPort()).isEqualTo(4789);
            assertThat(event.summary()).startsWith(event.srcIp() + " > " + event.dstIp() + ": VXLAN vni 42: ");
        });
        assertThat(events.get(0).srcIp()).isEqualTo("203.0.113.11");
        assertThat(events.get(0).summary())
                .isEqualTo("203.0.113.11 > 203.0.113.12: VXLAN vni 42: who-has 10.0.0.3 tell 10.0.0.2");
        assertThat(events)
                .extracting(PacketEvent::summary)
                .anyMatch(summary ->
                        summary.endsWith("VXLAN vni 42: 10.0.0.2 > 10.0.0.3: ICMP echo request id 180 seq 1"))
                .anyMatch(
                        summary -> summary.endsWith("VXLAN vni 42: 10.0.0.3 > 10.0.0.2: ICMP echo reply id 180 seq 1"));
    }

    @Test
    void a_vxlan_packet_has_its_vni_and_the_identity_of_the_frame_it_carries() {
        // given: the overlay lesson's underlay, and the frame inside each packet (after 50 bytes of Ethernet,
        // IPv4, UDP and VXLAN headers)
        for (PcapRecord record : CaptureFixtures.records("overlay-underlay0.pcap")) {
            byte[] inner = Arrays.copyOfRange(record.data(), 50, record.data().length);
            PacketEvent frame = PacketDecoder.decode(CaptureFixtures.BR0, 1, new PcapRecord(1, inner, inner.length));

            // when: decoded for the timeline and for the correlating pass
            PacketEvent packet = PacketDecoder.decode(CaptureFixtures.BR0, 0, record);
            PacketEvent correlated = PacketDecoder.decodeWithoutSummary(CaptureFixtures.BR0, 0, record);

            // then: the tunnel's addresses, its VNI and the frame's identity
            assertThat(packet.tunnelled()).isTrue();
            assertThat(packet.vni()).isEqualTo(42);
            assertThat(packet.srcIp()).startsWith("203.0.113.");
            assertThat(packet.identity()).as(frame.summary()).isNotZero().isEqualTo(frame.identity());
            assertThat(correlated.vni()).isEqualTo(42);
            assertThat(correlated.identity()).isEqualTo(frame.identity());
        }
    }

    @Test
    void a_plain_frame_is_not_tunnelled() {
        assertThat(CaptureFixtures.events("s1-br0.pcap", CaptureFixtures.BR0))
                .allSatisfy(event -> assertThat(event.tunnelled()).isFalse())
                .extracting(PacketEvent::vni)
                .containsOnly(-1);
    }

    @Test
    void scenario_1_capture_reads_as_arp_question_answer_then_echo_request_and_reply() {
        // given: the first ping from docker0 to docker1, captured on br0
        List<PacketEvent> events = CaptureFixtures.events("s1-br0.pcap", CaptureFixtures.BR0);

        // when: the IPv4/ARP frames are read in order (IPv6 chatter aside)
        List<String> summaries = events.stream()
                .filter(e -> e.protocol() != Protocol.IPV6 && e.protocol() != Protocol.IGMP)
                .map(PacketEvent::summary)
                .toList();

        // then:
        assertThat(summaries.get(0)).isEqualTo("who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(summaries.get(1)).matches("172\\.18\\.0\\.3 is-at ([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(summaries.get(2)).matches("172\\.18\\.0\\.2 > 172\\.18\\.0\\.3: ICMP echo request id \\d+ seq 1");
        assertThat(summaries.get(3)).matches("172\\.18\\.0\\.3 > 172\\.18\\.0\\.2: ICMP echo reply id \\d+ seq 1");
        PacketEvent request = events.stream()
                .filter(e -> e.summary().contains("echo request"))
                .findFirst()
                .orElseThrow();
        assertThat(request.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(request.point()).isEqualTo(CaptureFixtures.BR0);
        assertThat(request.length()).isEqualTo(98);
        assertThat(request.timestampNanos()).isGreaterThan(1_700_000_000_000_000_000L);
        assertThat(request.srcMac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(request.ipId()).isNotNegative();
    }

    @Test
    void scenario_4_capture_shows_tcp_flags_ports_and_the_text_typed() {
        // given / when:
        List<String> summaries = CaptureFixtures.events("s4-br0.pcap", CaptureFixtures.BR0).stream()
                .filter(e -> e.protocol() == Protocol.TCP)
                .map(PacketEvent::summary)
                .toList();

        // then:
        assertThat(summaries.get(0)).matches("192\\.0\\.2\\.50 > 172\\.18\\.0\\.2: \\d+ > 80 \\[SYN\\] seq \\d+");
        assertThat(summaries.get(1))
                .matches("172\\.18\\.0\\.2 > 192\\.0\\.2\\.50: 80 > \\d+ \\[SYN-ACK\\] seq \\d+ ack \\d+");
        assertThat(summaries.get(2)).contains("[ACK]");
        assertThat(summaries.get(3)).contains("[PSH-ACK]").contains("30 bytes \"hello from the remote machine\\n\"");
        assertThat(summaries).anyMatch(s -> s.contains("[FIN-ACK]"));
        assertThat(summaries).anyMatch(s -> s.contains("\"hello from docker0\\n\""));
    }

    @Test
    void ipv6_and_igmp_are_shown_as_what_they_are() {
        List<PacketEvent> events = CaptureFixtures.events("s1-br0.pcap", CaptureFixtures.BR0);

        // a new namespace's own IPv6 start-up, named by its ICMPv6 type (behind a hop-by-hop header for MLD)
        assertThat(events)
                .filteredOn(e -> e.protocol() == Protocol.IPV6)
                .extracting(PacketEvent::summary)
                .contains(":: > ff02::16: ICMPv6 multicast listener report v2")
                .anySatisfy(summary ->
                        assertThat(summary).matches(":: > ff02::1:ff[0-9a-f:]+: ICMPv6 neighbor solicitation"))
                .allSatisfy(summary -> assertThat(summary).contains(": ICMPv6 "));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.protocol()).isEqualTo(Protocol.IGMP);
            assertThat(e.summary()).startsWith("172.18.0.1 > 224.0.0.22: IGMP");
        });
    }

    @Test
    void every_truncation_of_every_recorded_frame_decodes_without_throwing() {
        for (String fixture : List.of("s1-br0.pcap", "s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            for (PcapRecord record : CaptureFixtures.records(fixture)) {
                for (int length = 0; length <= record.data().length; length++) {
                    PcapRecord cut = new PcapRecord(
                            record.timestampNanos(), Arrays.copyOf(record.data(), length), record.originalLength());
                    PacketEvent event = PacketDecoder.decode(CaptureFixtures.BR0, 0, cut);
                    assertThat(event.summary())
                            .as(fixture + " cut to " + length)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void random_bytes_decode_to_some_event_never_to_an_exception() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] frame = new byte[random.nextInt(120)];
            random.nextBytes(frame);
            if (frame.length > 13 && round % 3 == 0) {
                frame[12] = 0x08; // IPv4 and ARP ethertypes, so the fuzz reaches the deeper decoders
                frame[13] = (byte) (round % 2 == 0 ? 0x00 : 0x06);
                if (frame.length > 14 && round % 2 == 0) {
                    frame[14] = 0x45;
                }
            }
            PacketEvent event =
                    PacketDecoder.decode(CaptureFixtures.BR0, round, new PcapRecord(1, frame, frame.length));
            assertThat(event.summary()).isNotBlank();
            assertThat(event.protocol()).isNotNull();
        }
    }

    @Test
    void a_frame_too_short_for_ethernet_is_malformed_and_says_so() {
        PacketEvent event = PacketDecoder.decode(CaptureFixtures.BR0, 3, new PcapRecord(5, new byte[] {1, 2, 3}, 3));

        assertThat(event.protocol()).isEqualTo(Protocol.MALFORMED);
        assertThat(event.summary()).startsWith("malformed frame (3 bytes)");
        assertThat(event.sequence()).isEqualTo(3);
    }
}
