package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacketStoreTest {
    private static final CapturePoint VETH = new CapturePoint("docker0", "veth0");

    @Test
    void a_kept_frame_comes_back_decoded_with_its_point_and_travel() {
        // given:
        PcapRecord arp = CaptureFixtures.records("s1-br0.pcap").stream()
                .filter(r -> PacketDecoder.decode(VETH, 0, r).protocol() == Protocol.ARP)
                .findFirst()
                .orElseThrow();
        PacketStore store = PacketStore.standard();

        // when:
        long sequence = store.append(VETH, arp, 42);

        // then:
        PacketEvent event = store.event(sequence);
        assertThat(event.summary()).isEqualTo("who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(event.point()).isEqualTo(VETH);
        assertThat(event.travel()).isEqualTo(42);
        assertThat(store.record(sequence).data()).isEqualTo(arp.data());
        assertThat(store.points()).containsExactly(VETH);
    }

    @Test
    void past_its_bounds_the_oldest_segment_goes_and_numbers_keep_counting() {
        // given: room for two segments' worth of events
        PacketStore store = new PacketStore(2 * PacketStore.SEGMENT_EVENTS, PacketStore.SEGMENT_BYTES);
        PcapRecord frame = new PcapRecord(1, new byte[60], 60);

        // when:
        for (int i = 0; i < 3 * PacketStore.SEGMENT_EVENTS; i++) {
            store.append(VETH, frame, i);
        }

        // then:
        assertThat(store.size()).isLessThanOrEqualTo(2L * PacketStore.SEGMENT_EVENTS);
        assertThat(store.dropped()).isEqualTo(3L * PacketStore.SEGMENT_EVENTS - store.size());
        assertThat(store.nextSequence()).isEqualTo(3L * PacketStore.SEGMENT_EVENTS);
        assertThat(store.firstSequence()).isEqualTo(store.dropped());
        assertThatThrownBy(() -> store.record(0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("not held");
        assertThat(store.event(store.nextSequence() - 1).travel()).isEqualTo(3L * PacketStore.SEGMENT_EVENTS - 1);
    }

    @Test
    void a_million_recorded_frames_fit_in_a_few_hundred_megabytes_of_heap() {
        // given: the real frames of scenario 4, over and over
        List<PcapRecord> frames = CaptureFixtures.records("s4-br0.pcap");
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        PacketStore store = PacketStore.standard();

        // when:
        for (int i = 0; i < 1_000_000; i++) {
            PcapRecord frame = frames.get(i % frames.size());
            store.append(
                    i % 2 == 0 ? VETH : CaptureFixtures.BR0,
                    new PcapRecord(i, frame.data(), frame.originalLength()),
                    i);
        }
        System.gc();
        long grown = runtime.totalMemory() - runtime.freeMemory() - before;

        // then: all held, each costing its bytes plus a few dozen bytes of columns
        assertThat(store.size()).isEqualTo(1_000_000);
        assertThat(store.dropped()).isZero();
        assertThat(grown).as("heap growth in bytes").isLessThan(300L << 20);
        assertThat(store.event(999_999).travel()).isEqualTo(999_999);
    }
}
