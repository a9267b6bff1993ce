package org.bridgelab.lesson;

import java.util.List;

/**
 * One lesson, resolved and validated: a scenario of the tutorial, the teardown, or a challenge ({@code
 * challenge} not null): a lab set up broken by its first step, whose fault the learner finds and repairs.
 * {@code hosts}: the namespaces that play machines of their own in it (the overlay's hosta and hostb), which
 * the diagram draws as hosts side by side rather than as containers: the kernel cannot tell the two apart.
 */
public record Lesson(
        String id,
        Text title,
        Text summary,
        List<String> requires,
        List<Step> steps,
        String source,
        Challenge challenge,
        List<String> hosts) {

    public Lesson {
        requires = List.copyOf(requires);
        steps = List.copyOf(steps);
        hosts = List.copyOf(hosts);
    }

    public Lesson(String id, Text title, Text summary, List<String> requires, List<Step> steps, String source) {
        this(id, title, summary, requires, steps, source, null, List.of());
    }

    public Lesson(
            String id,
            Text title,
            Text summary,
            List<String> requires,
            List<Step> steps,
            String source,
            Challenge challenge) {
        this(id, title, summary, requires, steps, source, challenge, List.of());
    }

    public boolean isChallenge() {
        return challenge != null;
    }

    /**
     * What makes a lesson a challenge. Its steps are two: the first sets up the fault (an {@link Action.SetUp},
     * its commands hidden), the second is the goal, whose checks pass once the lab is repaired. {@code hints}
     * come one at a time on request; {@code diagnosis} says what was wrong and stays hidden until asked for;
     * {@code solution} is one repair, which {@code bridgelab run} applies to prove the challenge solvable.
     */
    public record Challenge(List<Text> hints, Text diagnosis, List<Action.Run> solution) {
        public Challenge {
            hints = List.copyOf(hints);
            solution = List.copyOf(solution);
        }
    }

    /** The step a challenge's learner repairs the lab for (its last). */
    public Step goal() {
        return steps.get(steps.size() - 1);
    }

    /**
     * A step: what the learner does (actions) and what it teaches (text). {@code hint} (may be null) is
     * shown when one of its checks fails; {@code predict} (may be null) is asked before it runs. An
     * {@code underlay} step builds or removes, on one machine, the network that joins a lesson's hosts.
     */
    public record Step(
            String id, Text title, Text text, Text hint, Prediction predict, List<Action> actions, boolean underlay) {
        public Step {
            actions = List.copyOf(actions);
        }

        public Step(String id, Text title, Text text, Text hint, Prediction predict, List<Action> actions) {
            this(id, title, text, hint, predict, actions, false);
        }

        public Step(String id, Text title, Text text, List<Action> actions) {
            this(id, title, text, null, null, actions);
        }

        /**
         * What of the step runs on a lab whose hosts are on lab hosts of their own ({@code joined}): everything,
         * unless the step builds the underlay on one machine ({@code underlay}); there the lab built it, so only
         * the commands typed on one of the hosts run, and the checks, which judge the one machine's underlay,
         * do not.
         */
        public List<Action> actionsOn(boolean joined) {
            if (!joined || !underlay) {
                return actions;
            }
            return actions.stream()
                    .filter(action -> action instanceof Action.Run run && !"host".equals(run.node()))
                    .toList();
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
