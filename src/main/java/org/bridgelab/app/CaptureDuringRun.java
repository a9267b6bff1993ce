package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bridgelab.capture.CaptureException;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CapturePoints;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.LabNodes;
import org.bridgelab.capture.Timeline;
import org.bridgelab.kernel.IpJsonParser;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/**
 * {@code --capture} / {@code --timeline}: captures every bridge of the host and its uplink, following the
 * lab as it changes (a bridge is joined after the step that brings it up, and captured again after a lesson
 * deleted and recreated it), and at the end writes the frames as pcapng and/or the decoded, correlated
 * timeline. For a timeline it also traces netfilter and reads the lab's nodes at each lesson's start, before
 * a teardown can remove them. A capture that could not start or broke fails the run.
 */
final class CaptureDuringRun implements RunListener, AutoCloseable {
    private final Lab lab;
    private final Path pcap;
    private final Path timeline;
    private final PrintStream err;
    private final CaptureSession session;
    private final Set<CapturePoint> captured = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final LabNodes nodes = LabNodes.of(new Topology(List.of()));

    private CaptureDuringRun(Lab lab, Path pcap, Path timeline, PrintStream err) {
        this.lab = lab;
        this.pcap = pcap;
        this.timeline = timeline;
        this.err = err;
        this.session = pcap == null && timeline == null ? null : new CaptureSession(lab.host());
    }

    /** A capture of the run, or one that does nothing when neither file was asked for. */
    static CaptureDuringRun start(Lab lab, Path pcap, Path timeline, PrintStream err) {
        CaptureDuringRun capture = new CaptureDuringRun(lab, pcap, timeline, err);
        if (capture.session != null) {
            if (timeline != null) {
                capture.session.traceNetfilter(List.of());
            }
            capture.joinInterfacesThatAreUp();
        }
        return capture;
    }

    @Override
    public void lessonStarted(Lesson lesson) {
        learnNodes();
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        joinInterfacesThatAreUp();
    }

    /** Whether every capture started and streamed to its end (the lab deleting an interface is no failure). */
    boolean succeeded() {
        return failures.isEmpty() && (session == null || session.problems().isEmpty());
    }

    private void joinInterfacesThatAreUp() {
        if (session == null || !lab.host().isAlive()) {
            return;
        }
        CommandResult links = lab.host().run(LabHost.HOST, "ip", "-j", "-d", "addr", "show");
        if (!links.succeeded()) {
            return;
        }
        List<CapturePoint> active = session.activePoints();
        for (CapturePoint point : CapturePoints.bridgesAndUplink(IpJsonParser.links(links.stdout()), lab.world().uplink())) {
            if (!active.contains(point)) {
                try {
                    session.start(point);
                    captured.add(point);
                } catch (CaptureException e) {
                    failures.add(e.getMessage());
                    err.println("capture problem: " + e.getMessage());
                }
            }
        }
    }

    private void learnNodes() {
        if (timeline != null && lab.host().isAlive()) {
            try {
                nodes.learn(new StateReader(lab.host(), Set.copyOf(OutsideWorld.NAMESPACES)).read());
            } catch (LabException e) {
                err.println("timeline: cannot read the lab's nodes: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (session == null) {
            return;
        }
        learnNodes();
        session.close();
        err.println("captured on: " + String.join(", ", captured.stream().map(CapturePoint::label).toList()));
        session.endings().forEach(ending -> err.println("note: " + ending));
        session.problems().forEach(problem -> err.println("capture problem: " + problem));
        if (pcap != null) {
            session.exportPcapng(pcap);
        }
        if (timeline != null) {
            Timeline.of(session, nodes).write(timeline);
        }
    }
}
