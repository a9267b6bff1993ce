package org.bridgelab.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.LiveKernel;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.kernel.TopologyChange;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.BackgroundCommand;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.LessonSession;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.witness.WitnessedDiagnoser;
import org.bridgelab.words.Wording;

/**
 * One running lab, for the window and the command line alike: the lab host, the kernel's state (read on
 * demand and, when asked, watched for changes made from anywhere, the learner's own terminal included), the
 * captures on its wires (started as wires come up), and the lessons run on it. Everything here may block:
 * call it from a worker thread, never from the FX thread. Listeners are called on the thread that read the
 * state (a worker or the kernel monitor) and must hand over rather than block.
 */
public final class LabSession implements AutoCloseable {
    private final Lab lab;
    private final StateReader reader;
    private final LiveKernel monitor;
    private final CaptureSession capture;
    private final CaptureFollower follower;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LessonSession> lessons = new LinkedHashMap<>();
    private volatile Topology current = new Topology(List.of());
    private volatile boolean capturing;
    private volatile boolean catchingUp;

    /** What a session does beyond running commands. */
    public record Options(boolean watchKernel, boolean traceNetfilter, Capturing capturing) {
        /** The window: watches the kernel, traces netfilter, captures every wire. */
        public static final Options WINDOW = new Options(true, true, Capturing.EVERY_WIRE);

        /**
         * The window on lab hosts joined for a lesson's hosts: the kernel of each watched, every wire captured,
         * but no netfilter tracing (it needs one host's tables).
         */
        public static final Options JOINED_WINDOW = new Options(true, false, Capturing.EVERY_WIRE);

        /**
         * The command line on {@code labHosts} lab hosts: captures the bridges and the uplink (each lesson host's
         * br0 and eth0 on two) for a pcap or a timeline, and traces netfilter for a timeline on one lab host (the
         * tracer follows one machine's rules).
         */
        public static Options commandLine(boolean pcap, boolean timeline, int labHosts) {
            return new Options(
                    false,
                    timeline && labHosts == 1,
                    pcap || timeline ? Capturing.BRIDGES_AND_UPLINK : Capturing.NOTHING);
        }
    }

    /** Opens a lab session, sending notes for the learner to {@code note} (the window's way in: it knows no lab host). */
    @FunctionalInterface
    public interface Opener {
        LabSession open(Consumer<String> note);
    }

    /** What a typed command did: its exit status and what it printed. */
    public record CommandRun(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** What a session tells those who follow it; every method is optional. */
    public interface Listener {
        /** A fresh snapshot of the kernel, and when its reading ended (ns since the epoch, like a packet's). */
        default void snapshot(Topology topology, long readAtNanos) {}

        /** The kernel changed, through a step, the console or a terminal, as the monitor saw it. */
        default void changed(TopologyChange change) {}

        /** The wires captured now, and why a wanted one is not ("" when all are). */
        default void capturing(List<CapturePoint> points, String problem) {}
    }

    private LabSession(Lab lab, StateReader reader, LiveKernel monitor, CaptureSession capture, Capturing capturing) {
        this.lab = lab;
        this.reader = reader;
        this.monitor = monitor;
        this.capture = capture;
        String uplink = lab.world().uplink();
        this.capturing = capture != null;
        this.follower = capture == null
                ? null
                : new CaptureFollower(
                        capture,
                        topology -> capturing.wanted(topology, uplink),
                        (points, problem) -> listeners.forEach(listener -> listener.capturing(points, problem)));
        if (monitor != null) {
            current = monitor.current();
            monitor.subscribe(this::changed);
            if (capture != null) {
                // the counters a packet moves are read again soon after it is seen, so the diagram's follow it
                capture.subscribe(event ->
                        monitor.trafficSeen(event.point().node(), event.point().iface()));
            }
        }
    }

    /**
     * Opens the lab host (building its outside world), then, as the options ask, starts watching its kernel
     * and tracing its netfilter. Notes for the learner (a lab recovered from a crash, tracing unavailable)
     * go to {@code note}.
     */
    public static LabSession open(LabHostChoice choice, Options options, Consumer<String> note) {
        return open(Lab.open(choice), options, note);
    }

    /** {@link #open(LabHostChoice, Options, Consumer)} on a lab already open; closing the session closes it. */
    public static LabSession open(Lab lab, Options options, Consumer<String> note) {
        try {
            if (!lab.recovered().isEmpty()) {
                note.accept(Lab.recoveredMessage(lab));
            }
            lab.findings().forEach(finding -> note.accept("pre-flight: " + finding));
            StateReader reader = new StateReader(lab.host(), Set.copyOf(OutsideWorld.NAMESPACES));
            LiveKernel monitor = options.watchKernel() ? LiveKernel.watch(lab.host(), reader) : null;
            CaptureSession capture = options.capturing() == Capturing.NOTHING ? null : new CaptureSession(lab.host());
            if (capture != null && options.traceNetfilter()) {
                try {
                    capture.traceNetfilter(List.of());
                } catch (RuntimeException e) {
                    // packets are shown without netfilter paths; say why they are missing
                    note.accept("netfilter tracing unavailable: " + e.getMessage());
                }
            }
            return new LabSession(lab, reader, monitor, capture, options.capturing());
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** How the window opens its sessions: on {@code choice}, as {@code options} say. */
    public static Opener opener(LabHostChoice choice, Options options) {
        return note -> open(choice, options, note);
    }

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    public Lab lab() {
        return lab;
    }

    public LabHost host() {
        return lab.host();
    }

    /** The lab host, in the learner's words ("sandbox on this machine", "ssh lab@vm"). */
    public String description() {
        return lab.host().description();
    }

    /** {@link #description()} in the learner's language. */
    public Wording describedAs() {
        return lab.host().describedAs();
    }

    /** Whether the lab host is still there (over SSH a round trip: never on the FX thread). */
    public boolean isAlive() {
        return lab.host().isAlive();
    }

    /** Runs {@code action} (on another thread) if the lab host goes away by itself. */
    public void onLost(Runnable action) {
        lab.host().onLost(action);
    }

    /** Runs a command the learner typed in a node of the lab and waits for it. */
    public CommandRun run(String node, List<String> argv) {
        CommandResult result = lab.host().run(node, argv);
        return new CommandRun(result.exitCode(), result.stdout(), result.stderr());
    }

    /** Starts a command that runs until stopped, each line it prints going to {@code lines} as it comes. */
    public BackgroundCommand start(String node, List<String> argv, Consumer<String> lines) {
        return BackgroundCommand.of(lab.host().start(node, argv, (stream, line) -> lines.accept(line)));
    }

    /** The session's captures, or null when it captures nothing. */
    public CaptureSession capture() {
        return capture;
    }

    /** The last snapshot read, by {@link #refresh} or by the monitor. */
    public Topology current() {
        return current;
    }

    /** Reads the whole kernel state now; listeners get it, and any new wire worth watching is captured before this returns. */
    public Topology refresh() {
        Topology topology = reader.read();
        snapshot(topology);
        if (capturing) {
            follower.follow(topology);
        }
        return topology;
    }

    /**
     * The lab as the session starts, handed to the listeners like any snapshot: with a kernel monitor, the one
     * it read when its monitors began to listen and what they were told since (nothing between is missed);
     * without one, {@link #refresh}. Any wire worth watching is captured before this returns.
     */
    public Topology opening() {
        if (monitor == null) {
            return refresh();
        }
        Topology topology = monitor.settle();
        snapshot(topology);
        if (capturing) {
            follower.follow(topology);
        }
        return topology;
    }

    /**
     * Reads the lab's links now and captures any new wire worth watching before this returns: all that a capture
     * needs after a step when nothing draws the lab (the command line). Cheaper than {@link #refresh}, which reads
     * routes, rules and tables too; the listeners get no snapshot, since this is not the whole lab.
     */
    public Topology followWires() {
        Topology links = reader.read(EnumSet.of(StateReader.Part.LINKS));
        if (capturing) {
            follower.follow(links);
        }
        return links;
    }

    /** Whether a kernel monitor delivers every change of the lab as it happens. */
    public boolean watchesKernel() {
        return monitor != null;
    }

    /**
     * Earlier steps are run again in a row to rebuild the lab (catching up): the counters, connections and MAC
     * tables their packets move are read once when it ends, not after each burst; the kernel's notifications
     * are followed as always.
     */
    public void catchingUp(boolean catchingUp) {
        this.catchingUp = catchingUp;
        if (monitor != null) {
            monitor.deferTrafficReads(catchingUp);
        }
    }

    /** Whether earlier steps are being run again ({@link #catchingUp(boolean)}). */
    public boolean isCatchingUp() {
        return catchingUp;
    }

    /**
     * The lab after a step: with a kernel monitor, its snapshot once the notifications it has received are
     * read, which re-reads only what they changed; without one, {@link #refresh}. Any new wire worth watching
     * is captured before this returns, as with {@link #refresh}.
     */
    public Topology settle() {
        if (monitor == null) {
            return refresh();
        }
        Topology topology = monitor.settle();
        if (capturing) {
            follower.follow(topology);
        }
        return topology;
    }

    private void changed(TopologyChange change) {
        snapshot(change.after());
        listeners.forEach(listener -> listener.changed(change));
        if (capturing) {
            follower.followSoon(change.after());
        }
    }

    private void snapshot(Topology topology) {
        // handed over just after it was read, so "now" is when its reading ended
        Instant now = Instant.now();
        long readAt = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        current = topology;
        listeners.forEach(listener -> listener.snapshot(topology, readAt));
    }

    /** The session of a lesson on this lab, opened at its first use and kept until {@link #close}. */
    public LessonSession lesson(Lesson lesson, RunListener listener) {
        synchronized (lessons) {
            return lessons.computeIfAbsent(lesson.id(), id -> new LessonSession(lab.host(), lesson, listener));
        }
    }

    /** Runs lessons from start to end, each in a session of its own, stopping at the first step that fails. */
    public RunReport run(List<Lesson> chosen, RunListener listener, boolean modern) {
        return new LessonRunner(lab.host(), listener, modern).run(chosen);
    }

    /**
     * Stops following wires, tracing netfilter (removing the trace rules) and capturing, keeping what was
     * caught for export; closing does it too, and more than once does nothing.
     */
    public synchronized void stopCapturing() {
        if (!capturing) {
            return;
        }
        capturing = false;
        follower.close();
        if (lab.host().isAlive()) {
            capture.close();
        }
    }

    /** Why traffic from a namespace does or does not reach an address, decided by a real probe packet. */
    public Diagnosis diagnose(Topology topology, String from, String address, Integer port) {
        return new WitnessedDiagnoser(lab.host()).explain(topology, from, address, port);
    }

    /**
     * Stops the lessons' background commands, stops watching and capturing (removing the trace rules), then
     * releases the lab host.
     */
    @Override
    public void close() {
        List<LessonSession> open;
        synchronized (lessons) {
            open = new ArrayList<>(lessons.values());
            lessons.clear();
        }
        try {
            open.forEach(LessonSession::close);
            if (monitor != null) {
                monitor.close();
            }
            stopCapturing();
            reader.close();
        } finally {
            lab.close();
        }
    }
}
