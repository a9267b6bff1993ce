package org.bridgelab.lesson;

import java.util.List;

/** What a run of lessons did on the kernel, action by action, with every check and its evidence. */
public record RunReport(String labHost, List<LessonReport> lessons, String error) {

    public RunReport {
        lessons = List.copyOf(lessons);
    }

    public boolean passed() {
        return error == null && !lessons.isEmpty() && lessons.stream().allMatch(LessonReport::passed);
    }

    public record LessonReport(String id, String title, List<StepReport> steps) {
        public LessonReport {
            steps = List.copyOf(steps);
        }

        public boolean passed() {
            return steps.stream().allMatch(StepReport::passed);
        }
    }

    /**
     * One step. {@code hint} is the step's hint when the step failed (null otherwise or when it has none);
     * {@code prediction} (null when the step asks none) says what the run made of the step's question.
     */
    public record StepReport(
            String lessonId,
            String id,
            String title,
            List<ActionReport> actions,
            Text hint,
            PredictionReport prediction) {
        public StepReport {
            actions = List.copyOf(actions);
        }

        public StepReport(String lessonId, String id, String title, List<ActionReport> actions) {
            this(lessonId, id, title, actions, null, null);
        }

        public boolean passed() {
            return actions.stream().allMatch(ActionReport::passed);
        }
    }

    /**
     * A prediction and its outcome: the question, the right answer and why, and whether the step's own
     * evidence (its checks on output and kernel state) confirmed that answer.
     */
    public record PredictionReport(Text question, String answer, Text answerText, Text because, boolean confirmed) {}

    /**
     * One action: the command as displayed, the node it ran on, its exit status (null while a background
     * command runs on), what it printed, and the checks made on that.
     */
    public record ActionReport(
            String display,
            String node,
            Integer exitCode,
            String output,
            long elapsedMillis,
            List<CheckResult> checks) {
        public ActionReport {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return checks.stream().allMatch(CheckResult::passed);
        }
    }
}
