package org.bridgelab.view;

/**
 * Where a step stands for the learner. NO_LONGER_HOLDS: it passed, then a command typed in the console
 * changed what its checks looked at, so the kernel no longer shows what its ✓ said (PASSED again if it does).
 */
public enum StepState {
    NOT_RUN,
    RUNNING,
    PASSED,
    FAILED,
    NO_LONGER_HOLDS
}
