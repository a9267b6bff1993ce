package org.bridgelab.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.kernel.Topology;
import org.bridgelab.kernel.TopologyChange;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.ProgressFile;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;
import org.bridgelab.session.Replay;
import org.bridgelab.session.SessionBundle;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * The window's connection to its lab: which lab host is connected, whether lab work is running, what went
 * wrong with the host; and the view model of each panel, which it keeps informed (the lessons, the console,
 * the diagram, the timeline). Every kernel call goes through the {@link TaskExecutor}; properties change only
 * on the FX thread.
 */
public final class LabViewModel {
    private final LabSession.Opener opener;
    private final TaskExecutor executor;

    private final javafx.beans.property.ReadOnlyObjectWrapper<Wording> labDescription =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(Phrase.verbatim(""));
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Connection connection = new Connection();
    private final ConsoleViewModel console;
    private final LessonViewModel lessons;
    private final TopologyViewModel topology = new TopologyViewModel();
    private final PacketTimelineViewModel packets;
    private LabSession live;
    /** Whether a session bundle is shown instead of a lab (Open session, gui --replay). */
    private final javafx.beans.property.ReadOnlyBooleanWrapper replaying =
            new javafx.beans.property.ReadOnlyBooleanWrapper();
    /** The step the replayed topology was read after, when the bundle names one (null otherwise). */
    private final javafx.beans.property.ReadOnlyObjectWrapper<Replay.StepName> replayedStep =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    /** When the lab in use was connected: a session bundle's start. */
    private Instant connectedAt = Instant.now();

    public LabViewModel(Curriculum curriculum, LabSession.Opener opener, TaskExecutor executor) {
        this.opener = opener;
        this.executor = executor;
        this.console = new ConsoleViewModel(executor, connection);
        this.packets = new PacketTimelineViewModel(executor);
        ProgressViewModel progress =
                new ProgressViewModel(curriculum, ProgressFile.standard(), executor, console::note);
        if (progress.problem() != null) {
            console.note(progress.problem());
        }
        RunListener consoleOutput = console.lessonOutput();
        RunListener output = new RunListener() {
            @Override
            public void stepStarted(Lesson lesson, Lesson.Step step) {
                packets.markStep();
            }

            @Override
            public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
                consoleOutput.actionFinished(lesson, step, report);
            }

            @Override
            public void backgroundStarted(String name, String command, org.bridgelab.lesson.BackgroundCommand process) {
                consoleOutput.backgroundStarted(name, command, process);
            }

            @Override
            public void backgroundOutput(String process, String line) {
                consoleOutput.backgroundOutput(process, line);
            }
        };
        this.lessons = new LessonViewModel(curriculum, executor, connection, progress, output, console::note);
    }

    // The panels' view models

    public LessonViewModel lessons() {
        return lessons;
    }

    public ConsoleViewModel console() {
        return console;
    }

    public TopologyViewModel topology() {
        return topology;
    }

    /** The captured packets of this lab, for the timeline and the diagram's travelling tokens. */
    public PacketTimelineViewModel packets() {
        return packets;
    }

    // Properties

    /** Which lab host the lab runs on, worded in the learner's language. */
    public javafx.beans.property.ReadOnlyObjectProperty<Wording> labDescriptionProperty() {
        return labDescription.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    /** The step after which the replayed diagram was recorded, once a replay names one; null otherwise. */
    public javafx.beans.property.ReadOnlyObjectProperty<Replay.StepName> replayedStepProperty() {
        return replayedStep.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last thing that went wrong with the lab host, for the host bar; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A failure of lab work, as the panels report one (for tests of the host bar). */
    void failedFx(Throwable error) {
        connection.failed(error);
    }

    /** The connected lab session, for tests that look at the kernel behind the window's back. */
    LabSession session() {
        return live;
    }

    // Commands

    /** Opens the lab host (the sandbox by default) and builds the lab's outside world. */
    public void connect() {
        connect(() -> {});
    }

    /** {@link #connect()}, then {@code thenFx} on the FX thread once the new lab is shown. */
    private void connect(Runnable thenFx) {
        busy.set(true);
        problem.set("");
        executor.execute(
                () -> {
                    LabSession opened = opener.open(note -> console.noteSoon(Phrase.verbatim(note)));
                    if (opened.capture() != null) {
                        packets.attach(opened.capture());
                    }
                    opened.subscribe(new LabSession.Listener() {
                        @Override
                        public void snapshot(Topology topology, long readAtNanos) {
                            packets.learn(topology, readAtNanos);
                        }

                        @Override
                        public void changed(TopologyChange change) {
                            changedElsewhere(opened, change);
                        }

                        @Override
                        public void capturing(List<CapturePoint> points, String problem) {
                            packets.capturing(points, problem);
                        }
                    });
                    return new Connected(opened, opened.opening());
                },
                connectedLab -> {
                    live = connectedLab.live();
                    connectedAt = Instant.now();
                    replaying.set(false);
                    replayedStep.set(null);
                    LabSession watched = live;
                    watched.onLost(() -> executor.runOnFx(() -> lostFx(watched)));
                    labDescription.set(watched.describedAs());
                    connected.set(true);
                    topology.read(connectedLab.topology());
                    busy.set(false);
                    thenFx.run();
                },
                connection::failed);
    }

    /**
     * The kernel changed — through a step, the console, or a terminal the learner opened on the lab: the
     * diagram follows, and the console says what changed, in the lab's words (the session captures new wires).
     */
    private void changedElsewhere(LabSession source, TopologyChange change) {
        change.changes().forEach(what -> console.noteSoon(Phrase.of("console.kernel-change", what.description())));
        executor.runOnFx(() -> {
            if (live == source) {
                topology.changed(change.after(), change.changes());
            }
        });
    }

    /** Throws the lab away and starts again from an empty one: every lesson back to the beginning. */
    public void reset() {
        LabSession old = live;
        live = null;
        connected.set(false);
        busy.set(true);
        lessons.newLab();
        console.newLab();
        executor.execute(
                () -> {
                    release(old);
                    return true;
                },
                done -> connect(),
                connection::failed);
    }

    /**
     * After the lab host was lost (an SSH link dropped, the sandbox killed): a new lab, rebuilt up to where the
     * learner was — the steps passed on the old one run again — so that the lesson goes on. What is left of the
     * old lab on a real host is found and removed when the new one opens ({@code Lab.open}), which says so.
     */
    public void reconnect() {
        LabSession old = live;
        live = null;
        connected.set(false);
        busy.set(true);
        problem.set("");
        Runnable carryOn = lessons.newLabCarryingOn();
        executor.execute(
                () -> {
                    release(old);
                    return true;
                },
                done -> connect(carryOn),
                connection::failed);
    }

    /**
     * Plays a session bundle back, without a lab and on any machine: the lab in use is released, the timeline
     * holds the recorded packets (simulation mode and passports work on them), the diagram the kernel's
     * topology after the recorded last step, and the lessons the steps as they ran with their checks. Nothing
     * runs; Reset lab starts a lab again.
     */
    public void replay(Path bundle) {
        LabSession old = live;
        live = null;
        connected.set(false);
        busy.set(true);
        problem.set("");
        lessons.newLab();
        console.newLab();
        replayedStep.set(null);
        executor.execute(
                () -> {
                    release(old);
                    return Replay.load(bundle);
                },
                loaded -> {
                    packets.clear();
                    packets.attach(loaded.store());
                    packets.learn(loaded.topology(), 0);
                    topology.read(loaded.topology());
                    lessons.showRecorded(loaded.report());
                    loaded.events().forEach(packets::receive);
                    loaded.natPairs().forEach(packets::receive);
                    Phrase replayed = Phrase.of(
                            "host.replay",
                            bundle.getFileName(),
                            loaded.manifest().learner(),
                            loaded.manifest().labHost(),
                            loaded.manifest().started());
                    labDescription.set(replayed);
                    replaying.set(true);
                    replayedStep.set(loaded.lastStep());
                    console.note(Phrase.of(
                            "console.replay", replayed, loaded.events().size()));
                    busy.set(false);
                },
                connection::failed);
    }

    /**
     * Writes this lab's session to a bundle (File ▸ Export session): the steps run with their checks, what they
     * amount to with the learner's answers and the help challenges took, every captured frame, the diagram's
     * topology now, and the lesson files used. {@code doneFx} says how it went.
     */
    public void exportSession(Path file, java.util.function.Consumer<Wording> doneFx) {
        LabSession current = live;
        if (current == null) {
            doneFx.accept(Phrase.of("console.not-connected"));
            return;
        }
        RunReport report = lessons.reportOfThisLab(current.description());
        List<Lesson> used = lessons.lessonsOfThisLab();
        Progress progress = lessons.progressOfThisLab();
        Topology shown = topology.topologyProperty().get();
        Instant started = connectedAt;
        executor.execute(
                () -> {
                    Path capture = Files.createTempFile("bridgelab-session", ".pcapng");
                    try {
                        if (current.capture() != null) {
                            current.capture().exportPcapng(capture);
                        }
                        SessionBundle.write(
                                file,
                                new SessionBundle.Parts(
                                        System.getProperty("user.name"),
                                        current.description(),
                                        started,
                                        Instant.now(),
                                        used.stream().map(Lesson::id).toList(),
                                        report,
                                        SessionBundle.summarize(report, used, progress),
                                        capture,
                                        Map.of("after-last-step", shown),
                                        SessionBundle.lessonFiles(used)));
                    } finally {
                        Files.deleteIfExists(capture);
                    }
                    return file;
                },
                written -> doneFx.accept(Phrase.of("console.session-written", written)),
                error -> doneFx.accept(Phrase.of("console.session-not-written", file, error.getMessage())));
    }

    /** Stops what is running and releases the lab host. */
    /**
     * The lab, let go of as the window closes: the caller closes it once the window is gone, since restoring a
     * real lab host runs commands (seconds over SSH) that a closing window's worker would cut short. Null when
     * no lab was connected.
     */
    public LabSession detach() {
        LabSession old = live;
        live = null;
        return old;
    }

    public void dispose() {
        LabSession old = live;
        live = null;
        executor.execute(
                () -> {
                    release(old);
                    return true;
                },
                done -> {},
                error -> {});
    }

    /** Stops the lessons' background commands, then the lab (its watchers and captures, then the host). */
    private static void release(LabSession old) {
        if (old != null) {
            old.close();
        }
    }

    /** The lab host went away by itself (its sandbox was killed): say so, and let the learner reconnect. */
    private void lostFx(LabSession gone) {
        if (live != gone) {
            return;
        }
        problem.set("The lab host is gone (" + gone.description() + " ended). Use Reconnect to start a new lab.");
        console.failure(Phrase.verbatim(problem.get()));
        connected.set(false);
    }

    private void lostAfterFailureFx(LabSession gone, String message) {
        if (live != gone) {
            return;
        }
        connected.set(false);
        problem.set("The lab host is gone: " + message + " — use Reconnect to start a new lab.");
    }

    /** What the panels' view models report to the window. */
    private final class Connection implements LabConnection {
        @Override
        public LabSession session() {
            return live;
        }

        @Override
        public void busy(boolean working) {
            busy.set(working);
        }

        /** A failure of the lab host or of a command, shown in the top bar and the console. */
        @Override
        public void failed(Throwable error) {
            busy.set(false);
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            problem.set(message);
            console.failure(Phrase.verbatim(message));
            LabSession current = live;
            if (current == null) {
                lostAfterFailureFx(null, message);
                return;
            }
            // whether the lab host is still there is asked off the FX thread (an SSH round trip)
            executor.execute(
                    current::isAlive,
                    alive -> {
                        if (!alive) {
                            lostAfterFailureFx(current, message);
                        }
                    },
                    unanswered -> lostAfterFailureFx(current, message));
        }

        @Override
        public void alive(boolean alive) {
            connected.set(alive);
        }

        @Override
        public void readAfterStep(Topology after) {
            // a kernel monitor brought every change to the diagram, in order: a step's snapshot can be older than
            // one it delivered since, and would undo it
            if (live == null || !live.watchesKernel()) {
                topology.read(after);
            }
        }

        @Override
        public Topology shown() {
            return topology.topologyProperty().get();
        }

        @Override
        public void readAfterCommand(Topology before, Topology after) {
            lessons.recheckPassedSteps(before, after);
            topology.read(after);
        }
    }

    private record Connected(LabSession live, Topology topology) {}
}
