package org.bridgelab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's progress that outlasts the window: the steps completed (passed on the kernel in some earlier
 * session; the lab itself is new each time, so they are not "passed" in it), the predictions answered and
 * whether they were right, and the step the learner was at. Immutable; each change gives a new one.
 *
 * @param completed   per lesson id, the ids of its steps completed
 * @param predictions per "lesson/step", the choice answered and whether it was the right one
 * @param lastLesson  the lesson of the step the learner was at, or null
 * @param lastStep    that step's id, or null
 * @param help        per challenge's lesson id, the help it took: hints shown and whether the diagnosis was
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record Progress(
        Map<String, List<String>> completed,
        Map<String, Answer> predictions,
        String lastLesson,
        String lastStep,
        Map<String, Help> help) {

    /** An answer to a step's prediction. */
    public record Answer(String choice, boolean right) {}

    /** The help a challenge took: how many of its hints were shown, and whether its diagnosis was. */
    public record Help(int hints, boolean diagnosis) {
        public static final Help NONE = new Help(0, false);
    }

    public Progress(
            Map<String, List<String>> completed, Map<String, Answer> predictions, String lastLesson, String lastStep) {
        this(completed, predictions, lastLesson, lastStep, Map.of());
    }

    public Progress {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        (completed == null ? Map.<String, List<String>>of() : completed)
                .forEach((lesson, ids) -> steps.put(lesson, List.copyOf(ids)));
        completed = java.util.Collections.unmodifiableMap(steps);
        predictions = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(predictions == null ? Map.of() : predictions));
        help = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(help == null ? Map.of() : help));
    }

    public static Progress none() {
        return new Progress(Map.of(), Map.of(), null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return completed.isEmpty() && predictions.isEmpty() && lastLesson == null && help.isEmpty();
    }

    public boolean wasCompleted(String lesson, String step) {
        return completed.getOrDefault(lesson, List.of()).contains(step);
    }

    /** The step passed; it is also where the learner is. */
    public Progress completing(String lesson, String step) {
        Map<String, List<String>> steps = new LinkedHashMap<>(completed);
        List<String> ids = new ArrayList<>(steps.getOrDefault(lesson, List.of()));
        if (!ids.contains(step)) {
            ids.add(step);
        }
        steps.put(lesson, ids);
        return new Progress(steps, predictions, lesson, step, help);
    }

    public Progress answering(String lesson, String step, String choice, boolean right) {
        Map<String, Answer> answers = new LinkedHashMap<>(predictions);
        answers.put(lesson + "/" + step, new Answer(choice, right));
        return new Progress(completed, answers, lastLesson, lastStep, help);
    }

    /** The learner is at this step. */
    public Progress at(String lesson, String step) {
        return new Progress(completed, predictions, lesson, step, help);
    }

    /** The help the challenge {@code lesson} took so far. */
    public Help helpFor(String lesson) {
        return help.getOrDefault(lesson, Help.NONE);
    }

    public Progress helping(String lesson, Help given) {
        Map<String, Help> helped = new LinkedHashMap<>(help);
        helped.put(lesson, given);
        return new Progress(completed, predictions, lastLesson, lastStep, helped);
    }

    /** How many predictions were answered, and how many of them right. */
    public long rightAnswers() {
        return predictions.values().stream().filter(Answer::right).count();
    }
}
