package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and random bytes through what a live capture does with tcpdump's stdout: the pcap stream
 * reader, then the decoder and correlator. The only failure allowed is a PcapFormatException with a message.
 */
class CapturePipelineFuzzTest {

    private static List<PacketEvent> pipeline(byte[] bytes, int chunk) {
        List<PacketEvent> events = new ArrayList<>();
        PacketCorrelator correlator = new PacketCorrelator();
        PcapStreamReader reader = new PcapStreamReader(record -> {
            PacketEvent event = PacketDecoder.decode(CaptureFixtures.BR0, events.size(), record);
            events.add(event.withTravel(correlator.accept(event).travel()));
        });
        for (int from = 0; from < bytes.length; from += chunk) {
            reader.feed(bytes, from, Math.min(chunk, bytes.length - from));
        }
        reader.end();
        return events;
    }

    @Test
    void a_recorded_capture_cut_at_every_byte_gives_whole_frames_then_a_clear_error() {
        // given:
        byte[] whole = CaptureFixtures.bytes("s4-eth0.pcap");
        int frames = CaptureFixtures.records("s4-eth0.pcap").size();

        for (int length = 0; length < whole.length; length++) {
            // when:
            byte[] cut = Arrays.copyOf(whole, length);
            List<PacketEvent> events = new ArrayList<>();
            try {
                events.addAll(pipeline(cut, 1 + length % 97));
            } catch (PcapFormatException expected) {
                // then: cut mid-header or mid-record is said so, with where
                assertThat(expected.getMessage()).matches("(stream ends inside|empty stream).*");
                continue;
            }
            // then: cut exactly between records, every frame so far decoded
            assertThat(events.size()).isLessThanOrEqualTo(frames);
            assertThat(events).allSatisfy(e -> assertThat(e.protocol()).isNotEqualTo(Protocol.MALFORMED));
        }
    }

    @Test
    void random_bytes_inside_recorded_frames_decode_to_events_never_to_exceptions() {
        // given: the real capture with frame bytes overwritten at random (headers left intact)
        Random random = new Random(11);
        List<PcapRecord> records = CaptureFixtures.records("s3-br0.pcap");
        for (int round = 0; round < 3000; round++) {
            List<PcapRecord> mangled = new ArrayList<>();
            for (PcapRecord record : records) {
                byte[] data = record.data().clone();
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    data[14 + random.nextInt(data.length - 14)] = (byte) random.nextInt(256);
                }
                mangled.add(new PcapRecord(record.timestampNanos(), data, record.originalLength()));
            }
            PacketCorrelator correlator = new PacketCorrelator();

            // when / then:
            for (PcapRecord record : mangled) {
                PacketEvent event = PacketDecoder.decode(CaptureFixtures.BR0, round, record);
                assertThat(event.summary()).isNotBlank();
                assertThat(correlator.accept(event).travel()).isPositive();
            }
        }
    }

    @Test
    void random_streams_end_in_events_or_a_clear_error() {
        Random random = new Random(5);
        byte[] header = Arrays.copyOf(CaptureFixtures.bytes("s1-br0.pcap"), 24);
        for (int round = 0; round < 2000; round++) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            byte[] stream = new byte[header.length + noise.length];
            System.arraycopy(header, 0, stream, 0, header.length);
            System.arraycopy(noise, 0, stream, header.length, noise.length);
            try {
                pipeline(stream, 1 + random.nextInt(64));
            } catch (PcapFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
