package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.bridgelab.session.SessionBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bridgelab report}: one row per learner, from the session bundles they handed in. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Read session bundles (run --bundle) and print one row per learner: lessons and challenges"
                + " passed, checks failed, predictions right, hints and diagnoses asked for, time taken. A damaged"
                + " bundle is named with what is wrong. Exit 0 if every bundle was read, 1 if one was damaged,"
                + " 2 for a usage error.")
final class ReportCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of(
            "bundle",
            "learner",
            "lessons passed",
            "challenges passed",
            "checks failed",
            "predictions right",
            "hints",
            "diagnoses",
            "time",
            "status");

    @Parameters(paramLabel = "BUNDLE", arity = "1..*", description = "the .bridgelab files to read")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the rows to FILE as CSV")
    Path csv;

    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            OutputPath.check("--csv", csv);
        } catch (IllegalArgumentException e) {
            err.println("bridgelab: " + e.getMessage());
            return 2;
        }
        List<List<String>> rows = new ArrayList<>();
        boolean damaged = false;
        for (Path bundle : bundles) {
            try {
                rows.add(row(bundle, SessionBundle.read(bundle)));
            } catch (SessionBundle.DamagedException e) {
                damaged = true;
                rows.add(damagedRow(bundle, e.getMessage()));
                err.println("bridgelab: " + bundle + " is damaged: " + e.getMessage());
            }
        }
        printTable(rows);
        if (csv != null) {
            try {
                Files.writeString(csv, csvText(rows));
            } catch (IOException e) {
                err.println("bridgelab: cannot write " + csv + ": " + e.getMessage());
                return 2;
            }
        }
        return damaged ? 1 : 0;
    }

    static List<String> row(Path bundle, SessionBundle.Contents contents) {
        SessionBundle.Summary summary = contents.summary();
        List<SessionBundle.LessonOutcome> lessons =
                summary.lessons().stream().filter(lesson -> !lesson.challenge()).toList();
        List<SessionBundle.LessonOutcome> challenges = summary.lessons().stream()
                .filter(SessionBundle.LessonOutcome::challenge)
                .toList();
        return List.of(
                bundle.getFileName().toString(),
                contents.manifest().learner(),
                passed(lessons),
                passed(challenges),
                Integer.toString(summary.lessons().stream()
                        .mapToInt(SessionBundle.LessonOutcome::checksFailed)
                        .sum()),
                summary.predictionsAsked() == 0 ? "-" : summary.predictionsRight() + "/" + summary.predictionsAsked(),
                Integer.toString(summary.hints()),
                Integer.toString(summary.diagnoses()),
                minutesAndSeconds(contents.taken()),
                "ok");
    }

    private static List<String> damagedRow(Path bundle, String why) {
        return List.of(bundle.getFileName().toString(), "?", "?", "?", "?", "?", "?", "?", "?", "damaged: " + why);
    }

    private static String passed(List<SessionBundle.LessonOutcome> outcomes) {
        return outcomes.stream().filter(SessionBundle.LessonOutcome::passed).count() + "/" + outcomes.size();
    }

    private static String minutesAndSeconds(Duration taken) {
        return String.format("%d:%02d", taken.toMinutes(), taken.toSecondsPart());
    }

    private void printTable(List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (int column = 0; column < COLUMNS.size(); column++) {
            int at = column;
            widths.add(Math.max(
                    COLUMNS.get(column).length(),
                    rows.stream().mapToInt(row -> row.get(at).length()).max().orElse(0)));
        }
        out.println(line(COLUMNS, widths));
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(List<String> cells, List<Integer> widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean last = i == cells.size() - 1;
            line.append(last ? cells.get(i) : String.format("%-" + widths.get(i) + "s  ", cells.get(i)));
        }
        return line.toString().stripTrailing();
    }

    /** RFC 4180: every cell quoted, quotes doubled. */
    static String csvText(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(COLUMNS);
        all.addAll(rows);
        return all.stream()
                        .map(row -> row.stream()
                                .map(cell -> "\"" + cell.replace("\"", "\"\"") + "\"")
                                .collect(Collectors.joining(",")))
                        .collect(Collectors.joining("\r\n"))
                + "\r\n";
    }
}
