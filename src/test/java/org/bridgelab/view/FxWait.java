package org.bridgelab.view;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Reading and awaiting what the window shows, on the FX thread, which owns that state (for TestFX tests). */
final class FxWait {
    private FxWait() {}

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(read));
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }

    /** Waits up to two minutes (a lab built over several lessons) for the condition; fails saying {@code state}. */
    static void await(BooleanSupplier condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within 120 s; " + onFx(state::get), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
