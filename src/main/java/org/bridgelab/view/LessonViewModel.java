package org.bridgelab.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.StateCheck;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonSession;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.ReachProbe;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * The lessons' state: how far each step has got (its state, report and, for a failed one, the kernel's
 * diagnosis), the learner's predictions and their lasting progress. Runs a step on the lab session with the
 * steps it builds on, off the FX thread; after a command the learner typed, says which passed step the kernel
 * no longer shows. Maps change on the FX thread only.
 */
public final class LessonViewModel {
    private final ReadOnlyObjectWrapper<Curriculum> curriculum;
    private final TaskExecutor executor;
    private final LabConnection lab;
    private final RunListener output;
    private final Consumer<Wording> note;
    private final ProgressViewModel progress;
    private final ObservableMap<String, StepState> stepStates = FXCollections.observableHashMap();
    private final ObservableMap<String, RunReport.StepReport> stepReports = FXCollections.observableHashMap();
    private final ObservableMap<String, Diagnosis> diagnoses = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Diagnosis> lastFailure = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper catchingUp = new ReadOnlyBooleanWrapper(false);
    private final ObservableMap<String, String> predictions = FXCollections.observableHashMap();
    /** The steps passed on this lab, in the order they passed: what a new lab needs to be where this one was. */
    private final Set<Pending> passedOnThisLab = new LinkedHashSet<>();

    /**
     * @param output follows the steps as they run (the console, the timeline's step marks)
     * @param note   a note for the learner, on the FX thread
     */
    LessonViewModel(
            Curriculum curriculum,
            TaskExecutor executor,
            LabConnection lab,
            ProgressViewModel progress,
            RunListener output,
            Consumer<Wording> note) {
        this.curriculum = new ReadOnlyObjectWrapper<>(curriculum);
        this.executor = executor;
        this.lab = lab;
        this.progress = progress;
        this.output = output;
        this.note = note;
        predictions.addListener((MapChangeListener<String, String>) change -> {
            if (change.wasAdded()) {
                stepOf(change.getKey())
                        .ifPresent(ref -> progress.answered(ref.lesson(), ref.step(), change.getValueAdded()));
            }
        });
    }

    public static String key(Lesson lesson, Lesson.Step step) {
        return lesson.id() + "/" + step.id();
    }

    public Curriculum curriculum() {
        return curriculum.get();
    }

    /** The lessons offered: the built-in ones and those of one's own; changes when a lesson file is opened. */
    public ReadOnlyObjectProperty<Curriculum> curriculumProperty() {
        return curriculum.getReadOnlyProperty();
    }

    /**
     * Offers a lesson file of one's own too (replacing an offered lesson of the same id), read off the FX thread.
     * A lesson file may come from anyone: the console says which programs it runs before anything runs. A file
     * that cannot be read or is no lesson goes to {@code failedFx}, its message naming the file, the field and
     * the problem.
     */
    public void open(Path file, Consumer<Lesson> openedFx, Consumer<String> failedFx) {
        Curriculum current = curriculum.get();
        executor.execute(
                () -> current.with(file),
                with -> {
                    curriculum.set(with);
                    Lesson own = with.lessons().stream()
                            .filter(lesson -> file.toString().equals(lesson.source()))
                            .findFirst()
                            .orElseThrow();
                    note.accept(programsOf(own));
                    openedFx.accept(own);
                },
                error -> failedFx.accept(error.getMessage()));
    }

    /** What a lesson from elsewhere will run, said before it runs. */
    public static Wording programsOf(Lesson lesson) {
        return Phrase.of("console.lesson-programs", lesson.id(), lesson.source(), String.join(", ", lesson.programs()));
    }

    /** The learner's progress across sessions. */
    public ProgressViewModel progress() {
        return progress;
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

    /**
     * Whether the step running now is an earlier one caught up on before the step asked for (the steps it
     * builds on that had not passed), rather than that step itself.
     */
    public ReadOnlyBooleanProperty catchingUpProperty() {
        return catchingUp.getReadOnlyProperty();
    }

    void catchingUpFx(boolean earlierStep) {
        catchingUp.set(earlierStep);
    }

    /** The learner's answer (a choice id) to each step's question, asked before the step runs. */
    public ObservableMap<String, String> predictions() {
        return predictions;
    }

    /** The learner's pick for a step's question, once the step ran, and whether it was the answer. */
    public record Answered(Lesson.Choice chosen, boolean right) {}

    /** What the learner answered to the step's question and whether it was right; empty before the step ran. */
    public Optional<Answered> answered(Lesson lesson, Lesson.Step step) {
        String key = key(lesson, step);
        RunReport.StepReport report = stepReports.get(key);
        String chosen = predictions.get(key);
        if (step.predict() == null || report == null || report.prediction() == null || chosen == null) {
            return Optional.empty();
        }
        return step.predict().choices().stream()
                .filter(choice -> choice.id().equals(chosen))
                .findFirst()
                .map(choice -> new Answered(
                        choice, choice.id().equals(report.prediction().answer())));
    }

    public StepState state(Lesson lesson, Lesson.Step step) {
        return stepStates.getOrDefault(key(lesson, step), StepState.NOT_RUN);
    }

    /**
     * Runs a step, first catching up every earlier step it builds on (the lessons it requires and the steps
     * before it) that has not passed yet. Stops at the first step that fails.
     */
    public void runStep(Lesson lesson, Lesson.Step target) {
        run(pathTo(lesson, target));
    }

    /** Runs a whole lesson (and what it builds on). */
    public void runLesson(Lesson lesson) {
        runStep(lesson, lesson.steps().get(lesson.steps().size() - 1));
    }

    /** What the steps run on this lab amount to, lesson by lesson in the curriculum's order (for a session bundle). */
    public RunReport reportOfThisLab(String labHost) {
        List<RunReport.LessonReport> lessons = new ArrayList<>();
        for (Lesson lesson : lessonsOfThisLab()) {
            List<RunReport.StepReport> steps = lesson.steps().stream()
                    .map(step -> stepReports.get(key(lesson, step)))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            lessons.add(new RunReport.LessonReport(lesson.id(), lesson.title().en(), steps));
        }
        return new RunReport(labHost, lessons, null);
    }

    /** The lessons with a step run on this lab. */
    public List<Lesson> lessonsOfThisLab() {
        return curriculum.get().lessons().stream()
                .filter(lesson -> lesson.steps().stream().anyMatch(step -> stepReports.containsKey(key(lesson, step))))
                .toList();
    }

    /**
     * The learner's part of this lab's session, for its bundle: the predictions answered on this lab (judged
     * once their step ran here; not the answers kept from earlier sessions), and the help its challenges took.
     */
    public Progress progressOfThisLab() {
        Map<String, Progress.Answer> answers = new LinkedHashMap<>();
        Map<String, Progress.Help> help = new LinkedHashMap<>();
        for (Lesson lesson : lessonsOfThisLab()) {
            for (Lesson.Step step : lesson.steps()) {
                answered(lesson, step)
                        .ifPresent(answer -> answers.put(
                                key(lesson, step),
                                new Progress.Answer(answer.chosen().id(), answer.right())));
            }
            if (lesson.isChallenge()) {
                help.put(lesson.id(), help(lesson));
            }
        }
        return new Progress(Map.of(), answers, null, null, help);
    }

    /** Shows a challenge's next hint (they come one at a time, on request). */
    public void showHint(Lesson lesson) {
        progress.hintShown(lesson);
    }

    /**
     * Unlocks a challenge's diagnosis: its own words on the fault, and the kernel's evidence on the goal's
     * failing checks, which until then would give the fault away.
     */
    public void showDiagnosis(Lesson lesson) {
        progress.diagnosisShown(lesson);
        Diagnosis why = diagnoses.get(key(lesson, lesson.goal()));
        if (why != null) {
            lastFailure.set(why);
        }
    }

    /** The help the challenge has taken: hints shown, diagnosis shown. */
    public Progress.Help help(Lesson lesson) {
        return progress.progressProperty().get().helpFor(lesson.id());
    }

    /** Whether the kernel's evidence on a step's checks may be shown: not on a challenge's locked goal. */
    public boolean evidenceShown(Lesson lesson, Lesson.Step step) {
        return !lesson.isChallenge() || step != lesson.goal() || help(lesson).diagnosis();
    }

    /**
     * A new lab that carries on where this one was (after its lab host was lost): returns the work that runs
     * again, on the new lab, the steps that had passed on this one, in the order they passed, and says which.
     * Commands the learner typed are not run again: what they changed is gone with the old lab.
     */
    Runnable newLabCarryingOn() {
        List<Pending> again = List.copyOf(passedOnThisLab);
        newLab();
        if (again.isEmpty()) {
            return () -> {};
        }
        return () -> {
            Pending last = again.get(again.size() - 1);
            note.accept(
                    Phrase.of("console.rebuilding", again.size(), last.step().title()));
            run(again);
        };
    }

    /** A new lab: every lesson back to the beginning (the lasting progress stays). */
    void newLab() {
        passedOnThisLab.clear();
        stepStates.clear();
        stepReports.clear();
        diagnoses.clear();
        lastFailure.set(null);
        predictions.clear();
    }

    /**
     * A recording played back: each step it ran, of the lessons known here, shows as it went then (✓ or ✗)
     * with its actions and checks. Nothing runs, and the learner's own progress is left as it is.
     */
    void showRecorded(RunReport recorded) {
        for (RunReport.LessonReport lessonReport : recorded.lessons()) {
            for (RunReport.StepReport stepReport : lessonReport.steps()) {
                knownStep(lessonReport.id(), stepReport.id()).ifPresent(key -> {
                    stepReports.put(key, stepReport);
                    stepStates.put(key, stepReport.passed() ? StepState.PASSED : StepState.FAILED);
                });
            }
        }
    }

    /** The key of a lesson's step, when the curriculum here has that lesson and that step. */
    private Optional<String> knownStep(String lessonId, String stepId) {
        return curriculum.get().lessons().stream()
                .filter(lesson -> lesson.id().equals(lessonId))
                .flatMap(lesson -> lesson.steps().stream()
                        .filter(step -> step.id().equals(stepId))
                        .map(step -> key(lesson, step)))
                .findFirst();
    }

    /**
     * After a typed command: a passed step whose checked facts held before it and not after it no longer
     * shows what its ✓ said, and one whose facts hold again is passed again. Reachability, a verdict a probe
     * packet must witness, is not judged again from a snapshot (see {@link StateCheckFacts}).
     */
    void recheckPassedSteps(Topology before, Topology after) {
        if (before == null || after == null) {
            return;
        }
        ListenerProbe notAsked = StateCheckFacts.NOT_ASKED;
        for (Lesson lesson : curriculum.get().lessons()) {
            for (Lesson.Step step : lesson.steps()) {
                StepState state = state(lesson, step);
                List<StateCheck> facts = StateCheckFacts.of(step);
                if (facts.isEmpty() || (state != StepState.PASSED && state != StepState.NO_LONGER_HOLDS)) {
                    continue;
                }
                boolean holdsNow = StateCheckFacts.allHold(facts, after, notAsked);
                if (state == StepState.PASSED && !holdsNow && StateCheckFacts.allHold(facts, before, notAsked)) {
                    stepStates.put(key(lesson, step), StepState.NO_LONGER_HOLDS);
                    note.accept(Phrase.of(
                            "console.no-longer-holds", step.title(), StateCheckFacts.failing(facts, after, notAsked)));
                } else if (state == StepState.NO_LONGER_HOLDS && holdsNow) {
                    stepStates.put(key(lesson, step), StepState.PASSED);
                }
            }
        }
    }

    private void run(List<Pending> path) {
        LabSession current = lab.session();
        if (current == null || path.isEmpty()) {
            return;
        }
        lab.busy(true);
        path.forEach(pending -> stepStates.put(key(pending.lesson(), pending.step()), StepState.RUNNING));
        executor.execute(
                () -> {
                    Pending target = path.get(path.size() - 1);
                    try {
                        for (Pending pending : path) {
                            current.catchingUp(pending != target);
                            executor.runOnFx(() -> catchingUpFx(pending != target));
                            LessonSession session = current.lesson(pending.lesson(), output);
                            RunReport.StepReport report = session.runStep(pending.step());
                            // a failed step's diagnosis reads everything; a passed one needs only what changed
                            Topology after = report.passed() ? current.settle() : current.refresh();
                            Diagnosis why = report.passed() ? null : diagnose(current, after, pending.step(), report);
                            executor.runOnFx(() -> finishedFx(pending, report, after, why));
                            if (!report.passed()) {
                                break;
                            }
                        }
                    } finally {
                        current.catchingUp(false);
                    }
                    // asked here, on the worker: over SSH the answer is a round trip that can take seconds
                    return current.isAlive();
                },
                alive -> {
                    path.forEach(pending -> stepStates.computeIfPresent(
                            key(pending.lesson(), pending.step()),
                            (key, state) -> state == StepState.RUNNING ? StepState.NOT_RUN : state));
                    catchingUpFx(false);
                    lab.busy(false);
                    lab.alive(alive);
                },
                error -> {
                    catchingUpFx(false);
                    lab.failed(error);
                });
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
            passedOnThisLab.add(pending);
        }
        lab.readAfterStep(after);
        // a challenge's locked goal: the probe's path in the diagram would be the diagnosis
        lastFailure.set(evidenceShown(pending.lesson(), pending.step()) ? why : null);
    }

    /** The diagnosis of the failed action, when it was a ping, telnet or nc that did not get through. */
    private static Diagnosis diagnose(
            LabSession current, Topology topology, Lesson.Step step, RunReport.StepReport report) {
        // actions up to the first failure ran in order, so its index is the failed action's in the step
        int failed = 0;
        while (failed < report.actions().size() - 1
                && report.actions().get(failed).passed()) {
            failed++;
        }
        return ReachProbe.of(step.actions().get(failed))
                .map(probe -> current.diagnose(topology, probe.from(), probe.address(), probe.port()))
                .orElse(null);
    }

    private List<Pending> pathTo(Lesson lesson, Lesson.Step target) {
        List<Pending> path = new ArrayList<>();
        for (Lesson each : curriculum.get().withPrerequisites(List.of(lesson.id()))) {
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

    private Optional<LessonPane.StepRef> stepOf(String key) {
        return curriculum.get().lessons().stream()
                .flatMap(lesson -> lesson.steps().stream()
                        .filter(step -> key(lesson, step).equals(key))
                        .map(step -> new LessonPane.StepRef(lesson, step)))
                .findFirst();
    }

    private record Pending(Lesson lesson, Lesson.Step step) {}
}
