package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.LabNodes;
import org.bridgelab.capture.Timeline;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.LabException;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;

/**
 * {@code --capture} / {@code --timeline}: the lab session captures every bridge of the host and its uplink,
 * following the lab as it changes (its links are read after each step, so a bridge is joined once a step
 * brought it up, and captured again after a lesson deleted and recreated it); at the end the frames
 * are written as pcapng and/or as the decoded, correlated timeline, whose nodes are learned from those same
 * reads (before a teardown can remove them). A capture that could not start or broke fails the run.
 */
final class CaptureDuringRun implements RunListener, AutoCloseable {
    private final LabSession session;
    private final Path pcap;
    private final Path timeline;
    private final PrintStream err;
    private final Set<CapturePoint> captured = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final LabNodes nodes = LabNodes.of(new Topology(List.of()));

    private CaptureDuringRun(LabSession session, Path pcap, Path timeline, PrintStream err) {
        this.session = session;
        this.pcap = pcap;
        this.timeline = timeline;
        this.err = err;
    }

    /** Follows the session's captures, or does nothing when the session captures nothing. */
    static CaptureDuringRun start(LabSession session, Path pcap, Path timeline, PrintStream err) {
        CaptureDuringRun recorder = new CaptureDuringRun(session, pcap, timeline, err);
        if (session.capture() != null) {
            session.subscribe(recorder.new Follower());
            recorder.follow();
        }
        return recorder;
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        follow();
    }

    /** Whether every capture started and streamed to its end (the lab deleting an interface is no failure). */
    boolean succeeded() {
        CaptureSession capture = session.capture();
        return failures.isEmpty() && (capture == null || capture.problems().isEmpty());
    }

    private void follow() {
        if (session.capture() == null || !session.host().isAlive()) {
            return;
        }
        try {
            nodes.learn(session.followWires());
        } catch (LabException e) {
            err.println("capture: cannot read the lab: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        CaptureSession capture = session.capture();
        if (capture == null) {
            return;
        }
        follow();
        session.stopCapturing();
        err.println("captured on: "
                + String.join(", ", captured.stream().map(CapturePoint::label).toList()));
        capture.endings().forEach(ending -> err.println("note: " + ending));
        capture.problems().forEach(problem -> err.println("capture problem: " + problem));
        if (pcap != null) {
            capture.exportPcapng(pcap);
        }
        if (timeline != null) {
            Timeline.of(capture, nodes).write(timeline);
        }
    }

    /** Learns the lab's nodes from each snapshot, and notes which wires were captured and which could not be. */
    private final class Follower implements LabSession.Listener {
        @Override
        public void snapshot(Topology topology, long readAtNanos) {
            nodes.learn(topology);
        }

        @Override
        public void capturing(List<CapturePoint> points, String problem) {
            captured.addAll(points);
            if (!problem.isEmpty()) {
                failures.add(problem);
                err.println("capture problem: " + problem);
            }
        }
    }
}
