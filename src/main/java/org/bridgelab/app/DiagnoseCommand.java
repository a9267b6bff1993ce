package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bridgelab.kernel.Addresses;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.witness.WitnessedDiagnoser;

/**
 * {@code bridgelab diagnose [--lesson-file FILE] [--upto LESSON[/STEP]] --from NS --to ADDR[:PORT]}: builds the
 * curriculum (with a lesson of one's own) up to a step on a fresh sandbox, then explains whether traffic gets through. The explanation is made right after
 * that step, while the lesson's servers still run. Exit 0 when reachable, 1 when not.
 */
final class DiagnoseCommand {
    private final String uptoLesson;
    private final String uptoStep;
    private final Path lessonFile;
    private final String from;
    private final String to;
    private final Integer port;
    private final String language;

    private DiagnoseCommand(String uptoLesson, String uptoStep, Path lessonFile, String from, String to, Integer port,
                            String language) {
        this.language = language;
        this.uptoLesson = uptoLesson;
        this.lessonFile = lessonFile;
        this.uptoStep = uptoStep;
        this.from = from;
        this.to = to;
        this.port = port;
    }

    static Optional<DiagnoseCommand> parse(List<String> args, PrintStream err) {
        String upto = null;
        Path lessonFile = null;
        String from = null;
        String to = null;
        String language = "en";
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--upto" -> upto = CliArgs.value(args, ++i, arg);
                    case "--lesson-file" -> lessonFile = Path.of(CliArgs.value(args, ++i, arg));
                    case "--from" -> from = CliArgs.value(args, ++i, arg);
                    case "--to" -> to = CliArgs.value(args, ++i, arg);
                    case "--language" -> language = RunCommand.language(CliArgs.value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("give --from NAMESPACE and --to ADDRESS[:PORT]");
            }
            String[] target = to.split(":", 2);
            if (!Addresses.isIpv4Address(target[0])) {
                throw new IllegalArgumentException("--to needs an IPv4 address (four numbers 0–255), not " + target[0]);
            }
            Integer port = target.length > 1 ? port(target[1]) : null;
            String[] step = upto == null ? new String[0] : upto.split("/", 2);
            return Optional.of(new DiagnoseCommand(step.length > 0 ? step[0] : null, step.length > 1 ? step[1] : null,
                    lessonFile, from, target[0], port, language));
        } catch (IllegalArgumentException e) {
            err.println("bridgelab diagnose: " + e.getMessage() + "\n");
            err.print(Main.USAGE);
            return Optional.empty();
        }
    }

    /** A TCP port, 1–65535; anything else is a usage error rather than a probe of nothing. */
    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("the port in --to must be a number from 1 to 65535, not " + text);
        }
        return Integer.parseInt(text);
    }

    int execute(PrintStream out, PrintStream err) {
        List<Lesson> lessons;
        try {
            lessons = lessonsUpTo();
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab: " + e.getMessage());
            return 2;
        }
        try (Lab lab = Lab.open(LabHostChoice.sandbox());
             StateReader reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES))) {
            err.println("lab host: " + lab.host().description());
            AtomicReference<Diagnosis> diagnosis = new AtomicReference<>();
            RunListener diagnoseAtTheEnd = new RunListener() {
                @Override
                public void stepFinished(Lesson lesson, RunReport.StepReport report) {
                    Lesson last = lessons.get(lessons.size() - 1);
                    Lesson.Step lastStep = last.steps().get(last.steps().size() - 1);
                    if (lesson.id().equals(last.id()) && report.id().equals(lastStep.id())) {
                        diagnosis.set(explain(lab.host(), reader));
                    }
                }
            };
            if (!lessons.isEmpty()) {
                RunReport report = new LessonRunner(lab.host(), diagnoseAtTheEnd).run(lessons);
                if (!report.passed()) {
                    Lesson last = lessons.get(lessons.size() - 1);
                    err.println("bridgelab: the lessons up to " + last.id() + (uptoStep == null ? "" : "/" + uptoStep)
                            + " did not pass" + (report.error() == null ? "" : ": " + report.error())
                            + "; the explanation is of the lab as it was left");
                }
            }
            if (diagnosis.get() == null) {
                diagnosis.set(explain(lab.host(), reader));
            }
            out.print(diagnosis.get().explain(language));
            return diagnosis.get().reachable() ? 0 : 1;
        } catch (LabException e) {
            err.println("bridgelab: " + e.getMessage());
            return 3;
        }
    }

    private Diagnosis explain(LabHost host, StateReader reader) {
        return new WitnessedDiagnoser(host).explain(reader.read(), from, to, port);
    }

    /** The lessons the chosen one builds on, and the chosen one cut after the chosen step. */
    private List<Lesson> lessonsUpTo() {
        Curriculum curriculum = lessonFile == null ? Curriculum.bundled() : Curriculum.bundled().with(lessonFile);
        // a lesson file alone means "up to the end of that lesson"
        String upto = uptoLesson != null || lessonFile == null ? uptoLesson
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
                        + String.join(", ", last.steps().stream().map(Lesson.Step::id).toList()) + ")");
            }
            lessons.add(new Lesson(last.id(), last.title(), last.summary(), last.requires(),
                    last.steps().subList(0, index + 1), last.source()));
        }
        return lessons;
    }
}
