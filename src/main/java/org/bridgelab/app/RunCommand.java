package org.bridgelab.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;

/** {@code bridgelab run}: a fresh lab, the chosen lessons checked step by step, a report, a clean teardown. */
final class RunCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> lessonIds;
    private final boolean all;
    private final Path lessonFile;
    private final boolean json;
    private final Path dumpState;
    private final Path capture;
    private final Path timeline;
    private final LabHostChoice labHost;
    private final boolean modern;
    private final String language;

    private RunCommand(List<String> lessonIds, boolean all, Path lessonFile, boolean json, Path dumpState, Path capture,
                       Path timeline, LabHostChoice labHost, boolean modern, String language) {
        this.modern = modern;
        this.language = language;
        this.lessonIds = lessonIds;
        this.all = all;
        this.lessonFile = lessonFile;
        this.json = json;
        this.dumpState = dumpState;
        this.capture = capture;
        this.timeline = timeline;
        this.labHost = labHost;
    }

    static Optional<RunCommand> parse(List<String> args, PrintStream err) {
        List<String> ids = new ArrayList<>();
        boolean all = false;
        boolean json = false;
        boolean yes = false;
        boolean modern = false;
        Path lessonFile = null;
        Path dumpState = null;
        Path capture = null;
        Path timeline = null;
        String host = "sandbox";
        Path sshConfig = null;
        String language = "en";
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--all" -> all = true;
                    case "--json" -> json = true;
                    case "--modern" -> modern = true;
                    case "--yes-change-this-machine" -> yes = true;
                    case "--lesson-file" -> lessonFile = Path.of(CliArgs.value(args, ++i, arg));
                    case "--dump-state" -> dumpState = Path.of(CliArgs.value(args, ++i, arg));
                    case "--capture" -> capture = Path.of(CliArgs.value(args, ++i, arg));
                    case "--timeline" -> timeline = Path.of(CliArgs.value(args, ++i, arg));
                    case "--lab-host" -> host = CliArgs.value(args, ++i, arg);
                    case "--ssh-config" -> sshConfig = Path.of(CliArgs.value(args, ++i, arg));
                    case "--language" -> language = language(CliArgs.value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        ids.add(arg);
                    }
                }
            }
            if (!all && ids.isEmpty() && lessonFile == null) {
                throw new IllegalArgumentException("name the lessons to run (see bridgelab list) or give --all");
            }
            if (all && !ids.isEmpty()) {
                throw new IllegalArgumentException("give either --all or lesson names, not both");
            }
            return Optional.of(new RunCommand(ids, all, lessonFile, json, dumpState, capture, timeline,
                    LabHostChoice.parse(host, sshConfig, yes), modern, language));
        } catch (IllegalArgumentException e) {
            err.println("bridgelab run: " + e.getMessage() + "\n");
            err.print(Main.USAGE);
            return Optional.empty();
        }
    }

    /** The report's language: en or zh. */
    static String language(String value) {
        if (!value.equals("en") && !value.equals("zh")) {
            throw new IllegalArgumentException("--language is en or zh, not " + value);
        }
        return value;
    }

    int execute(PrintStream out, PrintStream err) {
        List<Lesson> lessons;
        try {
            lessons = selectLessons();
            OutputPath.check("--capture", capture);
            OutputPath.check("--timeline", timeline);
            OutputPath.check("--dump-state", dumpState);
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab: " + e.getMessage());
            return 2;
        }
        if (lessonFile != null) {
            // a lesson file may come from anyone: what it will run is said before it runs
            String source = lessonFile.toString();
            lessons.stream().filter(lesson -> source.equals(lesson.source())).forEach(lesson ->
                    err.println("lesson " + lesson.id() + " from " + source + " runs: " + String.join(", ", lesson.programs())));
        }
        long started = System.currentTimeMillis();
        try (LabSession session = LabSession.open(labHost, LabSession.Options.commandLine(capture != null, timeline != null),
                err::println)) {
            err.println("lab host: " + session.host().description());
            RunReport report;
            CaptureDuringRun recorder = CaptureDuringRun.start(session, capture, timeline, err);
            try (recorder) {
                ReportPrinter printer = new ReportPrinter(out, language);
                RunListener listener = RunListeners.of(json ? RunListener.NONE : printer, recorder);
                report = session.run(lessons, listener, modern);
                if (dumpState != null) {
                    StateDumper.write(session.host(), dumpState);
                    err.println("state written to " + dumpState);
                }
                if (json) {
                    out.println(JSON.writeValueAsString(report));
                } else {
                    printer.summary(report, System.currentTimeMillis() - started);
                }
            }
            if (capture != null) {
                err.println("traffic written to " + capture);
            }
            if (timeline != null) {
                err.println("timeline written to " + timeline);
            }
            if (!report.passed()) {
                return 1;
            }
            if (!recorder.succeeded()) {
                err.println("bridgelab: every check passed, but a capture failed (see above): the recording is incomplete");
                return 4;
            }
            return 0;
        } catch (LabException e) {
            err.println("bridgelab: " + e.getMessage());
            return 3;
        } catch (java.io.IOException e) {
            err.println("bridgelab: cannot write: " + e.getMessage());
            return 3;
        }
    }

    private List<Lesson> selectLessons() {
        Curriculum curriculum = Curriculum.bundled();
        List<String> ids = new ArrayList<>(lessonIds);
        if (lessonFile != null) {
            curriculum = curriculum.with(lessonFile);
            if (ids.isEmpty() && !all) {
                ids.add(curriculum.lessons().get(curriculum.lessons().size() - 1).id());
            }
        }
        if (all) {
            return curriculum.lessons();
        }
        return curriculum.withPrerequisites(ids);
    }
}
