package org.bridgelab.view;

import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.session.LabSession;

/** How the window's tests open their lab: a sandbox on this machine, watched and captured as the window does. */
final class Sandbox {
    static final LabSession.Opener WINDOW = LabSession.opener(LabHostChoice.sandbox(), LabSession.Options.WINDOW);

    private Sandbox() {}
}
