package org.bridgelab.session;

import java.util.List;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CapturePoints;
import org.bridgelab.kernel.Topology;

/** Which wires of the lab a session captures, decided from each snapshot of the kernel. */
public enum Capturing {
    /** No capture at all (a run without {@code --capture} or {@code --timeline}). */
    NOTHING,
    /** The command line's choice: every bridge of the host that is up, and the host's uplink. */
    BRIDGES_AND_UPLINK,
    /** The window's choice: every wire a learner may want to watch (see {@link CapturePoints#everyWire}). */
    EVERY_WIRE;

    List<CapturePoint> wanted(Topology topology, String uplink) {
        return switch (this) {
            case NOTHING -> List.of();
            case BRIDGES_AND_UPLINK -> CapturePoints.bridgesAndUplink(topology, uplink);
            case EVERY_WIRE -> CapturePoints.everyWire(topology);
        };
    }
}
