package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.bridgelab.kernel.Addresses;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab diagnose [--lesson-file FILE] [--upto LESSON[/STEP]] --from NS --to ADDR[:PORT]}: builds the
 * curriculum (with a lesson of one's own) up to a step on a fresh sandbox, then explains whether traffic gets
 * through. The explanation is made right after that step, while the lesson's servers still run. Exit 0 when
 * reachable, 1 when not.
 */
@Command(
        name = "diagnose",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Build the lessons (and FILE's) up to a step on a fresh sandbox, then explain whether NS"
                    + " reaches ADDR, witnessed by a real probe packet.",
            "Exit 0 if it does, 1 if not, 2 for a usage error, 3 if the sandbox could not be built."
        })
final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = "--lesson-file", paramLabel = "FILE", description = "also load FILE (a lesson of your own)")
    Path lessonFile;

    @Option(names = "--upto", paramLabel = "LESSON[/STEP]", description = "build the lab up to this lesson (and step)")
    String upto;

    @Option(names = "--from", paramLabel = "NS", required = true, description = "the namespace traffic starts in")
    String from;

    @Option(
            names = "--to",
            paramLabel = "ADDR[:PORT]",
            required = true,
            description = "the IPv4 address it goes to, and a TCP port for a connection")
    String toArgument;

    @Option(names = "--language", paramLabel = "en|zh", description = "the explanation's language; default en")
    String language = "en";

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private String uptoLesson;
    private String uptoStep;
    private String to;
    private Integer port;

    DiagnoseCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            RunCommand.language(language);
            String[] target = toArgument.split(":", 2);
            if (!Addresses.isIpv4Address(target[0])) {
                throw new IllegalArgumentException("--to needs an IPv4 address (four numbers 0–255), not " + target[0]);
            }
            to = target[0];
            port = target.length > 1 ? port(target[1]) : null;
            String[] step = upto == null ? new String[0] : upto.split("/", 2);
            uptoLesson = step.length > 0 ? step[0] : null;
            uptoStep = step.length > 1 ? step[1] : null;
        } catch (IllegalArgumentException e) {
            throw UsageError.of(spec, e.getMessage());
        }
        return execute(out, err);
    }

    /** A TCP port, 1–65535; anything else is a usage error rather than a probe of nothing. */
    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("the port in --to must be a number from 1 to 65535, not " + text);
        }
        return Integer.parseInt(text);
    }

    private int execute(PrintStream out, PrintStream err) {
        List<Lesson> lessons;
        try {
            lessons = lessonsUpTo();
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab: " + e.getMessage());
            return 2;
        }
        try (LabSession session = LabSession.open(
                LabHostChoice.sandbox(), LabSession.Options.commandLine(false, false, 1), err::println)) {
            err.println("lab host: " + session.host().description());
            AtomicReference<Diagnosis> diagnosis = new AtomicReference<>();
            RunListener diagnoseAtTheEnd = new RunListener() {
                @Override
                public void stepFinished(Lesson lesson, RunReport.StepReport report) {
                    Lesson last = lessons.get(lessons.size() - 1);
                    Lesson.Step lastStep = last.steps().get(last.steps().size() - 1);
                    if (lesson.id().equals(last.id()) && report.id().equals(lastStep.id())) {
                        diagnosis.set(explain(session));
                    }
                }
            };
            if (!lessons.isEmpty()) {
                RunReport report = session.run(lessons, diagnoseAtTheEnd, false);
                if (!report.passed()) {
                    Lesson last = lessons.get(lessons.size() - 1);
                    err.println("bridgelab: the lessons up to " + last.id() + (uptoStep == null ? "" : "/" + uptoStep)
                            + " did not pass" + (report.error() == null ? "" : ": " + report.error())
                            + "; the explanation is of the lab as it was left");
                }
            }
            if (diagnosis.get() == null) {
                diagnosis.set(explain(session));
            }
            out.print(diagnosis.get().explain(language));
            return diagnosis.get().reachable() ? 0 : 1;
        } catch (LabException e) {
            err.println("bridgelab: " + e.getMessage());
            return 3;
        }
    }

    private Diagnosis explain(LabSession session) {
        return session.diagnose(session.refresh(), from, to, port);
    }

    /** The lessons the chosen one builds on, and the chosen one cut after the chosen step. */
    private List<Lesson> lessonsUpTo() {
        Curriculum curriculum =
                lessonFile == null ? Curriculum.bundled() : Curriculum.bundled().with(lessonFile);
        // a lesson file alone means "up to the end of that lesson"
        String upto = uptoLesson != null || lessonFile == null
                ? uptoLesson
                : curriculum.lessons().get(curriculum.lessons().size() - 1).id();
        if (upto == null) {
            return List.of();
        }
        List<Lesson> lessons = new ArrayList<>(curriculum.withPrerequisites(List.of(upto)));
        if (uptoStep != null) {
            Lesson last = lessons.remove(lessons.size() - 1);
            int index = last.steps().stream().map(Lesson.Step::id).toList().indexOf(uptoStep);
            if (index < 0) {
                throw new IllegalArgumentException("lesson " + last.id() + " has no step \"" + uptoStep + "\" (steps: "
                        + String.join(
                                ", ", last.steps().stream().map(Lesson.Step::id).toList()) + ")");
            }
            lessons.add(new Lesson(
                    last.id(),
                    last.title(),
                    last.summary(),
                    last.requires(),
                    last.steps().subList(0, index + 1),
                    last.source()));
        }
        return lessons;
    }
}
