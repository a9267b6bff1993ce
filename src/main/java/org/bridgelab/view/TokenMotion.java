package org.bridgelab.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;

/**
 * The live tokens on their layer, stepped together at most {@link #FRAMES_PER_SECOND} times a second. Each
 * token waits for its turn hidden, then travels from one point to another (or, where it stays, blinks), then
 * goes. One clock for all of them, rather than an animation each, means a frame is drawn only when the clock
 * steps: half the frames the screen's 60 Hz pulses would draw, each of which the software renderer copies
 * whole to the window. Times are in nanoseconds of {@link System#nanoTime()}, as the pulses give them.
 */
final class TokenMotion {
    static final int FRAMES_PER_SECOND = 30;
    static final long TRAVEL_NANOS = 550_000_000;
    static final long BLINK_NANOS = 450_000_000;
    /** A pulse may come a little early: one this near a frame's time draws it. */
    private static final long FRAME_NANOS = 1_000_000_000L / FRAMES_PER_SECOND - 3_000_000;

    private record Course(Circle token, Point2D from, Point2D to, long startNanos) {
        long endNanos() {
            return startNanos + (from.equals(to) ? BLINK_NANOS : TRAVEL_NANOS);
        }
    }

    private final Pane layer;
    private final List<Course> courses = new ArrayList<>();
    private long lastFrameNanos = Long.MIN_VALUE;

    TokenMotion(Pane layer) {
        this.layer = layer;
    }

    /** A token that sets off from {@code from} at {@code startNanos}; hidden until then. */
    void add(Circle token, Point2D from, Point2D to, long startNanos) {
        token.setCenterX(from.getX());
        token.setCenterY(from.getY());
        token.setVisible(false);
        layer.getChildren().add(token);
        courses.add(new Course(token, from, to, startNanos));
    }

    /** The tokens on their way or waiting for their turn. */
    int size() {
        return courses.size();
    }

    /** Every token taken off at once (the drawing they travelled was drawn anew). */
    void clear() {
        courses.forEach(course -> layer.getChildren().remove(course.token()));
        courses.clear();
    }

    /**
     * A pulse at {@code nowNanos}: unless a frame was drawn less than a frame's time ago, every token is put
     * where it is now, and the ones whose way is over go. Whether any token is left.
     */
    boolean pulse(long nowNanos) {
        if (lastFrameNanos != Long.MIN_VALUE && nowNanos - lastFrameNanos < FRAME_NANOS) {
            return !courses.isEmpty();
        }
        lastFrameNanos = nowNanos;
        for (Iterator<Course> it = courses.iterator(); it.hasNext(); ) {
            Course course = it.next();
            if (nowNanos >= course.endNanos()) {
                layer.getChildren().remove(course.token());
                it.remove();
            } else if (nowNanos >= course.startNanos()) {
                place(course, (double) (nowNanos - course.startNanos()) / (course.endNanos() - course.startNanos()));
            }
        }
        return !courses.isEmpty();
    }

    /** A travelling token {@code done} of its way along; a staying one growing from 0.6 to 1.8 times its size. */
    private static void place(Course course, double done) {
        Circle token = course.token();
        token.setVisible(true);
        if (course.from().equals(course.to())) {
            double scale = 0.6 + 1.2 * done;
            token.setScaleX(scale);
            token.setScaleY(scale);
        } else {
            token.setTranslateX((course.to().getX() - course.from().getX()) * done);
            token.setTranslateY((course.to().getY() - course.from().getY()) * done);
        }
    }
}
