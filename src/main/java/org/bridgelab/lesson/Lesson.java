package org.bridgelab.lesson;

import java.util.List;

/** One lesson, resolved and validated: a scenario of the tutorial, or the teardown. */
public record Lesson(String id, Text title, Text summary, List<String> requires, List<Step> steps, String source) {

    public Lesson {
        requires = List.copyOf(requires);
        steps = List.copyOf(steps);
    }

    /**
     * A step: what the learner does (actions) and what it teaches (text). {@code hint} (may be null) is
     * shown when one of its checks fails; {@code predict} (may be null) is asked before it runs.
     */
    public record Step(String id, Text title, Text text, Text hint, Prediction predict, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }

        public Step(String id, Text title, Text text, List<Action> actions) {
            this(id, title, text, null, null, actions);
        }
    }

    /**
     * A question the learner answers before the step runs. The step's own checks, on what the kernel
     * printed and holds, confirm the answer: when the step passes, the evidence agreed with it.
     */
    public record Prediction(Text question, List<Choice> choices, String answer, Text because) {
        public Prediction {
            choices = List.copyOf(choices);
        }

        /** The right choice. */
        public Choice rightChoice() {
            return choices.stream()
                    .filter(choice -> choice.id().equals(answer))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** One possible answer to a prediction. */
    public record Choice(String id, Text text) {}

    /**
     * The programs the lesson runs, also through sudo, timeout and ip netns exec (modern forms included),
     * sorted: what a lesson file from elsewhere will do, said before it does it.
     */
    public java.util.SortedSet<String> programs() {
        java.util.SortedSet<String> programs = new java.util.TreeSet<>();
        for (Step step : steps) {
            for (Action action : step.actions()) {
                if (action instanceof Action.Run run) {
                    programs.addAll(CommandText.programs(run.argv()));
                    if (run.modernArgv() != null) {
                        programs.addAll(CommandText.programs(run.modernArgv()));
                    }
                }
            }
        }
        return programs;
    }
}
