package org.bridgelab.view;

import java.util.List;
import java.util.Set;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.KernelMonitor;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.witness.WitnessedDiagnoser;

/**
 * A connected lab as the window follows it: the lab host, the kernel's state (read on demand and watched
 * for changes made from anywhere, the learner's own terminal included), and the packets on its wires.
 * Everything here blocks: use it from the lab's worker thread only.
 */
final class LiveLab implements AutoCloseable {
    private final Lab lab;
    private final StateReader reader;
    private final KernelMonitor monitor;
    private final CaptureSession capture;

    private LiveLab(Lab lab, StateReader reader, KernelMonitor monitor, CaptureSession capture) {
        this.lab = lab;
        this.reader = reader;
        this.monitor = monitor;
        this.capture = capture;
    }

    /** Opens the lab host, then starts watching its kernel and tracing its netfilter. */
    static LiveLab open(LabHostChoice choice, java.util.function.Consumer<String> note) {
        Lab lab = Lab.open(choice);
        if (!lab.recovered().isEmpty()) {
            note.accept(Lab.recoveredMessage(lab));
        }
        StateReader reader = new StateReader(lab.host(), Set.copyOf(OutsideWorld.NAMESPACES));
        KernelMonitor monitor = KernelMonitor.start(lab.host(), reader);
        CaptureSession capture = new CaptureSession(lab.host());
        try {
            capture.traceNetfilter(List.of());
        } catch (RuntimeException e) {
            // the timeline works without netfilter paths; say why they are missing
            note.accept("netfilter tracing unavailable: " + e.getMessage());
        }
        return new LiveLab(lab, reader, monitor, capture);
    }

    Lab lab() {
        return lab;
    }

    KernelMonitor monitor() {
        return monitor;
    }

    CaptureSession capture() {
        return capture;
    }

    Topology read() {
        return reader.read();
    }

    /** Why traffic from a namespace does or does not reach an address, decided by a real probe packet. */
    Diagnosis diagnose(Topology topology, String from, String address, Integer port) {
        return new WitnessedDiagnoser(lab.host()).explain(topology, from, address, port);
    }

    /** Stops watching and capturing (removing the trace rules), then releases the lab host. */
    @Override
    public void close() {
        try {
            monitor.close();
            if (lab.host().isAlive()) {
                capture.close();
            }
            reader.close();
        } finally {
            lab.close();
        }
    }
}
