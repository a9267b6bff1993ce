package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CaptureFileTimelineTest {

    @Test
    void frames_of_one_instant_keep_their_file_order_when_sorted_by_time() {
        // given: eth0's frames written after br0's, two of them at the very same nanosecond as br0's
        long[] times = {10, 20, 30, 15, 20, 30};

        // when:
        int[] order = CaptureFileTimeline.stableOrder(times, times.length);

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
            int[] order = CaptureFileTimeline.stableOrder(times, count);

            // then:
            List<Integer> expected = IntStream.range(0, count).boxed()
                    .sorted(Comparator.comparingLong(i -> times[i])).toList();
            assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
