package org.bridgelab.view;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the GUI runs kernel work: off the FX thread, one job at a time (lab commands build on each
 * other), with the result or failure handed back on the FX thread. Tests use a same-thread executor.
 */
public interface TaskExecutor {
    <T> void execute(Callable<T> work, Consumer<T> onSuccessFx, Consumer<Throwable> onFailureFx);

    /** Hands a small UI update to the FX thread (or runs it at once where there is no FX thread). */
    void runOnFx(Runnable update);
}
