package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.factory.PacketFactory;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;

/**
 * The fast path reads the same packet pcap4j reads: every field of every event (summary text, identity,
 * ports, IP id, MACs, addresses…) equal to the pcap4j path's, on every recorded frame, on every truncation of
 * them and on thousands of corrupted ones. One exception, on purpose: where pcap4j itself crashes inside an
 * IPv6 packet (an index out of bounds in the inner layers it misreads), the fast path still shows the IPv6
 * packet instead of a malformed frame. Decoded without a summary, every frame gives the same event but for
 * its summary (null).
 */
class FastDecoderTest {
    private static final long SEED = 20261203L;
    private static final int CORRUPTED_FRAMES = 20_000;

    @Test
    void every_recorded_frame_decodes_to_the_same_event_as_with_pcap4j() throws Exception {
        // given:
        List<PcapRecord> frames = recordedFrames();
        int fast = 0;

        // when / then:
        for (PcapRecord frame : frames) {
            assertSameAsPcap4j(frame, "recorded frame");
            fast += FastDecoder.decode(CaptureFixtures.BR0, 7, frame) != null ? 1 : 0;
        }
        // the fixtures' ARP, ICMP, TCP, IGMP (behind a router-alert option) and IPv6 all take the fast path
        assertThat(frames).hasSizeGreaterThan(40);
        assertThat(fast).isEqualTo(frames.size());
    }

    @Test
    void every_truncation_of_every_recorded_frame_decodes_the_same_and_short_ones_fall_back() throws Exception {
        for (PcapRecord frame : recordedFrames()) {
            for (int length = 0; length <= frame.data().length; length++) {
                PcapRecord cut = new PcapRecord(
                        frame.timestampNanos(), Arrays.copyOf(frame.data(), length), frame.originalLength());
                assertSameAsPcap4j(cut, "cut to " + length);
                if (length < 14 + 20) {
                    assertThat(FastDecoder.decode(CaptureFixtures.BR0, 0, cut)).isNull();
                }
            }
        }
    }

    @Test
    void corrupted_frames_decode_the_same_as_with_pcap4j() throws Exception {
        // given: recorded frames with random bytes, header fields and lengths changed (fixed seed)
        List<PcapRecord> frames = recordedFrames();
        Random random = new Random(SEED);
        int fast = 0;

        for (int i = 0; i < CORRUPTED_FRAMES; i++) {
            PcapRecord original = frames.get(random.nextInt(frames.size()));
            PcapRecord corrupted = corrupt(original, random);

            // when / then:
            assertSameAsPcap4j(corrupted, "corruption " + i + " of " + hex(original.data()));
            fast += FastDecoder.decode(CaptureFixtures.BR0, 0, corrupted) != null ? 1 : 0;
        }
        // enough of them still look like common frames for the comparison to mean something
        assertThat(fast).isGreaterThan(CORRUPTED_FRAMES / 4);
    }

    @Test
    void ports_left_to_pcap4j_are_exactly_those_its_packet_factory_decodes_further() {
        PacketFactory<Packet, TcpPort> tcp = PacketFactories.getFactory(Packet.class, TcpPort.class);
        PacketFactory<Packet, UdpPort> udp = PacketFactories.getFactory(Packet.class, UdpPort.class);
        for (int port = 0; port <= 0xffff; port++) {
            boolean tcpFurther =
                    !tcp.getTargetClass(TcpPort.getInstance((short) port)).equals(tcp.getTargetClass());
            boolean udpFurther =
                    !udp.getTargetClass(UdpPort.getInstance((short) port)).equals(udp.getTargetClass());
            assertThat(FastDecoder.decodedFurther(FastDecoder.TCP, port))
                    .as("TCP port " + port)
                    .isEqualTo(tcpFurther);
            assertThat(FastDecoder.decodedFurther(FastDecoder.UDP, port))
                    .as("UDP port " + port)
                    .isEqualTo(udpFurther);
        }
    }

    @Test
    void odd_frames_never_throw_and_fall_back() {
        for (byte[] frame : List.of(new byte[0], new byte[13], new byte[14], new byte[200])) {
            PcapRecord record = new PcapRecord(1, frame, frame.length);
            assertSameAsPcap4j(record, frame.length + " zero bytes");
            assertThat(FastDecoder.decode(CaptureFixtures.BR0, 0, record)).isNull();
        }
    }

    private static void assertSameAsPcap4j(PcapRecord frame, String what) {
        PacketEvent expected = PacketDecoder.decodeWithPcap4j(CaptureFixtures.BR0, 42, frame);
        PacketEvent actual = PacketDecoder.decode(CaptureFixtures.BR0, 42, frame);
        // the correlating pass's decoding: the same event but for the summary it never builds
        PacketEvent unsummarised = PacketDecoder.decodeWithoutSummary(CaptureFixtures.BR0, 42, frame);
        assertThat(unsummarised.summary()).isNull();
        assertThat(unsummarised)
                .as(what + " without summary: " + hex(frame.data()))
                .usingRecursiveComparison()
                .ignoringFields("summary")
                .isEqualTo(actual);
        if (pcap4jCrashedInsideIpv6(frame, expected)) {
            assertThat(actual.protocol()).as(what + ": " + hex(frame.data())).isEqualTo(Protocol.IPV6);
            return;
        }
        assertThat(actual).as(what + ": " + hex(frame.data())).isEqualTo(expected);
    }

    private static boolean pcap4jCrashedInsideIpv6(PcapRecord frame, PacketEvent pcap4j) {
        byte[] data = frame.data();
        return data.length >= 14 + 40
                && (data[12] & 0xff) == 0x86
                && (data[13] & 0xff) == 0xdd
                && pcap4j.protocol() == Protocol.MALFORMED
                && pcap4j.summary().endsWith("IndexOutOfBoundsException");
    }

    @Test
    void corrupted_ipv6_frames_decode_the_same_as_with_pcap4j() throws Exception {
        // given: the recorded IPv6 frames (neighbour solicitations, MLD reports behind a hop-by-hop header)
        // with the fields that place and name what they carry changed (fixed seed)
        List<PcapRecord> frames = recordedFrames().stream()
                .filter(frame ->
                        frame.data().length > 14 && frame.data()[12] == (byte) 0x86 && frame.data()[13] == (byte) 0xdd)
                .toList();
        assertThat(frames).isNotEmpty();
        Random random = new Random(SEED + 1);
        int[] fields = {14, 18, 19, 20, 22, 37, 38, 53, 54, 55, 56, 57, 60, 61, 62, 63};

        for (int i = 0; i < CORRUPTED_FRAMES / 4; i++) {
            byte[] data = frames.get(random.nextInt(frames.size())).data().clone();
            switch (random.nextInt(3)) {
                case 0 -> data[fields[random.nextInt(fields.length)] % data.length] = (byte) random.nextInt(256);
                case 1 -> {
                    // a payload length shorter or longer than the frame, or zero
                    int length = random.nextInt(4) == 0 ? 0 : random.nextInt(data.length);
                    data[18] = (byte) (length >>> 8);
                    data[19] = (byte) length;
                }
                default ->
                    data = corrupt(new PcapRecord(0, data, data.length), random).data();
            }
            PcapRecord corrupted = new PcapRecord(1, data, data.length);

            // when / then:
            assertSameAsPcap4j(corrupted, "IPv6 corruption " + i);
        }
    }

    /** Every frame of every recorded capture next to the tests. */
    private static List<PcapRecord> recordedFrames() throws IOException, URISyntaxException {
        Path dir = Path.of(CaptureFixtures.class.getResource("s1-br0.pcap").toURI())
                .getParent();
        List<PcapRecord> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList()) {
                frames.addAll(CaptureFixtures.records(file.getFileName().toString()));
            }
        }
        return frames;
    }

    /** Offsets of the fields a decoder trusts, for an IPv4 frame without options. */
    private static final int[] FIELDS = {12, 13, 14, 16, 17, 20, 21, 23, 34, 35, 36, 37, 38, 39, 46, 47};

    private static final int[] PORTS = {53, 2123, 2152, 3386, 80, 0, 65535};

    private static PcapRecord corrupt(PcapRecord original, Random random) {
        byte[] data = original.data().clone();
        int kind = random.nextInt(8);
        switch (kind) {
            case 0 -> data = Arrays.copyOf(data, random.nextInt(data.length + 1));
            case 1 -> {
                for (int n = 1 + random.nextInt(4); n > 0 && data.length > 0; n--) {
                    data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                int field = FIELDS[random.nextInt(FIELDS.length)];
                if (field < data.length) {
                    data[field] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                // IHL, TCP data offset, versions: the nibbles that place the next header
                int at = random.nextBoolean() ? 14 : 46;
                if (at < data.length) {
                    data[at] = (byte) ((random.nextBoolean() ? data[at] & 0xf0 : 0x40) | random.nextInt(16));
                }
            }
            case 4 -> {
                // a port pcap4j decodes further, or an ordinary one
                int at = 34 + 2 * random.nextInt(2);
                int port = PORTS[random.nextInt(PORTS.length)];
                if (at + 1 < data.length) {
                    data[at] = (byte) (port >>> 8);
                    data[at + 1] = (byte) port;
                }
            }
            case 5 -> {
                // IP total length, UDP length, fragment bits: lengths that disagree with the frame
                int at = new int[] {16, 20, 38}[random.nextInt(3)];
                if (at + 1 < data.length) {
                    int value = random.nextInt(4) == 0 ? 0 : random.nextInt(data.length + 40);
                    data[at] = (byte) (value >>> 8);
                    data[at + 1] = (byte) value;
                }
            }
            case 6 -> {
                // random bytes from somewhere on
                int from = random.nextInt(data.length + 1);
                for (int i = from; i < data.length; i++) {
                    data[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // longer: trailing bytes (Ethernet padding) after the packet
                int extra = 1 + random.nextInt(40);
                data = Arrays.copyOf(data, data.length + extra);
                for (int i = data.length - extra; i < data.length; i++) {
                    data[i] = (byte) random.nextInt(256);
                }
            }
        }
        return new PcapRecord(original.timestampNanos(), data, Math.max(original.originalLength(), data.length));
    }

    private static String hex(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (byte b : data) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
