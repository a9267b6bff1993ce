package org.bridgelab.lesson;

import java.nio.file.Path;
import java.util.List;

/** One lesson, resolved and validated: a scenario of the tutorial, or the teardown. */
public record Lesson(String id, Text title, Text summary, List<String> requires, List<Step> steps, String source) {

    public Lesson {
        requires = List.copyOf(requires);
        steps = List.copyOf(steps);
    }

    /** A step: what the learner does (actions) and what it teaches (text). */
    public record Step(String id, Text title, Text text, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    static String sourceName(Path file) {
        return file.toString();
    }
}
