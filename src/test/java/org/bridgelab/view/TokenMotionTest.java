package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Point2D;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import org.junit.jupiter.api.Test;

/** The live tokens' clock, with pulses at given times: nodes not shown, so no FX thread is needed. */
class TokenMotionTest {
    private static final long MS = 1_000_000;
    private final Pane layer = new Pane();
    private final TokenMotion motion = new TokenMotion(layer);

    @Test
    void a_token_waits_hidden_for_its_turn_travels_its_way_and_goes() {
        Circle token = new Circle(5);
        motion.add(token, new Point2D(0, 0), new Point2D(110, 0), 100 * MS);
        assertThat(layer.getChildren()).containsExactly(token);

        assertThat(motion.pulse(50 * MS)).isTrue();
        assertThat(token.isVisible()).isFalse();

        assertThat(motion.pulse(100 * MS + TokenMotion.TRAVEL_NANOS / 2)).isTrue();
        assertThat(token.isVisible()).isTrue();
        assertThat(token.getTranslateX()).isCloseTo(55, within(1e-9));

        assertThat(motion.pulse(100 * MS + TokenMotion.TRAVEL_NANOS)).isFalse();
        assertThat(layer.getChildren()).isEmpty();
        assertThat(motion.size()).isZero();
    }

    @Test
    void pulses_nearer_than_a_frame_move_nothing_so_60_hz_pulses_draw_30_frames() {
        Circle token = new Circle(5);
        motion.add(token, new Point2D(0, 0), new Point2D(550, 0), 0);
        long pulse = 1_000_000_000L / 60;
        int moves = 0;
        double at = -1;
        for (int i = 0; i < 30; i++) {
            motion.pulse(i * pulse);
            if (token.getTranslateX() != at) {
                moves++;
                at = token.getTranslateX();
            }
        }
        assertThat(moves).isEqualTo(15);
    }

    @Test
    void a_token_that_stays_blinks_where_it_is_and_clearing_takes_every_token_off() {
        Circle stays = new Circle(5);
        Circle later = new Circle(5);
        motion.add(stays, new Point2D(20, 30), new Point2D(20, 30), 0);
        motion.add(later, new Point2D(0, 0), new Point2D(10, 0), 400 * MS);

        motion.pulse(TokenMotion.BLINK_NANOS / 2);
        assertThat(stays.getScaleX()).isCloseTo(1.2, within(1e-9));
        assertThat(stays.getTranslateX()).isZero();
        assertThat(stays.getCenterX()).isEqualTo(20);

        motion.clear();
        assertThat(layer.getChildren()).isEmpty();
        assertThat(motion.size()).isZero();
        assertThat(motion.pulse(TokenMotion.BLINK_NANOS)).isFalse();
    }
}
