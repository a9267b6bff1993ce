package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileTimelineTest {

    /** Scenarios 3 and 4 on br0 and eth0, written point after point: file order is not kernel order. */
    private static Path scenarios3And4(Path dir) throws Exception {
        Path file = dir.resolve("s3-s4.pcapng");
        try (PcapngWriter writer = new PcapngWriter(file)) {
            for (String name : List.of("s3-br0.pcap", "s4-br0.pcap", "s3-eth0.pcap", "s4-eth0.pcap")) {
                for (PcapRecord record : CaptureFixtures.records(name)) {
                    writer.write(name.contains("br0") ? CaptureFixtures.BR0 : CaptureFixtures.ETH0, record);
                }
            }
        }
        return file;
    }

    @Test
    void two_passes_lay_out_the_rows_and_pairs_one_pass_over_kept_events_does(@TempDir Path dir) throws Exception {
        // given: the file's frames decoded, correlated and laid out in one pass with a TimelineBuilder
        Path file = scenarios3And4(dir);
        List<CaptureFileReader.Frame> frames = new ArrayList<>(CaptureFileReader.frames(file));
        frames.sort(Comparator.comparingLong(frame -> frame.record().timestampNanos()));
        PacketCorrelator correlator = new PacketCorrelator();
        TimelineBuilder builder = new TimelineBuilder(LabNodes.of(new Topology(List.of())), List.of());
        for (int sequence = 0; sequence < frames.size(); sequence++) {
            PacketEvent event = PacketDecoder.decode(
                    frames.get(sequence).point(), sequence, frames.get(sequence).record());
            builder.add(event.withTravel(correlator.accept(event).travel()));
        }
        Timeline expected = builder.build(List.of(CaptureFixtures.BR0, CaptureFixtures.ETH0), correlator.natPairs());

        // when:
        Timeline timeline = CaptureFileTimeline.read(file);

        // then:
        assertThat(timeline).isEqualTo(expected);
        assertThat(timeline.natPairs()).extracting(Timeline.Pair::kind).contains("SNAT", "REVERSE_SNAT", "DNAT");
    }

    /** Scenarios 3 and 4 on br0 and eth0 as the kernel saw them, frames of one instant in file order. */
    private static List<CaptureFileReader.Frame> inKernelOrder(Path file) throws Exception {
        List<CaptureFileReader.Frame> frames = new ArrayList<>(CaptureFileReader.frames(file));
        frames.sort(Comparator.comparingLong(frame -> frame.record().timestampNanos()));
        return frames;
    }

    private static Path written(Path file, List<CaptureFileReader.Frame> frames) throws Exception {
        try (PcapngWriter writer = new PcapngWriter(file)) {
            for (CaptureFileReader.Frame frame : frames) {
                writer.write(frame.point(), frame.record());
            }
        }
        return file;
    }

    @Test
    void a_file_already_in_kernel_order_is_laid_out_as_the_sorted_one(@TempDir Path dir) throws Exception {
        // given: the same frames, once point after point and once as the kernel saw them (read twice, not kept)
        Path pointAfterPoint = scenarios3And4(dir);
        Path sorted = written(dir.resolve("sorted.pcapng"), inKernelOrder(pointAfterPoint));

        // when:
        Timeline fromSorted = CaptureFileTimeline.read(sorted);

        // then:
        assertThat(fromSorted).isEqualTo(CaptureFileTimeline.read(pointAfterPoint));
        assertThat(fromSorted.natPairs()).isNotEmpty();
    }

    @Test
    void a_late_frame_at_the_end_of_a_sorted_file_is_put_where_its_time_says(@TempDir Path dir) throws Exception {
        // given: frames in kernel order but for eth0's first, delivered last (its tcpdump was late)
        List<CaptureFileReader.Frame> frames = inKernelOrder(scenarios3And4(dir));
        CaptureFileReader.Frame late = frames.stream()
                .filter(frame -> frame.point().equals(CaptureFixtures.ETH0))
                .findFirst()
                .orElseThrow();
        List<CaptureFileReader.Frame> delivered = new ArrayList<>(frames);
        delivered.remove(late);
        delivered.add(late);

        // when:
        Timeline timeline = CaptureFileTimeline.read(written(dir.resolve("late.pcapng"), delivered));

        // then: the same timeline as the sorted file's, the late frame in its place
        assertThat(timeline).isEqualTo(CaptureFileTimeline.read(written(dir.resolve("sorted.pcapng"), frames)));
        assertThat(timeline.events().get(frames.indexOf(late)).timeNanos())
                .isEqualTo(late.record().timestampNanos());
    }

    @Test
    void a_sorted_file_that_changes_between_the_two_passes_is_an_error_not_a_wrong_timeline(@TempDir Path dir)
            throws Exception {
        // given: a sorted file laid out, then cut short before its rows are written
        List<CaptureFileReader.Frame> frames = inKernelOrder(scenarios3And4(dir));
        Path file = written(dir.resolve("sorted.pcapng"), frames);
        CaptureFileTimeline laid = CaptureFileTimeline.lay(file);
        written(file, frames.subList(0, frames.size() / 2));

        // when / then:
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> laid.write(dir.resolve("out.json")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("changed while read");
    }

    @Test
    void the_streamed_json_is_the_json_jackson_writes_for_the_whole_timeline_a_row_a_line(@TempDir Path dir)
            throws Exception {
        // given:
        CaptureFileTimeline laid = CaptureFileTimeline.lay(scenarios3And4(dir));

        // when:
        Path streamed = dir.resolve("streamed.json");
        int rows = laid.write(streamed);

        // then:
        assertThat(rows).isEqualTo(laid.timeline().events().size());
        assertThat(Files.readString(streamed)).isEqualTo(TimelineJsonLayout.expected(laid.timeline()));
        assertThat(new ObjectMapper().readTree(streamed.toFile()))
                .isEqualTo(new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(laid.timeline())));
    }

    @Test
    void frames_of_one_instant_keep_their_file_order_when_sorted_by_time() {
        // given: eth0's frames written after br0's, two of them at the very same nanosecond as br0's
        long[] times = {10, 20, 30, 15, 20, 30};

        // when:
        int[] order = PacketStore.stableOrder(times, times.length);

        // then:
        assertThat(order).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void the_order_is_the_one_a_stable_sort_gives_whatever_the_times() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            // given:
            int count = random.nextInt(300);
            long[] times = random.longs(count, 0, 50).toArray();

            // when:
            int[] order = PacketStore.stableOrder(times, count);

            // then:
            List<Integer> expected = IntStream.range(0, count)
                    .boxed()
                    .sorted(Comparator.comparingLong(i -> times[i]))
                    .toList();
            assertThat(order)
                    .containsExactly(
                            expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
