package org.bridgelab.lesson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.JoinedLabHost;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.words.Phrase;

/**
 * One lesson being worked through on a lab host, step by step, as a learner would: each command as argv
 * on the kernel, servers and captures in the background, typed input, and every expectation checked
 * against the real output. The CLI runs all steps in a row; the GUI runs them one click at a time.
 */
public final class LessonSession implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** The id of the step that records whether a challenge's fault made its goal fail. */
    public static final String FAULT_BREAKS_GOAL = "fault-breaks-goal";

    private final LabHost lab;
    private final Lesson lesson;
    private final RunListener listener;
    private final StateReader state;
    private final ListenerProbe sockets;
    private final Map<String, LiveProcess> background = new LinkedHashMap<>();
    private final List<RunReport.StepReport> steps = new ArrayList<>();

    private final boolean modern;

    public LessonSession(LabHost lab, Lesson lesson, RunListener listener) {
        this(lab, lesson, listener, false);
    }

    /** With {@code modern}, every command that has a modern form is run in that form instead. */
    public LessonSession(LabHost lab, Lesson lesson, RunListener listener, boolean modern) {
        this.modern = modern;
        this.lab = lab;
        this.lesson = lesson;
        this.listener = listener;
        this.state = new StateReader(lab, Set.copyOf(OutsideWorld.NAMESPACES));
        this.sockets = ListenerProbe.of(lab);
        listener.lessonStarted(lesson);
    }

    public Lesson lesson() {
        return lesson;
    }

    /**
     * Runs a step's actions in order. After the first failed action only the step's state checks still run:
     * they change nothing, and their evidence (the diagnosis of a "reaches" fact above all) says why.
     */
    public RunReport.StepReport runStep(Lesson.Step step) {
        RunReport.StepReport stepReport = attempt(step);
        steps.add(stepReport);
        listener.stepFinished(lesson, stepReport);
        return stepReport;
    }

    /**
     * A challenge's goal right after its set-up, as {@code bridgelab run} proves the challenge: the goal must
     * fail there, or the fault teaches nothing. Its checks run and are reported as usual; what is recorded is
     * whether they failed.
     */
    public RunReport.StepReport runGoalOnTheBrokenLab() {
        Lesson.Step goal = lesson.goal();
        RunReport.StepReport attempt = attempt(goal);
        List<String> failed = attempt.actions().stream()
                .flatMap(action -> action.checks().stream())
                .filter(check -> !check.passed())
                .map(check -> check.expected().in("en"))
                .toList();
        CheckResult breaks = new CheckResult(
                Phrase.of("check.challenge.breaks", goal.title()),
                !failed.isEmpty(),
                failed.isEmpty()
                        ? "every check of the goal passes with the fault in place"
                        : "failing: " + String.join("; ", failed));
        RunReport.StepReport recorded = new RunReport.StepReport(
                lesson.id(),
                FAULT_BREAKS_GOAL,
                Phrase.of("check.challenge.breaks", goal.title()).in("en"),
                List.of(new RunReport.ActionReport(
                        goal.title().en(),
                        LabHost.HOST,
                        null,
                        "",
                        attempt.actions().stream()
                                .mapToLong(RunReport.ActionReport::elapsedMillis)
                                .sum(),
                        List.of(breaks))));
        steps.add(recorded);
        listener.stepFinished(lesson, recorded);
        return recorded;
    }

    /** A challenge's solution, run as a step of its own ({@code bridgelab run} proves the challenge solvable). */
    public RunReport.StepReport runSolution() {
        return runStep(new Lesson.Step(
                "solution",
                new Text("Repair the lab as the solution does", "按参考答案修好实验环境"),
                lesson.challenge().diagnosis(),
                List.copyOf(lesson.challenge().solution())));
    }

    private RunReport.StepReport attempt(Lesson.Step step) {
        listener.stepStarted(lesson, step);
        List<RunReport.ActionReport> actions = new ArrayList<>();
        boolean failed = false;
        for (Action action : step.actionsOn(lab instanceof JoinedLabHost)) {
            if (failed && !(action instanceof Action.Check)) {
                continue;
            }
            RunReport.ActionReport report = perform(action);
            actions.add(report);
            listener.actionFinished(lesson, step, report);
            failed |= !report.passed();
        }
        boolean passed = !failed;
        return new RunReport.StepReport(
                lesson.id(),
                step.id(),
                step.title().en(),
                actions,
                passed ? null : step.hint(),
                prediction(step, passed));
    }

    /** The step's question, confirmed when its checks on the captured output and the kernel all passed. */
    private static RunReport.PredictionReport prediction(Lesson.Step step, boolean passed) {
        Lesson.Prediction predict = step.predict();
        if (predict == null) {
            return null;
        }
        return new RunReport.PredictionReport(
                predict.question(), predict.answer(), predict.rightChoice().text(), predict.because(), passed);
    }

    /** The steps run so far, as a lesson report. */
    public RunReport.LessonReport report() {
        return new RunReport.LessonReport(lesson.id(), lesson.title().en(), steps);
    }

    /** A background command of this lesson that is still known by name (for a console tab). */
    public Optional<LiveProcess> background(String name) {
        return Optional.ofNullable(background.get(name));
    }

    /** Stops the background commands the lesson left running. */
    @Override
    public void close() {
        LiveProcess.stopAll(List.copyOf(background.values()));
        background.clear();
        state.close();
    }

    private RunReport.ActionReport perform(Action action) {
        if (action instanceof Action.Run given) {
            Action.Run run = modern ? given.inModernForm() : given;
            return run.background() == null ? foreground(run) : startBackground(run);
        }
        if (action instanceof Action.Check check) {
            return checkState(check);
        }
        if (action instanceof Action.SetUp setUp) {
            return setUp(setUp);
        }
        if (action instanceof Action.Send send) {
            LiveProcess process = running(send.to());
            process.send(send.text() + "\n");
            return new RunReport.ActionReport(
                    send.display(),
                    send.to(),
                    null,
                    "",
                    0,
                    List.of(new CheckResult(
                            Phrase.of("check.process.running", send.to()),
                            process.isAlive(),
                            process.isAlive() ? "running" : "it has ended: " + Expectation.tail(process.output()))));
        }
        if (action instanceof Action.Await await) {
            LiveProcess process = running(await.process());
            long started = System.nanoTime();
            process.awaitOutput(
                    text -> await.expect().check(null, text).stream().allMatch(CheckResult::passed), await.timeout());
            return new RunReport.ActionReport(
                    await.display(),
                    await.process(),
                    null,
                    process.output(),
                    millisSince(started),
                    await.expect().check(null, process.output()));
        }
        Action.Stop stop = (Action.Stop) action;
        long started = System.nanoTime();
        CommandResult result = running(stop.process()).stop();
        background.remove(stop.process());
        String output = combined(result);
        return new RunReport.ActionReport(
                stop.display(),
                stop.process(),
                result.exitCode(),
                output,
                millisSince(started),
                stop.expect().check(result.exitCode(), output));
    }

    /**
     * One fresh snapshot for all the facts of the action, so they are judged on the same moment; it reads
     * only the kinds of state the facts need (a route check reads routes, not rules and MAC tables).
     */
    private RunReport.ActionReport checkState(Action.Check check) {
        long started = System.nanoTime();
        Set<StateReader.Part> needed = EnumSet.noneOf(StateReader.Part.class);
        check.facts().forEach(fact -> needed.addAll(fact.needs()));
        Topology topology = state.read(needed);
        List<CheckResult> results = check.facts().stream()
                .map(fact -> fact.evaluate(topology, sockets))
                .map(outcome -> new CheckResult(outcome.expected(), outcome.passed(), outcome.evidence()))
                .toList();
        return new RunReport.ActionReport(check.display(), LabHost.HOST, null, "", millisSince(started), results);
    }

    /**
     * A challenge's fault, set up without showing its commands or what they printed. A command that fails is
     * the lesson author's mistake, not the learner's: then it is named, with its evidence.
     */
    private RunReport.ActionReport setUp(Action.SetUp setUp) {
        long started = System.nanoTime();
        for (Action.Run run : setUp.runs()) {
            CommandResult result = lab.run(run.node(), run.argv(), run.timeout());
            String output = combined(result);
            List<CheckResult> failed = run.expect().check(result.exitCode(), output).stream()
                    .filter(check -> !check.passed())
                    .toList();
            if (!failed.isEmpty()) {
                return new RunReport.ActionReport(
                        setUp.display(),
                        run.node(),
                        result.exitCode(),
                        output,
                        millisSince(started),
                        List.of(new CheckResult(
                                Phrase.of("check.set-up"),
                                false,
                                "\"" + run.text() + "\": "
                                        + failed.get(0).evidence().in("en"))));
            }
        }
        return new RunReport.ActionReport(
                setUp.display(),
                LabHost.HOST,
                0,
                "",
                millisSince(started),
                List.of(new CheckResult(Phrase.of("check.set-up"), true, "")));
    }

    private LiveProcess running(String name) {
        LiveProcess process = background.get(name);
        if (process == null) {
            throw new IllegalStateException(
                    "no background command \"" + name + "\": run the step that starts it first");
        }
        return process;
    }

    private RunReport.ActionReport foreground(Action.Run run) {
        CommandResult result = lab.run(run.node(), run.argv(), run.timeout());
        String output = combined(result);
        return new RunReport.ActionReport(
                run.text(),
                run.node(),
                result.exitCode(),
                output,
                result.elapsed().toMillis(),
                run.expect().check(result.exitCode(), output));
    }

    private RunReport.ActionReport startBackground(Action.Run run) {
        long started = System.nanoTime();
        LiveProcess previous = background.remove(run.background());
        if (previous != null && previous.isAlive()) {
            previous.stop();
        }
        LiveProcess process =
                lab.start(run.node(), run.argv(), (stream, line) -> listener.backgroundOutput(run.background(), line));
        background.put(run.background(), process);
        listener.backgroundStarted(run.background(), run.text(), BackgroundCommand.of(process));
        List<CheckResult> checks = new ArrayList<>();
        if (run.ready() != null) {
            checks.add(awaitListening(run.ready(), process));
        }
        Integer exit = process.isAlive()
                ? null
                : process.await(Duration.ZERO).map(CommandResult::exitCode).orElse(null);
        if (exit != null) {
            checks.add(
                    new CheckResult(Phrase.of("check.process.keepsRunning"), false, Phrase.of("evidence.ended", exit)));
        }
        checks.addAll(run.expect().check(exit, process.output()));
        return new RunReport.ActionReport(run.text(), run.node(), exit, process.output(), millisSince(started), checks);
    }

    /** Asks the kernel (ss) until the server's port listens; a server that ended never will. */
    private CheckResult awaitListening(Action.Readiness ready, LiveProcess process) {
        Phrase expected = Phrase.of("check.listening", ready.tcpPort(), ready.namespace());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long pause = 5;
        while (System.nanoTime() < deadline && process.isAlive()) {
            CommandResult ss = lab.run(ready.namespace(), List.of("ss", "-Hltn", "sport", "=", ":" + ready.tcpPort()));
            if (ss.succeeded() && !ss.stdout().isBlank()) {
                return new CheckResult(expected, true, ss.stdout().strip());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, 100);
        }
        return new CheckResult(
                expected,
                false,
                process.isAlive()
                        ? "nothing listens after " + READY_TIMEOUT.toSeconds() + " s"
                        : "the server ended: " + Expectation.tail(process.output()));
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static String combined(CommandResult result) {
        String out = result.stdout();
        String err = result.stderr();
        if (err.isEmpty()) {
            return out;
        }
        return out.isEmpty() || out.endsWith("\n") ? out + err : out + "\n" + err;
    }
}
