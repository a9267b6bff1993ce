package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live mode draws one exchange hop by hop in kernel order, and never falls behind the kernel for long. */
class LivePaceTest {
    private static final long MICRO = 1_000;
    private final LivePace pace = new LivePace(120, 1_500);

    @Test
    void the_hops_of_a_ping_and_its_reply_start_one_after_another_in_kernel_order() {
        // given: s1's ping seen on veth0, br0 and veth2, and its reply back, 10 µs apart, all delivered at t = 5000 ms
        List<Long> delays = new ArrayList<>();
        for (int hop = 0; hop < 6; hop++) {
            delays.add(pace.delayMillis(1_000_000_000L + hop * 10 * MICRO, 5_000));
        }

        // then: hop after hop, the reply after the request
        assertThat(delays).containsExactly(0L, 120L, 240L, 360L, 480L, 600L);
    }

    @Test
    void the_next_ping_a_second_later_starts_at_once() {
        for (int hop = 0; hop < 6; hop++) {
            pace.delayMillis(1_000_000_000L + hop * 10 * MICRO, 5_000);
        }

        assertThat(pace.delayMillis(2_000_000_000L, 6_000)).isZero();
        assertThat(pace.delayMillis(2_000_010_000L, 6_000)).isEqualTo(120);
    }

    @Test
    void a_flood_never_puts_a_token_further_behind_than_the_window() {
        // given: 10 000 frames 1 µs apart, delivered in one batch
        long longest = 0;
        for (int frame = 0; frame < 10_000; frame++) {
            longest = Math.max(longest, pace.delayMillis(1_000_000_000L + frame * MICRO, 5_000));
        }

        // then: each exchange is cut at the window; the next starts again at once
        assertThat(longest).isLessThanOrEqualTo(1_500);
    }

    @Test
    void a_sighting_delivered_after_its_turn_is_drawn_at_once_not_in_the_past() {
        pace.delayMillis(1_000_000_000L, 5_000);

        assertThat(pace.delayMillis(1_000_010_000L, 5_500)).isZero();
    }
}
