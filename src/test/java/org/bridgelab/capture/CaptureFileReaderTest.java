package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureFileReaderTest {
    private static final long SECOND = 1_700_000_000L;

    private static List<CaptureFileReader.Frame> read(byte[] bytes) throws Exception {
        List<CaptureFileReader.Frame> frames = new ArrayList<>();
        CaptureFileReader.read(
                new ByteArrayInputStream(bytes),
                (point, record) -> frames.add(new CaptureFileReader.Frame(point, record)));
        return frames;
    }

    private static Path scenario3Pcapng(Path dir) throws Exception {
        return CaptureFixtures.scenario3Pcapng(dir);
    }

    /** A big-endian section (an unnamed µs interface, a named ns one, blocks to skip), then a little-endian one. */
    private static byte[] handcrafted() {
        List<PcapRecord> frames = CaptureFixtures.records("s3-br0.pcap");
        return new PcapngBlocks()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(null, -1)
                .other(4, 10)
                .iface("eth1", 9)
                .packet(0, SECOND * 1_000_000L + 123_456, frames.get(0).data())
                .other(0x0BAD, 7)
                .packet(1, SECOND * 1_000_000_000L + 987_654_321, frames.get(1).data())
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface("docker0/veth0", 0x80 | 20)
                .packet(0, (SECOND << 20) | (1 << 19), frames.get(2).data())
                .bytes();
    }

    private static boolean hasTcpdump() {
        return Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"));
    }

    @Test
    void a_classic_pcap_gives_its_frames_in_file_order_at_one_point_of_the_file() throws Exception {
        // given:
        byte[] file = CaptureFixtures.bytes("s3-br0.pcap");

        // when:
        List<CaptureFileReader.Frame> frames = read(file);

        // then:
        List<PcapRecord> expected = CaptureFixtures.records("s3-br0.pcap");
        assertThat(frames)
                .hasSize(expected.size())
                .allSatisfy(frame -> assertThat(frame.point()).isEqualTo(new CapturePoint("file", "if0")));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(frames.get(i).record().timestampNanos())
                    .isEqualTo(expected.get(i).timestampNanos());
            assertThat(frames.get(i).record().data()).isEqualTo(expected.get(i).data());
        }
    }

    @Test
    void a_file_tcpdump_wrote_in_nanoseconds_keeps_the_same_times_and_frames() throws Exception {
        // given: s3-eth0 rewritten by tcpdump -w --time-stamp-precision=nano (see record-fixtures.sh)
        byte[] file = CaptureFixtures.bytes("CaptureFileReaderTest-tcpdump-nanos.pcap");

        // when:
        List<CaptureFileReader.Frame> frames = read(file);

        // then:
        List<PcapRecord> expected = CaptureFixtures.records("s3-eth0.pcap");
        assertThat(frames)
                .extracting(frame -> frame.record().timestampNanos())
                .containsExactlyElementsOf(
                        expected.stream().map(PcapRecord::timestampNanos).toList());
        assertThat(frames.get(0).record().data()).isEqualTo(expected.get(0).data());
    }

    @Test
    void a_pcapng_written_by_bridgelab_gives_each_frame_the_capture_point_it_names(@TempDir Path dir) throws Exception {
        // given:
        Path file = scenario3Pcapng(dir);

        // when:
        List<CaptureFileReader.Frame> frames = CaptureFileReader.frames(file);

        // then: in file order, br0's frames then eth0's, with nanosecond times
        List<PcapRecord> br0 = CaptureFixtures.records("s3-br0.pcap");
        List<PcapRecord> eth0 = CaptureFixtures.records("s3-eth0.pcap");
        assertThat(frames).hasSize(br0.size() + eth0.size());
        assertThat(frames.subList(0, br0.size()))
                .allSatisfy(frame -> assertThat(frame.point()).isEqualTo(CaptureFixtures.BR0));
        assertThat(frames.subList(br0.size(), frames.size()))
                .allSatisfy(frame -> assertThat(frame.point()).isEqualTo(CaptureFixtures.ETH0));
        assertThat(frames.get(br0.size()).record().timestampNanos())
                .isEqualTo(eth0.get(0).timestampNanos());
        assertThat(frames.get(br0.size()).record().data()).isEqualTo(eth0.get(0).data());
    }

    @Test
    void sections_of_either_byte_order_and_every_time_resolution_are_read_and_unknown_blocks_skipped()
            throws Exception {
        // given:
        byte[] file = handcrafted();

        // when:
        List<CaptureFileReader.Frame> frames = read(file);

        // then:
        assertThat(frames)
                .extracting(CaptureFileReader.Frame::point)
                .containsExactly(
                        new CapturePoint("file", "if0"),
                        new CapturePoint("file", "eth1"),
                        new CapturePoint("docker0", "veth0"));
        assertThat(frames)
                .extracting(frame -> frame.record().timestampNanos())
                .containsExactly(
                        SECOND * 1_000_000_000L + 123_456_000L,
                        SECOND * 1_000_000_000L + 987_654_321L,
                        SECOND * 1_000_000_000L + 500_000_000L);
        assertThat(frames.get(2).record().data())
                .isEqualTo(CaptureFixtures.records("s3-br0.pcap").get(2).data());
    }

    @Test
    void tcpdump_agrees_the_handcrafted_big_endian_file_is_pcapng(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(hasTcpdump(), "tcpdump is not installed");
        // given: the big-endian section alone (libpcap refuses a second section of another byte order)
        byte[] all = handcrafted();
        List<PcapRecord> frames = CaptureFixtures.records("s3-br0.pcap");
        byte[] bigEndian = new PcapngBlocks()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(null, -1)
                .other(4, 10)
                .iface("eth1", 9)
                .packet(0, SECOND * 1_000_000L + 123_456, frames.get(0).data())
                .other(0x0BAD, 7)
                .packet(1, SECOND * 1_000_000_000L + 987_654_321, frames.get(1).data())
                .bytes();
        assertThat(Arrays.copyOf(all, bigEndian.length)).isEqualTo(bigEndian);
        Path file = Files.write(dir.resolve("big-endian.pcapng"), bigEndian);

        // when:
        CommandResult tcpdump =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", file.toString()), Duration.ofSeconds(20));

        // then:
        assertThat(tcpdump.exitCode()).as(tcpdump.stderr()).isZero();
        assertThat(tcpdump.stdout().lines()).hasSize(2);
        assertThat(read(bigEndian)).hasSize(2);
    }

    @Test
    void an_empty_file_is_refused_as_empty() {
        assertThatThrownBy(() -> read(new byte[0]))
                .isInstanceOf(PcapFormatException.class)
                .hasMessage("empty file: no pcap or pcapng header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is not a capture at all", "<html>", "PK\u0003\u0004zipped"})
    void garbage_is_refused_naming_its_first_bytes(String text) {
        assertThatThrownBy(() -> read(text.getBytes()))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageStartingWith("not a capture file");
    }

    @Test
    void a_truncated_pcapng_says_in_which_block_it_ends(@TempDir Path dir) throws Exception {
        // given: the last block cut short by 10 bytes
        byte[] whole = Files.readAllBytes(scenario3Pcapng(dir));
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);

        // when / then:
        assertThatThrownBy(() -> read(cut))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageMatching("file ends inside a block of \\d+ bytes at byte \\d+ \\(truncated\\?\\)");
    }

    @Test
    void a_truncated_pcap_says_where_its_last_record_starts() {
        byte[] whole = CaptureFixtures.bytes("s3-br0.pcap");
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);

        assertThatThrownBy(() -> read(cut))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("stream ends inside a record");
    }

    @Test
    void a_packet_of_an_interface_never_described_is_corrupt() {
        byte[] file = new PcapngBlocks()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface("host/br0", 9)
                .packet(3, 1, new byte[60])
                .bytes();

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("names interface 3, but only 1 are described");
    }

    @Test
    void lengths_that_disagree_at_the_two_ends_of_a_block_are_corrupt() {
        byte[] file = new PcapngBlocks()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface("host/br0", 9)
                .bytes();
        file[file.length - 4] ^= 0x10;

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("at its end");
    }

    @Test
    void every_cut_and_every_flipped_byte_ends_in_frames_or_a_clear_error_never_anything_else(@TempDir Path dir)
            throws Exception {
        // given:
        byte[] whole = Files.readAllBytes(scenario3Pcapng(dir));
        Random random = new Random(11);

        // when / then:
        for (int length = 0; length <= whole.length; length++) {
            readsOrRefuses(Arrays.copyOf(whole, length));
        }
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = whole.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            readsOrRefuses(damaged);
        }
    }

    private static void readsOrRefuses(byte[] bytes) throws Exception {
        try {
            read(bytes)
                    .forEach(frame -> assertThat(frame.record().data().length).isLessThanOrEqualTo(16 << 20));
        } catch (PcapFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void an_interface_named_node_slash_iface_is_that_capture_point_any_other_name_is_the_files() {
        assertThat(CaptureFileReader.pointOf("host/br0", 0)).isEqualTo(new CapturePoint("host", "br0"));
        assertThat(CaptureFileReader.pointOf("eth0", 1)).isEqualTo(new CapturePoint("file", "eth0"));
        assertThat(CaptureFileReader.pointOf("\\Device\\NPF_{1234}", 2))
                .isEqualTo(new CapturePoint("file", "\\Device\\NPF_{1234}"));
        assertThat(CaptureFileReader.pointOf("a/b/c", 3)).isEqualTo(new CapturePoint("file", "a/b/c"));
        assertThat(CaptureFileReader.pointOf(null, 4)).isEqualTo(new CapturePoint("file", "if4"));
    }
}
