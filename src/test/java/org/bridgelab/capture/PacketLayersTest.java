package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer tree of one frame, on frames recorded from a real kernel (record-fixtures.sh) and handmade ones. */
class PacketLayersTest {

    private static byte[] frame(String fixture, String summaryPart) {
        List<PcapRecord> records = CaptureFixtures.records(fixture);
        for (PcapRecord record : records) {
            if (PacketDecoder.decode(CaptureFixtures.BR0, 0, record).summary().contains(summaryPart)) {
                return record.data();
            }
        }
        throw new AssertionError("no frame with " + summaryPart + " in " + fixture);
    }

    private static PacketField field(List<PacketLayer> layers, String key) {
        return layers.stream()
                .flatMap(layer -> layer.fields().stream())
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field " + key));
    }

    private static String hexAt(byte[] frame, PacketField field) {
        return HexFormat.of().formatHex(frame, field.offset(), field.offset() + field.length());
    }

    @Test
    void an_arp_request_shows_operation_and_sender_and_target_at_their_bytes() {
        // given:
        byte[] frame = frame("s1-br0.pcap", "who-has");

        // when:
        List<PacketLayer> layers = PacketLayers.decode(frame);

        // then:
        assertThat(layers).extracting(PacketLayer::key).containsExactly("ethernet", "arp");
        assertThat(layers.get(1).summary()).isEqualTo("who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(field(layers, "ethernet.type").value()).isEqualTo("0x0806 (ARP)");
        assertThat(hexAt(frame, field(layers, "ethernet.type"))).isEqualTo("0806");
        assertThat(field(layers, "ethernet.dst").value()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(field(layers, "arp.operation").value()).isEqualTo("request (1)");
        assertThat(hexAt(frame, field(layers, "arp.operation"))).isEqualTo("0001");
        assertThat(field(layers, "arp.senderIp").value()).isEqualTo("172.18.0.2");
        assertThat(hexAt(frame, field(layers, "arp.senderIp"))).isEqualTo("ac120002");
        assertThat(hexAt(frame, field(layers, "arp.targetIp"))).isEqualTo("ac120003");
        assertThat(field(layers, "arp.targetMac").value()).isEqualTo("00:00:00:00:00:00");
        assertThat(field(layers, "arp.senderMac").value().replace(":", ""))
                .isEqualTo(hexAt(frame, field(layers, "arp.senderMac")));
    }

    @Test
    void an_echo_request_shows_ttl_flags_a_correct_checksum_and_icmp_id_and_sequence() {
        // given:
        byte[] frame = frame("s1-br0.pcap", "echo request");

        // when:
        List<PacketLayer> layers = PacketLayers.decode(frame);

        // then:
        assertThat(layers).extracting(PacketLayer::key).containsExactly("ethernet", "ipv4", "icmpv4", "payload");
        assertThat(layers.get(1))
                .extracting(PacketLayer::summary, PacketLayer::offset, PacketLayer::length)
                .containsExactly("172.18.0.2 → 172.18.0.3", 14, 20);
        PacketField ttl = field(layers, "ipv4.ttl");
        assertThat(ttl.value()).isEqualTo("64");
        assertThat(ttl.offset()).isEqualTo(22);
        assertThat(frame[ttl.offset()]).isEqualTo((byte) 64);
        assertThat(field(layers, "ipv4.flags").value()).isEqualTo("0x2 (DF)");
        assertThat(field(layers, "ipv4.protocol").value()).isEqualTo("1 (ICMP)");
        assertThat(field(layers, "ipv4.totalLength").value()).isEqualTo("84");
        PacketField id = field(layers, "ipv4.identification");
        assertThat(id.value()).startsWith("0x" + hexAt(frame, id) + " (");
        PacketField checksum = field(layers, "ipv4.checksum");
        assertThat(checksum.check()).isEqualTo(PacketField.Check.CORRECT);
        assertThat(checksum.value()).isEqualTo("0x" + hexAt(frame, checksum));
        assertThat(hexAt(frame, field(layers, "ipv4.src"))).isEqualTo("ac120002");
        assertThat(field(layers, "icmp.type").value()).isEqualTo("8 (echo request)");
        assertThat(field(layers, "icmp.type").offset()).isEqualTo(34);
        assertThat(field(layers, "icmp.checksum").check()).isEqualTo(PacketField.Check.CORRECT);
        assertThat(field(layers, "icmp.sequence").value()).isEqualTo("1");
        assertThat(hexAt(frame, field(layers, "icmp.sequence"))).isEqualTo("0001");
        assertThat(layers.get(2).summary()).matches("echo request id \\d+ seq 1");
        assertThat(layers.get(3))
                .extracting(PacketLayer::offset, PacketLayer::length)
                .containsExactly(42, 56);
    }

    @Test
    void a_changed_byte_makes_the_ip_checksum_wrong_and_says_what_it_should_be() {
        // given: the TTL lowered without the checksum being recomputed
        byte[] frame = frame("s1-br0.pcap", "echo request").clone();
        String right = field(PacketLayers.decode(frame), "ipv4.checksum").value();
        frame[22] = 63;

        // when:
        PacketField checksum = field(PacketLayers.decode(frame), "ipv4.checksum");

        // then:
        assertThat(checksum.check()).isEqualTo(PacketField.Check.WRONG);
        assertThat(checksum.value()).isEqualTo(right);
        assertThat(checksum.expected()).isNotEqualTo(right).matches("0x[0-9a-f]{4}");
    }

    @Test
    void a_tcp_syn_shows_ports_flags_window_and_an_offloaded_checksum() {
        // given:
        byte[] frame = frame("s4-br0.pcap", "[SYN]");

        // when:
        List<PacketLayer> layers = PacketLayers.decode(frame);

        // then:
        assertThat(layers).extracting(PacketLayer::key).containsExactly("ethernet", "ipv4", "tcp");
        assertThat(layers.get(2).summary()).matches("\\d+ → 80 \\[SYN\\]");
        assertThat(field(layers, "tcp.dstPort").value()).isEqualTo("80");
        assertThat(hexAt(frame, field(layers, "tcp.dstPort"))).isEqualTo("0050");
        assertThat(field(layers, "tcp.flags").value()).isEqualTo("0x002 (SYN)");
        assertThat(field(layers, "tcp.flags").offset()).isEqualTo(46);
        assertThat(field(layers, "tcp.window").value())
                .isEqualTo(String.valueOf(Integer.parseInt(hexAt(frame, field(layers, "tcp.window")), 16)));
        assertThat(field(layers, "tcp.sequence").value())
                .isEqualTo(String.valueOf(Long.parseLong(hexAt(frame, field(layers, "tcp.sequence")), 16)));
        assertThat(field(layers, "tcp.options").value()).contains("Maximum Segment Size");
        // on a veth the sender leaves the checksum to a network card that is not there
        assertThat(field(layers, "tcp.checksum").check()).isEqualTo(PacketField.Check.OFFLOADED);
        assertThat(field(layers, "tcp.checksum").expected()).matches("0x[0-9a-f]{4}");
    }

    @Test
    void tcp_data_follows_the_header_as_payload() {
        List<PacketLayer> layers = PacketLayers.decode(frame("s4-br0.pcap", "hello from the remote"));

        assertThat(layers).extracting(PacketLayer::key).containsExactly("ethernet", "ipv4", "tcp", "payload");
        assertThat(field(layers, "tcp.flags").value()).isEqualTo("0x018 (PSH, ACK)");
        assertThat(field(layers, "payload.data").value()).isEqualTo("hello from the remote machine\\n");
        assertThat(layers.get(3).length()).isEqualTo(30);
    }

    @Test
    void every_field_of_every_recorded_frame_lies_inside_the_frame() {
        for (String fixture : List.of("s1-br0.pcap", "s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            for (PcapRecord record : CaptureFixtures.records(fixture)) {
                List<PacketLayer> layers = PacketLayers.decode(record.data());
                assertThat(layers).as(fixture).isNotEmpty().noneMatch(PacketLayer::malformed);
                layers.stream()
                        .flatMap(layer -> layer.fields().stream())
                        .forEach(field -> assertThat(field.offset() + field.length())
                                .as(fixture + " " + field)
                                .isLessThanOrEqualTo(record.data().length)
                                .isGreaterThan(field.offset()));
            }
        }
    }

    @Test
    void an_ipv6_listener_report_reads_the_icmpv6_type_behind_the_hop_by_hop_header() {
        List<PacketLayer> layers = PacketLayers.decode(frame("s1-br0.pcap", "multicast listener report v2"));

        assertThat(layers).extracting(PacketLayer::key).startsWith("ethernet", "ipv6", "icmpv6");
        assertThat(field(layers, "ipv6.dst").value()).isEqualTo("ff02::16");
        assertThat(field(layers, "ipv6.extension").value()).isEqualTo("0 (Hop-by-Hop Options)");
        assertThat(field(layers, "icmp.type").value()).isEqualTo("143 (version 2 multicast listener report)");
        assertThat(field(layers, "icmp.checksum").check()).isEqualTo(PacketField.Check.CORRECT);
    }

    @Test
    void a_vxlan_datagram_shows_its_vni_and_the_whole_inner_frame_at_its_own_offsets() {
        // given: the recorded echo request, carried in VXLAN (VNI 42) from 10.0.0.1 to 10.0.0.2
        byte[] inner = frame("s1-br0.pcap", "echo request");
        byte[] frame = vxlan(42, inner);
        int innerAt = 14 + 20 + 8 + 8;

        // when:
        List<PacketLayer> layers = PacketLayers.decode(frame);

        // then:
        assertThat(layers)
                .extracting(PacketLayer::key)
                .containsExactly("ethernet", "ipv4", "udp", "vxlan", "ethernet", "ipv4", "icmpv4", "payload");
        assertThat(layers.get(2).summary()).isEqualTo("54321 → 4789");
        assertThat(field(layers, "udp.checksum").check()).isEqualTo(PacketField.Check.UNUSED);
        assertThat(layers.get(3).summary()).isEqualTo("VNI 42");
        assertThat(field(layers, "vxlan.vni"))
                .extracting(PacketField::value, PacketField::offset, PacketField::length)
                .containsExactly("42", 14 + 20 + 8 + 4, 3);
        assertThat(field(layers, "vxlan.flags").value()).isEqualTo("0x08 (I)");
        assertThat(layers.get(4).offset()).isEqualTo(innerAt);
        assertThat(layers.get(5).summary()).isEqualTo("172.18.0.2 → 172.18.0.3");
        List<PacketLayer> alone = PacketLayers.decode(inner);
        for (int i = 0; i < alone.size(); i++) {
            assertThat(layers.get(4 + i).offset()).isEqualTo(alone.get(i).offset() + innerAt);
            assertThat(layers.get(4 + i).summary()).isEqualTo(alone.get(i).summary());
        }
        assertThat(layers.get(1).fields())
                .filteredOn(f -> f.key().equals("ipv4.checksum"))
                .extracting(PacketField::check)
                .containsExactly(PacketField.Check.CORRECT);
    }

    @Test
    void a_frame_cut_inside_the_ip_header_gives_ethernet_then_a_malformed_layer() {
        // given:
        byte[] cut = Arrays.copyOf(frame("s1-br0.pcap", "echo request"), 30);

        // when:
        List<PacketLayer> layers = PacketLayers.decode(cut);

        // then:
        assertThat(layers).extracting(PacketLayer::key).containsExactly("ethernet", "malformed");
        assertThat(layers.get(1))
                .extracting(PacketLayer::summary, PacketLayer::offset, PacketLayer::length)
                .containsExactly("IPv4", 14, 16);
    }

    @Test
    void every_truncation_of_every_recorded_frame_decodes_without_throwing() {
        for (String fixture : List.of("s1-br0.pcap", "s3-br0.pcap", "s4-br0.pcap")) {
            for (PcapRecord record : CaptureFixtures.records(fixture)) {
                for (int length = 0; length <= record.data().length; length++) {
                    byte[] cut = Arrays.copyOf(record.data(), length);
                    List<PacketLayer> layers = PacketLayers.decode(cut);
                    assertThat(layers).as(fixture + " cut to " + length).isNotEmpty();
                    if (length < 14) {
                        assertThat(layers).extracting(PacketLayer::key).containsExactly("malformed");
                    }
                }
            }
        }
        assertThat(PacketLayers.decode(null)).extracting(PacketLayer::key).containsExactly("malformed");
    }

    @Test
    void random_bytes_after_an_ip_header_never_throw() {
        java.util.Random random = new java.util.Random(11);
        byte[] base = frame("s4-br0.pcap", "[SYN]");
        for (int i = 0; i < 5000; i++) {
            byte[] frame = base.clone();
            for (int j = 14 + random.nextInt(4); j < frame.length; j += 1 + random.nextInt(6)) {
                frame[j] = (byte) random.nextInt(256);
            }
            assertThat(PacketLayers.decode(frame)).isNotEmpty();
        }
    }

    /** An Ethernet + IPv4 + UDP (port 4789, no checksum) + VXLAN frame around the given inner frame. */
    static byte[] vxlan(int vni, byte[] inner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HexFormat hex = HexFormat.of();
        out.writeBytes(hex.parseHex("020000000002" + "020000000001" + "0800"));
        int udpLength = 8 + 8 + inner.length;
        byte[] ip = hex.parseHex("4500" + String.format("%04x", 20 + udpLength) + "1234" + "4000" + "4011" + "0000"
                + "0a000001" + "0a000002");
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        int checksum = ~sum & 0xffff;
        ip[10] = (byte) (checksum >> 8);
        ip[11] = (byte) checksum;
        out.writeBytes(ip);
        out.writeBytes(hex.parseHex("d431" + "12b5" + String.format("%04x", udpLength) + "0000"));
        out.writeBytes(hex.parseHex("08000000" + String.format("%06x", vni) + "00"));
        out.writeBytes(inner);
        return out.toByteArray();
    }
}
