package org.bridgelab.view;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runs an action on the FX thread a while from now, without an animation. A running {@code PauseTransition}
 * keeps the toolkit pulsing 60 times a second for its whole length, and every pulse costs the FX thread
 * CSS and layout passes even with nothing to draw: the glows of what a step changed kept the window pulsing
 * through most of a run (301 pulses while s1 to s3 were caught up, 142 with this).
 */
final class FxDelay {
    private FxDelay() {}

    static void run(long millis, Runnable action) {
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> Platform.runLater(action));
    }
}
