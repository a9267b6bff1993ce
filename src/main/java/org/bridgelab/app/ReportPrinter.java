package org.bridgelab.app;

import java.io.PrintStream;
import java.util.List;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/** Prints a run as it happens: each command, its exit status, its output and each check with ✓ / ✗. */
final class ReportPrinter implements RunListener {
    private static final int MAX_OUTPUT_LINES = 12;
    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void lessonStarted(Lesson lesson) {
        out.println();
        out.println("━━ " + lesson.id() + "  " + lesson.title().en() + " / " + lesson.title().zh());
    }

    @Override
    public void stepStarted(Lesson lesson, Lesson.Step step) {
        out.println(" ▸ " + step.id() + " — " + step.title().en());
        if (step.predict() != null) {
            out.println("   ? " + step.predict().question().en());
            step.predict().choices().forEach(choice -> out.println("       " + choice.id() + ") " + choice.text().en()));
        }
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        if (report.prediction() != null) {
            RunReport.PredictionReport prediction = report.prediction();
            out.println("   ? answer: " + prediction.answer() + ") " + prediction.answerText().en()
                    + (prediction.confirmed() ? " — confirmed by this step's evidence" : " — NOT confirmed: the evidence above disagrees"));
            out.println("     " + prediction.because().en());
        }
        if (report.hint() != null) {
            out.println("   hint: " + report.hint().en());
            out.println("   提示：" + report.hint().zh());
        }
    }

    @Override
    public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
        String where = "host".equals(report.node()) ? "" : "[" + report.node() + "] ";
        boolean stateCheck = report.display().startsWith("(check");
        String status = stateCheck ? "snapshot" : report.exitCode() == null ? "running" : "exit " + report.exitCode();
        out.printf("   %s%s%s    (%s, %d ms)%n", stateCheck ? "" : where, stateCheck ? "" : "$ ", report.display(), status,
                report.elapsedMillis());
        otherForm(step, report.display()).ifPresent(line -> out.println("     " + line));
        printOutput(report.output());
        for (CheckResult check : report.checks()) {
            out.println("     " + (check.passed() ? "✓ " : "✗ ") + check.expected()
                    + (check.passed() ? "" : "\n       kernel said: " + check.evidence().replace("\n", "\n       ")));
        }
    }

    /** The other form of a command that has a modern equivalent: today's beside 2018's, or the other way round. */
    private static java.util.Optional<String> otherForm(Lesson.Step step, String display) {
        for (Action action : step.actions()) {
            if (action instanceof Action.Run run && run.hasModernForm()) {
                if (run.text().equals(display)) {
                    return java.util.Optional.of("(today: " + run.modern() + ")");
                }
                if (run.modern().equals(display)) {
                    return java.util.Optional.of("(2018: " + run.text() + ")");
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
        long steps = report.lessons().stream().mapToLong(lesson -> lesson.steps().size()).sum();
        long checks = report.lessons().stream().flatMap(lesson -> lesson.steps().stream())
                .flatMap(step -> step.actions().stream()).mapToLong(action -> action.checks().size()).sum();
        out.println();
        if (report.passed()) {
            out.printf("PASSED: %d lessons, %d steps, %d checks on %s (%.1f s)%n",
                    report.lessons().size(), steps, checks, report.labHost(), millis / 1000.0);
            return;
        }
        out.print("FAILED");
        report.lessons().stream().flatMap(lesson -> lesson.steps().stream())
                .filter(step -> !step.passed()).findFirst()
                .ifPresent(step -> out.print(" at " + step.lessonId() + " / " + step.id() + " (" + step.title() + ")"));
        if (report.error() != null) {
            out.print(": " + report.error());
        }
        out.printf(" after %.1f s%n", millis / 1000.0);
    }
}
