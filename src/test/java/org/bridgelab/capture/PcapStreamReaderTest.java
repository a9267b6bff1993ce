package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapStreamReaderTest {

    /** A pcap stream with two frames, in the given byte order and time resolution. */
    static byte[] stream(ByteOrder order, boolean nanos) {
        ByteBuffer buffer = ByteBuffer.allocate(24 + 16 + 3 + 16 + 5).order(order);
        buffer.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(262144)
                .putInt(1);
        buffer.putInt(1_700_000_000)
                .putInt(nanos ? 123_456_789 : 123_456)
                .putInt(3)
                .putInt(60)
                .put(new byte[] {1, 2, 3});
        buffer.putInt(1_700_000_001).putInt(nanos ? 5 : 7).putInt(5).putInt(5).put(new byte[] {9, 8, 7, 6, 5});
        return buffer.array();
    }

    @ParameterizedTest
    @CsvSource({
        "LITTLE_ENDIAN, false, 1700000000123456000",
        "BIG_ENDIAN, false, 1700000000123456000",
        "LITTLE_ENDIAN, true, 1700000000123456789",
        "BIG_ENDIAN, true, 1700000000123456789"
    })
    void reads_both_byte_orders_and_both_resolutions(String order, boolean nanos, long firstTimestamp) {
        List<PcapRecord> records = new ArrayList<>();
        PcapStreamReader reader = new PcapStreamReader(records::add);
        byte[] bytes = stream("BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, nanos);

        reader.feed(bytes, 0, bytes.length);
        reader.end();

        assertThat(reader.linkType()).isEqualTo(1);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).timestampNanos()).isEqualTo(firstTimestamp);
        assertThat(records.get(0).data()).containsExactly(1, 2, 3);
        assertThat(records.get(0).originalLength()).isEqualTo(60);
        assertThat(records.get(1).data()).containsExactly(9, 8, 7, 6, 5);
    }

    @Test
    void a_stream_fed_one_byte_at_a_time_gives_the_same_records() {
        List<PcapRecord> records = new ArrayList<>();
        PcapStreamReader reader = new PcapStreamReader(records::add);
        byte[] bytes = stream(ByteOrder.LITTLE_ENDIAN, false);

        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, 1);
        }

        assertThat(records).hasSize(2);
        assertThat(records.get(1).data()).containsExactly(9, 8, 7, 6, 5);
    }

    @Test
    void a_truncated_stream_says_where_it_stopped() {
        byte[] bytes = Arrays.copyOf(stream(ByteOrder.LITTLE_ENDIAN, false), 24 + 16 + 2);
        PcapStreamReader reader = new PcapStreamReader(record -> {});
        reader.feed(bytes, 0, bytes.length);

        assertThatThrownBy(reader::end).isInstanceOf(PcapFormatException.class).hasMessageContaining("byte 24");
    }

    @Test
    void garbage_is_refused_at_once() {
        byte[] bytes = "this is not a capture at all".getBytes();
        PcapStreamReader reader = new PcapStreamReader(record -> {});

        assertThatThrownBy(() -> reader.feed(bytes, 0, bytes.length))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("not a pcap stream");
    }

    @Test
    void a_record_longer_than_the_snapshot_length_is_corrupt() {
        byte[] bytes = stream(ByteOrder.LITTLE_ENDIAN, false);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 1 << 30);
        PcapStreamReader reader = new PcapStreamReader(record -> {});

        assertThatThrownBy(() -> reader.feed(bytes, 0, bytes.length))
                .hasMessageContaining("corrupt record header at byte 24");
    }

    @Test
    void random_bytes_after_a_valid_header_end_in_records_or_a_clear_error_never_anything_else() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] header = Arrays.copyOf(stream(ByteOrder.LITTLE_ENDIAN, round % 2 == 0), 24);
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            PcapStreamReader reader = new PcapStreamReader(
                    record -> assertThat(record.data().length).isLessThanOrEqualTo(262144));
            try {
                reader.feed(header, 0, header.length);
                reader.feed(noise, 0, noise.length);
                reader.end();
            } catch (PcapFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void what_the_writer_writes_the_reader_reads_back(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.write(new PcapRecord(1_700_000_000_123_456_000L, new byte[] {1, 2, 3}, 3));
        }
        List<PcapRecord> records = new ArrayList<>();
        PcapStreamReader reader = new PcapStreamReader(records::add);
        byte[] bytes = Files.readAllBytes(file);
        reader.feed(bytes, 0, bytes.length);
        reader.end();

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.timestampNanos()).isEqualTo(1_700_000_000_123_456_000L);
            assertThat(record.data()).containsExactly(1, 2, 3);
        });
    }
}
