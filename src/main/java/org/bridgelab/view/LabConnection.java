package org.bridgelab.view;

import org.bridgelab.kernel.Topology;
import org.bridgelab.session.LabSession;

/**
 * What a panel's view model needs of the window's connection to its lab: the session, and where to report
 * that work starts, ends, fails or read the kernel. All but {@link #session()} are called on the FX thread.
 */
interface LabConnection {
    /** The connected lab session, or null while there is none. */
    LabSession session();

    /** Lab work started or ended: the window's controls wait for it. */
    void busy(boolean busy);

    /** Lab work failed: shown in the host bar and the console; the lab host may be gone. */
    void failed(Throwable error);

    /** Whether the lab host was still there when a run ended. */
    void alive(boolean alive);

    /** The kernel as read after a lesson's step. */
    void readAfterStep(Topology after);

    /** The topology the window shows now. */
    Topology shown();

    /**
     * The kernel as read after a command the learner typed, and as shown before it ran (the monitor may have
     * shown the change meanwhile): the command may have undone what a step did.
     */
    void readAfterCommand(Topology before, Topology after);
}
