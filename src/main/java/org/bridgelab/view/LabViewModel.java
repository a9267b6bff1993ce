package org.bridgelab.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.CommandText;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonSession;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/**
 * The state of the learner's lab for the window: which lab host is connected, how far each lesson has
 * got, what the kernel holds now, and what the console shows. Every kernel call goes through the
 * {@link TaskExecutor}; properties change only on the FX thread.
 */
public final class LabViewModel {
    private final Curriculum curriculum;
    private final LabHostChoice choice;
    private final TaskExecutor executor;

    private final ReadOnlyStringWrapper labDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(new Topology(List.of()));
    private final ObservableMap<String, StepState> stepStates = FXCollections.observableHashMap();
    private final ObservableMap<String, RunReport.StepReport> stepReports = FXCollections.observableHashMap();
    private final ObservableList<ConsoleEntry> console = FXCollections.observableArrayList();
    private final ObservableList<BackgroundProcessViewModel> backgrounds = FXCollections.observableArrayList();
    private final LineBatcher<ConsoleEntry> consoleBatcher;
    private final PacketTimelineViewModel packets;
    private final Map<String, LineBatcher<String>> backgroundBatchers = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger typedBackgrounds = new java.util.concurrent.atomic.AtomicInteger();
    private Lab lab;
    private CaptureSession capture;
    private final Map<String, LessonSession> sessions = new LinkedHashMap<>();

    public LabViewModel(Curriculum curriculum, LabHostChoice choice, TaskExecutor executor) {
        this.curriculum = curriculum;
        this.choice = choice;
        this.executor = executor;
        this.consoleBatcher = new LineBatcher<>(executor, console::addAll);
        this.packets = new PacketTimelineViewModel(executor);
    }

    /** The captured packets of this lab, for the timeline and the diagram's travelling tokens. */
    public PacketTimelineViewModel packets() {
        return packets;
    }

    // Properties

    public Curriculum curriculum() {
        return curriculum;
    }

    public ReadOnlyStringProperty labDescriptionProperty() {
        return labDescription.getReadOnlyProperty();
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

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    public ObservableMap<String, StepState> stepStates() {
        return stepStates;
    }

    public ObservableMap<String, RunReport.StepReport> stepReports() {
        return stepReports;
    }

    public ObservableList<ConsoleEntry> console() {
        return console;
    }

    public ObservableList<BackgroundProcessViewModel> backgrounds() {
        return backgrounds;
    }

    /** The connected lab, for tests that look at the kernel behind the window's back. */
    Lab lab() {
        return lab;
    }

    public static String key(Lesson lesson, Lesson.Step step) {
        return lesson.id() + "/" + step.id();
    }

    public StepState state(Lesson lesson, Lesson.Step step) {
        return stepStates.getOrDefault(key(lesson, step), StepState.NOT_RUN);
    }

    // Commands

    /** Opens the lab host (the sandbox by default) and builds the lab's outside world. */
    public void connect() {
        busy.set(true);
        problem.set("");
        executor.execute(() -> {
            Lab opened = Lab.open(choice);
            CaptureSession capture = new CaptureSession(opened.host());
            try {
                capture.traceNetfilter(List.of());
            } catch (RuntimeException e) {
                // the timeline works without netfilter paths; the console says why they are missing
                consoleBatcher.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, "netfilter tracing unavailable: " + e.getMessage()));
            }
            packets.attach(capture);
            return new Connected(opened, capture, readTopology(opened));
        }, connectedLab -> {
            lab = connectedLab.lab();
            capture = connectedLab.capture();
            Lab watched = lab;
            watched.host().onLost(() -> executor.runOnFx(() -> lostFx(watched)));
            labDescription.set(lab.host().description());
            connected.set(true);
            topology.set(connectedLab.topology());
            busy.set(false);
        }, this::failedFx);
    }

    /** Throws the lab away and starts again from an empty one: every lesson back to the beginning. */
    public void reset() {
        Lab old = lab;
        CaptureSession oldCapture = capture;
        lab = null;
        capture = null;
        connected.set(false);
        busy.set(true);
        List<LessonSession> oldSessions = new ArrayList<>(sessions.values());
        sessions.clear();
        stepStates.clear();
        stepReports.clear();
        backgrounds.clear();
        console.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, "— new lab —"));
        executor.execute(() -> {
            release(oldSessions, oldCapture, old);
            return true;
        }, done -> connect(), this::failedFx);
    }

    /**
     * Runs a step, first catching up every earlier step it builds on (the lessons it requires and the steps
     * before it) that has not passed yet. Stops at the first step that fails.
     */
    public void runStep(Lesson lesson, Lesson.Step target) {
        List<Pending> path = pathTo(lesson, target);
        run(path);
    }

    /** Runs a whole lesson (and what it builds on). */
    public void runLesson(Lesson lesson) {
        runStep(lesson, lesson.steps().get(lesson.steps().size() - 1));
    }

    /** Runs what the learner typed in a node of the lab, as argv. */
    public void runCommand(String node, String text) {
        List<String> argv = typed(text);
        if (argv == null) {
            return;
        }
        Lab current = lab;
        console.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(node) + text));
        busy.set(true);
        executor.execute(() -> {
            CommandResult result = current.host().run(node, argv);
            return new CommandDone(result, readTopology(current));
        }, done -> {
            addOutputFx(done.result().stdout() + done.result().stderr());
            if (!done.result().succeeded()) {
                console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, "exit status " + done.result().exitCode()));
            }
            topology.set(done.topology());
            busy.set(false);
        }, this::failedFx);
    }

    /** Starts a long-running command the learner typed, in its own console tab. */
    public void startCommand(String node, String text) {
        List<String> argv = typed(text);
        if (argv == null) {
            return;
        }
        Lab current = lab;
        String name = argv.get(0) + "-" + typedBackgrounds.incrementAndGet();
        executor.execute(() -> current.host().start(node, argv, (stream, line) -> backgroundLine(name, line)),
                process -> showBackgroundFx(register(name, prompt(node) + text, process)), this::failedFx);
    }

    /** The argv of a typed command, or null (with the reason in the console) if it cannot run now. */
    private List<String> typed(String text) {
        try {
            List<String> argv = CommandText.tokenize(text);
            if (lab == null) {
                console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, "the lab is not connected"));
                return null;
            }
            return argv;
        } catch (IllegalArgumentException e) {
            console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, e.getMessage()));
            return null;
        }
    }

    /** Stops what is running and releases the lab host. */
    public void dispose() {
        List<LessonSession> open = new ArrayList<>(sessions.values());
        Lab old = lab;
        CaptureSession oldCapture = capture;
        lab = null;
        capture = null;
        executor.execute(() -> {
            release(open, oldCapture, old);
            return true;
        }, done -> { }, error -> { });
    }

    /** Stops the lessons' background commands, the captures (removing trace rules), then the lab host. */
    private static void release(List<LessonSession> open, CaptureSession capture, Lab old) {
        try {
            open.forEach(LessonSession::close);
            if (capture != null && old != null && old.host().isAlive()) {
                capture.close();
            }
        } finally {
            if (old != null) {
                old.close();
            }
        }
    }

    private void run(List<Pending> path) {
        if (lab == null || path.isEmpty()) {
            return;
        }
        Lab current = lab;
        busy.set(true);
        path.forEach(pending -> stepStates.put(key(pending.lesson(), pending.step()), StepState.RUNNING));
        executor.execute(() -> {
            for (Pending pending : path) {
                LessonSession session = session(current, pending.lesson());
                RunReport.StepReport report = session.runStep(pending.step());
                Topology after = readTopology(current);
                executor.runOnFx(() -> finishedFx(pending, report, after));
                if (!report.passed()) {
                    break;
                }
            }
            return true;
        }, done -> {
            path.forEach(pending -> stepStates.computeIfPresent(key(pending.lesson(), pending.step()),
                    (key, state) -> state == StepState.RUNNING ? StepState.NOT_RUN : state));
            busy.set(false);
            connected.set(current.host().isAlive());
        }, this::failedFx);
    }

    private void finishedFx(Pending pending, RunReport.StepReport report, Topology after) {
        String key = key(pending.lesson(), pending.step());
        stepReports.put(key, report);
        stepStates.put(key, report.passed() ? StepState.PASSED : StepState.FAILED);
        topology.set(after);
    }

    private List<Pending> pathTo(Lesson lesson, Lesson.Step target) {
        List<Pending> path = new ArrayList<>();
        for (Lesson each : curriculum.withPrerequisites(List.of(lesson.id()))) {
            for (Lesson.Step step : each.steps()) {
                boolean isTarget = each == lesson && step == target;
                if (isTarget || state(each, step) != StepState.PASSED) {
                    path.add(new Pending(each, step));
                }
                if (isTarget) {
                    return path;
                }
            }
        }
        return path;
    }

    private LessonSession session(Lab current, Lesson lesson) {
        synchronized (sessions) {
            return sessions.computeIfAbsent(lesson.id(), id -> new LessonSession(current.host(), lesson, new Listener()));
        }
    }

    /** What the kernel holds now; the packet timeline starts capturing any new wire worth watching. */
    private Topology readTopology(Lab current) {
        Topology topology = new StateReader(current.host(), new HashSet<>(OutsideWorld.NAMESPACES)).read();
        packets.follow(topology);
        return topology;
    }

    /** The lab host went away by itself (its sandbox was killed): say so, and let the learner reconnect. */
    private void lostFx(Lab gone) {
        if (lab != gone) {
            return;
        }
        connected.set(false);
        problem.set("The lab host is gone (" + gone.host().description() + " ended). Use Reconnect to start a new lab.");
        console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, problem.get()));
    }

    private void failedFx(Throwable error) {
        busy.set(false);
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        problem.set(message);
        console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, message));
        if (lab == null || !lab.host().isAlive()) {
            connected.set(false);
            problem.set("The lab host is gone: " + message + " — use Reconnect to start a new lab.");
        }
    }

    private void addOutputFx(String output) {
        output.strip().lines().forEach(line -> console.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, line)));
    }

    /** Gives a background command its tab's model at once, so that none of its first lines is lost. */
    private BackgroundProcessViewModel register(String name, String command, LiveProcess process) {
        BackgroundProcessViewModel tab = new BackgroundProcessViewModel(name, command, process, executor);
        backgroundBatchers.put(name, new LineBatcher<>(executor, tab::addLinesFx));
        return tab;
    }

    private void showBackgroundFx(BackgroundProcessViewModel tab) {
        backgrounds.removeIf(existing -> existing.name().equals(tab.name()));
        backgrounds.add(tab);
    }

    private void backgroundLine(String name, String line) {
        LineBatcher<String> batcher = backgroundBatchers.get(name);
        if (batcher != null) {
            batcher.add(line);
        }
    }

    private static String prompt(String node) {
        return ("host".equals(node) ? "" : "[" + node + "] ") + "$ ";
    }

    /** Streams what the lessons do into the console and background tabs. */
    private final class Listener implements RunListener {
        @Override
        public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
            consoleBatcher.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(report.node()) + report.display()));
            if (!report.output().isBlank() && report.exitCode() != null) {
                report.output().strip().lines().forEach(line -> consoleBatcher.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, line)));
            }
            for (CheckResult check : report.checks()) {
                consoleBatcher.add(new ConsoleEntry(check.passed() ? ConsoleEntry.Kind.PASSED : ConsoleEntry.Kind.FAILED,
                        (check.passed() ? "✓ " : "✗ ") + check.expected() + (check.passed() ? "" : " — " + check.evidence())));
            }
        }

        @Override
        public void backgroundStarted(String name, String command, LiveProcess process) {
            BackgroundProcessViewModel tab = register(name, command, process);
            executor.runOnFx(() -> showBackgroundFx(tab));
        }

        @Override
        public void backgroundOutput(String process, String line) {
            backgroundLine(process, line);
        }
    }

    private record Pending(Lesson lesson, Lesson.Step step) {
    }

    private record Connected(Lab lab, CaptureSession capture, Topology topology) {
    }

    private record CommandDone(CommandResult result, Topology topology) {
    }
}
