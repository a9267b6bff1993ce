package org.bridgelab.view;

import java.util.ArrayList;
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
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.BackgroundCommand;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.CommandText;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.ProgressFile;
import org.bridgelab.lesson.LessonSession;
import org.bridgelab.lesson.ReachProbe;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;

/**
 * The state of the learner's lab for the window: which lab host is connected, how far each lesson has
 * got, what the kernel holds now, and what the console shows. Every kernel call goes through the
 * {@link TaskExecutor}; properties change only on the FX thread.
 */
public final class LabViewModel {
    private final Curriculum curriculum;
    private final LabSession.Opener opener;
    private final TaskExecutor executor;

    private final ReadOnlyStringWrapper labDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(new Topology(List.of()));
    private final ObservableMap<String, StepState> stepStates = FXCollections.observableHashMap();
    private final ObservableMap<String, RunReport.StepReport> stepReports = FXCollections.observableHashMap();
    private final ObservableMap<String, Diagnosis> diagnoses = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Diagnosis> lastFailure = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, String> predictions = FXCollections.observableHashMap();
    private final ProgressViewModel progress;
    private final ObservableList<ConsoleEntry> console = FXCollections.observableArrayList();
    private final ObservableList<BackgroundProcessViewModel> backgrounds = FXCollections.observableArrayList();
    private final LineBatcher<ConsoleEntry> consoleBatcher;
    private final PacketTimelineViewModel packets;
    private final Map<String, LineBatcher<String>> backgroundBatchers = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger typedBackgrounds = new java.util.concurrent.atomic.AtomicInteger();
    private LabSession live;

    public LabViewModel(Curriculum curriculum, LabSession.Opener opener, TaskExecutor executor) {
        this.curriculum = curriculum;
        this.opener = opener;
        this.executor = executor;
        this.consoleBatcher = new LineBatcher<>(executor, console::addAll);
        this.packets = new PacketTimelineViewModel(executor);
        this.progress = new ProgressViewModel(curriculum, ProgressFile.standard(), executor, this::note);
        if (progress.problem() != null) {
            note(progress.problem());
        }
        predictions.addListener((MapChangeListener<String, String>) change -> {
            if (change.wasAdded()) {
                stepOf(change.getKey()).ifPresent(ref -> progress.answered(ref.lesson(), ref.step(), change.getValueAdded()));
            }
        });
    }

    /** The learner's progress across sessions. */
    public ProgressViewModel progress() {
        return progress;
    }

    private java.util.Optional<LessonPane.StepRef> stepOf(String key) {
        return curriculum.lessons().stream().flatMap(lesson -> lesson.steps().stream()
                .filter(step -> key(lesson, step).equals(key)).map(step -> new LessonPane.StepRef(lesson, step))).findFirst();
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

    /** For a failed step whose command tried to reach something: why it did not get there, from the kernel. */
    public ObservableMap<String, Diagnosis> diagnoses() {
        return diagnoses;
    }

    /** The diagnosis of the step that ran last, when it failed to reach something; null once a step passes. */
    public ReadOnlyObjectProperty<Diagnosis> lastFailureProperty() {
        return lastFailure.getReadOnlyProperty();
    }

    /** The learner's answer (a choice id) to each step's question, asked before the step runs. */
    public ObservableMap<String, String> predictions() {
        return predictions;
    }

    public ObservableList<ConsoleEntry> console() {
        return console;
    }

    public ObservableList<BackgroundProcessViewModel> backgrounds() {
        return backgrounds;
    }

    /** The connected lab session, for tests that look at the kernel behind the window's back. */
    LabSession session() {
        return live;
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
            LabSession opened = opener.open(note -> consoleBatcher.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, note)));
            packets.attach(opened.capture());
            opened.subscribe(new LabSession.Listener() {
                @Override
                public void snapshot(Topology topology, long readAtNanos) {
                    packets.learn(topology, readAtNanos);
                }

                @Override
                public void changed(org.bridgelab.kernel.TopologyChange change) {
                    changedElsewhere(opened, change);
                }

                @Override
                public void capturing(List<org.bridgelab.capture.CapturePoint> points, String problem) {
                    packets.capturing(points, problem);
                }
            });
            return new Connected(opened, opened.refresh());
        }, connectedLab -> {
            live = connectedLab.live();
            LabSession watched = live;
            watched.onLost(() -> executor.runOnFx(() -> lostFx(watched)));
            labDescription.set(watched.description());
            connected.set(true);
            topology.set(connectedLab.topology());
            busy.set(false);
        }, this::failedFx);
    }

    /**
     * The kernel changed — through a step, the console, or a terminal the learner opened on the lab: the
     * diagram follows, and the console says what changed, in the lab's words (the session captures new wires).
     */
    private void changedElsewhere(LabSession source, org.bridgelab.kernel.TopologyChange change) {
        change.changes().forEach(what -> consoleBatcher.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, "kernel: " + what)));
        executor.runOnFx(() -> {
            if (live == source) {
                topology.set(change.after());
            }
        });
    }

    /** Throws the lab away and starts again from an empty one: every lesson back to the beginning. */
    public void reset() {
        LabSession old = live;
        live = null;
        connected.set(false);
        busy.set(true);
        stepStates.clear();
        stepReports.clear();
        diagnoses.clear();
        lastFailure.set(null);
        predictions.clear();
        backgrounds.clear();
        console.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, "— new lab —"));
        executor.execute(() -> {
            release(old);
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

    /** A note from BridgeLab in the console (FX thread). */
    public void note(String text) {
        console.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, text));
    }

    /** Runs a whole lesson (and what it builds on). */
    public void runLesson(Lesson lesson) {
        runStep(lesson, lesson.steps().get(lesson.steps().size() - 1));
    }

    /** Runs what the learner typed in a node of the lab, as argv. */
    public void runCommand(String node, String pasted) {
        String text = withoutPastedPrompt(pasted);
        if (answeredInstall(node, text)) {
            return;
        }
        List<String> argv = typed(text);
        if (argv == null) {
            return;
        }
        if (CommandText.runsUntilStopped(argv)) {
            // waiting for it would hold the console until the time-out and lose what it printed
            note("\"" + text + "\" runs until it is stopped: it has a tab of its own, where Stop ends it");
            startInTab(node, text, argv);
            return;
        }
        LabSession current = live;
        console.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(node) + text));
        busy.set(true);
        Topology before = topology.get();
        executor.execute(() -> {
            LabSession.CommandRun result = current.run(node, argv);
            return new CommandDone(result, current.refresh());
        }, done -> {
            recheckPassedSteps(before, done.topology());
            addOutputFx(done.result().stdout() + done.result().stderr());
            if (!done.result().succeeded()) {
                console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, "exit status " + done.result().exitCode()));
            }
            topology.set(done.topology());
            busy.set(false);
        }, this::failedFx);
    }

    /** An apt-get install is answered, not run: apt would change the machine, not the lab. */
    private boolean answeredInstall(String node, String text) {
        java.util.Optional<List<String>> installs;
        try {
            installs = CommandText.packagesInstalled(CommandText.tokenize(text));
        } catch (IllegalArgumentException e) {
            return false;
        }
        installs.ifPresent(packages -> {
            console.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(node) + text));
            packages.forEach(debianPackage -> note(CommandText.answerToInstall(debianPackage)));
        });
        return installs.isPresent();
    }

    /** Starts a long-running command the learner typed, in its own console tab. */
    public void startCommand(String node, String pasted) {
        String text = withoutPastedPrompt(pasted);
        List<String> argv = typed(text);
        if (argv != null) {
            startInTab(node, text, argv);
        }
    }

    private void startInTab(String node, String text, List<String> argv) {
        LabSession current = live;
        String name = program(argv) + "-" + typedBackgrounds.incrementAndGet();
        List<String> buffered = lineBuffered(argv);
        executor.execute(() -> current.start(node, buffered, line -> backgroundLine(name, line)),
                process -> showBackgroundFx(register(name, prompt(node) + text, process)), this::failedFx);
    }

    /** The program's name for its tab: tcpdump, not sudo or ip netns exec. */
    private static String program(List<String> argv) {
        List<String> inner = CommandText.innerCommand(argv);
        return inner.isEmpty() ? argv.get(0) : inner.get(0);
    }

    /**
     * The command with its output line-buffered (stdbuf -oL after a leading sudo): a program writing to a pipe
     * buffers its output in blocks, so a capture in its tab showed nothing until it was stopped.
     */
    static List<String> lineBuffered(List<String> argv) {
        int after = argv.get(0).equals("sudo") ? 1 : 0;
        List<String> wrapped = new ArrayList<>(argv.subList(0, after));
        wrapped.addAll(List.of("stdbuf", "-oL"));
        wrapped.addAll(argv.subList(after, argv.size()));
        return wrapped;
    }

    /**
     * The command without a shell prompt pasted with it from a tutorial ("$ ls -l /var/run/netns"), saying
     * so in the console, since the console gives its own prompt.
     */
    private String withoutPastedPrompt(String text) {
        return CommandText.pastedPrompt(text).map(prompt -> {
            console.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, "took off the pasted prompt \"" + prompt.strip() + "\""));
            return text.substring(prompt.length());
        }).orElse(text);
    }

    /**
     * After a typed command: a passed step whose checked facts held before it and not after it no longer
     * shows what its ✓ said, and one whose facts hold again is passed again. Reachability, a verdict a probe
     * packet must witness, is not judged again from a snapshot (see {@link StateCheckFacts}).
     */
    private void recheckPassedSteps(Topology before, Topology after) {
        if (before == null || after == null) {
            return;
        }
        ListenerProbe notAsked = StateCheckFacts.NOT_ASKED;
        for (Lesson lesson : curriculum.lessons()) {
            for (Lesson.Step step : lesson.steps()) {
                StepState state = state(lesson, step);
                List<org.bridgelab.kernel.StateCheck> facts = StateCheckFacts.of(step);
                if (facts.isEmpty() || (state != StepState.PASSED && state != StepState.NO_LONGER_HOLDS)) {
                    continue;
                }
                boolean holdsNow = StateCheckFacts.allHold(facts, after, notAsked);
                if (state == StepState.PASSED && !holdsNow && StateCheckFacts.allHold(facts, before, notAsked)) {
                    stepStates.put(key(lesson, step), StepState.NO_LONGER_HOLDS);
                    note("the kernel no longer shows what step \"" + step.title().en() + "\" checked: "
                            + StateCheckFacts.failing(facts, after, notAsked));
                } else if (state == StepState.NO_LONGER_HOLDS && holdsNow) {
                    stepStates.put(key(lesson, step), StepState.PASSED);
                }
            }
        }
    }

    /** The argv of a typed command, or null (with the reason in the console) if it cannot run now. */
    private List<String> typed(String text) {
        try {
            List<String> argv = CommandText.tokenize(text);
            if (live == null) {
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
        LabSession old = live;
        live = null;
        executor.execute(() -> {
            release(old);
            return true;
        }, done -> { }, error -> { });
    }

    /** Stops the lessons' background commands, then the lab (its watchers and captures, then the host). */
    private static void release(LabSession old) {
        if (old != null) {
            old.close();
        }
    }

    private void run(List<Pending> path) {
        if (live == null || path.isEmpty()) {
            return;
        }
        LabSession current = live;
        busy.set(true);
        path.forEach(pending -> stepStates.put(key(pending.lesson(), pending.step()), StepState.RUNNING));
        executor.execute(() -> {
            for (Pending pending : path) {
                LessonSession session = current.lesson(pending.lesson(), new Listener());
                RunReport.StepReport report = session.runStep(pending.step());
                Topology after = current.refresh();
                Diagnosis why = report.passed() ? null : diagnose(current, after, pending.step(), report);
                executor.runOnFx(() -> finishedFx(pending, report, after, why));
                if (!report.passed()) {
                    break;
                }
            }
            // asked here, on the worker: over SSH the answer is a round trip that can take seconds
            return current.isAlive();
        }, alive -> {
            path.forEach(pending -> stepStates.computeIfPresent(key(pending.lesson(), pending.step()),
                    (key, state) -> state == StepState.RUNNING ? StepState.NOT_RUN : state));
            busy.set(false);
            connected.set(alive);
        }, this::failedFx);
    }

    private void finishedFx(Pending pending, RunReport.StepReport report, Topology after, Diagnosis why) {
        String key = key(pending.lesson(), pending.step());
        if (why == null) {
            diagnoses.remove(key);
        } else {
            diagnoses.put(key, why);
        }
        stepReports.put(key, report);
        stepStates.put(key, report.passed() ? StepState.PASSED : StepState.FAILED);
        if (report.passed()) {
            progress.passed(pending.lesson(), pending.step());
        }
        topology.set(after);
        lastFailure.set(why);
    }

    /** The diagnosis of the failed action, when it was a ping, telnet or nc that did not get through. */
    private static Diagnosis diagnose(LabSession current, Topology topology, Lesson.Step step, RunReport.StepReport report) {
        // actions up to the first failure ran in order, so its index is the failed action's in the step
        int failed = 0;
        while (failed < report.actions().size() - 1 && report.actions().get(failed).passed()) {
            failed++;
        }
        return ReachProbe.of(step.actions().get(failed))
                .map(probe -> current.diagnose(topology, probe.from(), probe.address(), probe.port()))
                .orElse(null);
    }

    private List<Pending> pathTo(Lesson lesson, Lesson.Step target) {
        List<Pending> path = new ArrayList<>();
        for (Lesson each : curriculum.withPrerequisites(List.of(lesson.id()))) {
            for (Lesson.Step step : each.steps()) {
                boolean isTarget = each == lesson && step == target;
                // a step whose work a typed command undid was done: running it again would undo the learner's
                // experiment behind their back
                StepState state = state(each, step);
                if (isTarget || state != StepState.PASSED && state != StepState.NO_LONGER_HOLDS) {
                    path.add(new Pending(each, step));
                }
                if (isTarget) {
                    return path;
                }
            }
        }
        return path;
    }

    /** The lab host went away by itself (its sandbox was killed): say so, and let the learner reconnect. */
    private void lostFx(LabSession gone) {
        if (live != gone) {
            return;
        }
        connected.set(false);
        problem.set("The lab host is gone (" + gone.description() + " ended). Use Reconnect to start a new lab.");
        console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, problem.get()));
    }

    /** A failure of the lab host or of a command, shown in the top bar and the console; FX thread. */
    void failedFx(Throwable error) {
        busy.set(false);
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        problem.set(message);
        console.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, message));
        LabSession current = live;
        if (current == null) {
            lostAfterFailureFx(null, message);
            return;
        }
        // whether the lab host is still there is asked off the FX thread (an SSH round trip)
        executor.execute(current::isAlive, alive -> {
            if (!alive) {
                lostAfterFailureFx(current, message);
            }
        }, ignored -> lostAfterFailureFx(current, message));
    }

    private void lostAfterFailureFx(LabSession gone, String message) {
        if (live != gone) {
            return;
        }
        connected.set(false);
        problem.set("The lab host is gone: " + message + " — use Reconnect to start a new lab.");
    }

    private void addOutputFx(String output) {
        output.strip().lines().forEach(line -> console.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, line)));
    }

    /** Gives a background command its tab's model at once, so that none of its first lines is lost. */
    private BackgroundProcessViewModel register(String name, String command, BackgroundCommand process) {
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
        public void stepStarted(Lesson lesson, Lesson.Step step) {
            packets.markStep();
        }

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
        public void backgroundStarted(String name, String command, BackgroundCommand process) {
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

    private record Connected(LabSession live, Topology topology) {
    }

    private record CommandDone(LabSession.CommandRun result, Topology topology) {
    }
}
