package org.bridgelab.view;

import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.ProgressFile;

/**
 * The learner's progress across sessions: read at start, changed on the FX thread as steps pass and
 * predictions are answered, and written off it after each change. "Continue where you left off" goes to the
 * step the learner was at; a damaged file is set aside and said (see {@link ProgressFile}).
 */
public final class ProgressViewModel {
    private final Curriculum curriculum;
    private final ProgressFile file;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>(Progress.none());
    private final String problem;
    private final java.util.function.Consumer<String> say;

    /** {@code say} tells the learner (on the FX thread) when the progress could not be saved. */
    ProgressViewModel(
            Curriculum curriculum, ProgressFile file, TaskExecutor executor, java.util.function.Consumer<String> say) {
        this.curriculum = curriculum;
        this.file = file;
        this.executor = executor;
        this.say = say;
        ProgressFile.Loaded loaded = file.load();
        progress.set(loaded.progress());
        problem = loaded.problem();
    }

    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the saved progress could not be read (it was kept aside), or null. */
    public String problem() {
        return problem;
    }

    /** Whether the step passed in an earlier session (this lab is new: it is not passed in it). */
    public boolean completedBefore(Lesson lesson, Lesson.Step step) {
        return progress.get().wasCompleted(lesson.id(), step.id());
    }

    /** The step the learner was at when the window last closed, if it is still in the curriculum. */
    public Optional<LessonPane.StepRef> resumePoint() {
        Progress saved = progress.get();
        if (saved.lastLesson() == null) {
            return Optional.empty();
        }
        return curriculum.lessons().stream()
                .filter(lesson -> lesson.id().equals(saved.lastLesson()))
                .findFirst()
                .flatMap(lesson -> lesson.steps().stream()
                        .filter(step -> step.id().equals(saved.lastStep()))
                        .findFirst()
                        .map(step -> new LessonPane.StepRef(lesson, step)));
    }

    void passed(Lesson lesson, Lesson.Step step) {
        change(progress.get().completing(lesson.id(), step.id()));
    }

    /** The learner is at this step (selected it). */
    public void at(Lesson lesson, Lesson.Step step) {
        change(progress.get().at(lesson.id(), step.id()));
    }

    void answered(Lesson lesson, Lesson.Step step, String choice) {
        boolean right = step.predict() != null && step.predict().answer().equals(choice);
        change(progress.get().answering(lesson.id(), step.id(), choice, right));
    }

    /** The next of a challenge's hints is shown (up to its last); recorded, as a class report counts it. */
    void hintShown(Lesson lesson) {
        Progress.Help help = progress.get().helpFor(lesson.id());
        if (lesson.isChallenge() && help.hints() < lesson.challenge().hints().size()) {
            change(progress.get().helping(lesson.id(), new Progress.Help(help.hints() + 1, help.diagnosis())));
        }
    }

    /** A challenge's diagnosis is shown; recorded. */
    void diagnosisShown(Lesson lesson) {
        Progress.Help help = progress.get().helpFor(lesson.id());
        if (lesson.isChallenge() && !help.diagnosis()) {
            change(progress.get().helping(lesson.id(), new Progress.Help(help.hints(), true)));
        }
    }

    /** Forgets every step and answer (the file is written empty, not deleted: the reset is saved too). */
    public void forget() {
        change(Progress.none());
    }

    private void change(Progress changed) {
        if (changed.equals(progress.get())) {
            return;
        }
        progress.set(changed);
        executor.execute(
                () -> {
                    file.save(changed);
                    return changed;
                },
                saved -> {},
                error -> say.accept("your progress could not be saved in " + file.path() + ": " + error.getMessage()));
    }
}
