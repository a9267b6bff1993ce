package org.bridgelab.app;

import java.io.PrintStream;
import java.util.List;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonSession;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/**
 * Prints a run as it happens: each command, its exit status, its output and each check with ✓ / ✗, in
 * English or Chinese (the kernel's own output as it is; the summary line stays English for scripts).
 */
final class ReportPrinter implements RunListener {
    private static final int MAX_OUTPUT_LINES = 12;
    private final PrintStream out;
    private final String language;

    ReportPrinter(PrintStream out, String language) {
        this.out = out;
        this.language = language;
    }

    private String say(String english, String chinese) {
        return "zh".equals(language) ? chinese : english;
    }

    @Override
    public void lessonStarted(Lesson lesson) {
        out.println();
        out.println("━━ " + lesson.id() + "  " + lesson.title().en() + " / "
                + lesson.title().zh());
    }

    @Override
    public void stepStarted(Lesson lesson, Lesson.Step step) {
        out.println(" ▸ " + step.id() + " — " + step.title().in(language));
        if (step.predict() != null) {
            out.println("   ? " + step.predict().question().in(language));
            step.predict()
                    .choices()
                    .forEach(choice -> out.println(
                            "       " + choice.id() + ") " + choice.text().in(language)));
        }
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        if (report.actions().isEmpty() && builtByTheLab(lesson, report.id())) {
            // on two lab hosts an underlay step's commands are the lab's own: say why nothing ran under it
            out.println("   · "
                    + say(
                            "on two lab hosts, the lab itself builds and removes the network between them: nothing of"
                                    + " this step runs here",
                            "在两台实验主机上，它们之间的网络由实验环境自己搭建和拆除：这一步在这里没有要运行的命令"));
        }
        if (report.id().equals(LessonSession.FAULT_BREAKS_GOAL)) {
            // a challenge proved: what its goal's failing checks above amount to
            report.actions()
                    .forEach(action -> action.checks()
                            .forEach(check -> out.println("   "
                                    + (check.passed() ? "✓ " : "✗ ")
                                    + check.expected().in(language)
                                    + (check.passed()
                                            ? ""
                                            : " — " + check.evidence().in(language)))));
        }
        if (report.prediction() != null) {
            RunReport.PredictionReport prediction = report.prediction();
            out.println("   ? " + say("answer: ", "答案：") + prediction.answer() + ") "
                    + prediction.answerText().in(language)
                    + (prediction.confirmed()
                            ? say(" — confirmed by this step's evidence", "——这一步的证据证实了它")
                            : say(" — NOT confirmed: the evidence above disagrees", "——没有得到证实：上面的证据与它不符")));
            out.println("     " + prediction.because().in(language));
        }
        if (report.hint() != null) {
            if (!"zh".equals(language)) {
                out.println("   hint: " + report.hint().en());
            }
            out.println("   提示：" + report.hint().zh());
        }
    }

    private static boolean builtByTheLab(Lesson lesson, String stepId) {
        return lesson.steps().stream().anyMatch(step -> step.id().equals(stepId) && step.underlay());
    }

    @Override
    public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
        String where = "host".equals(report.node()) ? "" : "[" + report.node() + "] ";
        boolean stateCheck = report.display().startsWith("(check");
        String status = stateCheck ? "snapshot" : report.exitCode() == null ? "running" : "exit " + report.exitCode();
        String display =
                stateCheck ? Action.Check.wording(report.checks().size()).in(language) : report.display();
        out.printf(
                "   %s%s%s    (%s, %d ms)%n",
                stateCheck ? "" : where, stateCheck ? "" : "$ ", display, status, report.elapsedMillis());
        otherForm(step, report.display()).ifPresent(line -> out.println("     " + line));
        printOutput(report.output());
        for (CheckResult check : report.checks()) {
            out.println(
                    "     " + (check.passed() ? "✓ " : "✗ ") + check.expected().in(language)
                            + (check.passed()
                                    ? ""
                                    : "\n       " + say("kernel said: ", "内核的回答：")
                                            + check.evidence().in(language).replace("\n", "\n       ")));
        }
    }

    /** The other form of a command that has a modern equivalent: today's beside 2018's, or the other way round. */
    private java.util.Optional<String> otherForm(Lesson.Step step, String display) {
        for (Action action : step.actions()) {
            if (action instanceof Action.Run run && run.hasModernForm()) {
                if (run.text().equals(display)) {
                    return java.util.Optional.of(say("(today: ", "（如今的写法：") + run.modern() + say(")", "）"));
                }
                if (run.modern().equals(display)) {
                    return java.util.Optional.of(say("(2018: ", "（2018 年的写法：") + run.text() + say(")", "）"));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private void printOutput(String output) {
        List<String> lines = output.strip().lines().toList();
        if (output.isBlank()) {
            return;
        }
        lines.stream().limit(MAX_OUTPUT_LINES).forEach(line -> out.println("     │ " + line));
        if (lines.size() > MAX_OUTPUT_LINES) {
            out.println("     │ … " + (lines.size() - MAX_OUTPUT_LINES) + " more lines (--json has them all)");
        }
    }

    void summary(RunReport report, long millis) {
        long steps = report.lessons().stream()
                .mapToLong(lesson -> lesson.steps().size())
                .sum();
        long checks = report.lessons().stream()
                .flatMap(lesson -> lesson.steps().stream())
                .flatMap(step -> step.actions().stream())
                .mapToLong(action -> action.checks().size())
                .sum();
        out.println();
        if (report.passed()) {
            out.printf(
                    "PASSED: %d lessons, %d steps, %d checks on %s (%.1f s)%n",
                    report.lessons().size(), steps, checks, report.labHost(), millis / 1000.0);
            return;
        }
        out.print("FAILED");
        report.lessons().stream()
                .flatMap(lesson -> lesson.steps().stream())
                .filter(step -> !step.passed())
                .findFirst()
                .ifPresent(step -> out.print(" at " + step.lessonId() + " / " + step.id() + " (" + step.title() + ")"));
        if (report.error() != null) {
            out.print(": " + report.error());
        }
        out.printf(" after %.1f s%n", millis / 1000.0);
    }
}
