package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridgelab run}: a fresh lab, the chosen lessons checked step by step, a report, a clean teardown. */
@Command(
        name = "run",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Run lessons on a fresh lab and check every step; exit 0 if all passed, 1 if a step failed,"
                + " 2 for a usage error, 3 if the lab host could not be used, 4 if a capture failed.")
final class RunCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "LESSON",
            arity = "0..*",
            description = "the lessons to run (see bridgelab list); a lesson brings the ones it builds on")
    List<String> lessonIds = new ArrayList<>();

    @Option(names = "--all", description = "every lesson of the curriculum, in order")
    boolean all;

    @Option(
            names = "--lesson-file",
            paramLabel = "FILE",
            description = "also load FILE (a lesson of your own); run it unless lessons are named")
    Path lessonFile;

    @Option(names = "--json", description = "print the report as JSON instead of text")
    boolean json;

    @Option(
            names = "--language",
            paramLabel = "en|zh",
            description = "the report's language (the kernel's output as it is); default en")
    String language = "en";

    @Option(
            names = "--modern",
            description = "run today's form of a 2018 command wherever a lesson gives one"
                    + " (ip link add … type bridge for brctl addbr, ip route for route …)")
    boolean modern;

    @Option(
            names = "--dump-state",
            paramLabel = "FILE.json",
            description = "write the lab's final state, as the kernel reports it, before teardown")
    Path dumpState;

    @Option(
            names = "--capture",
            paramLabel = "FILE.pcap",
            description = "record the traffic on every bridge of the"
                    + " host and its uplink during the run (pcapng in kernel order, one interface per capture point;"
                    + " tcpdump -r and Wireshark read it)")
    Path capture;

    @Option(
            names = "--timeline",
            paramLabel = "FILE.json",
            description = "write the run's decoded packets: lanes"
                    + " per lab node, NAT pairs and netfilter paths (traces the host's netfilter while running)")
    Path timeline;

    @Option(
            names = "--bundle",
            paramLabel = "FILE.bridgelab",
            description = "write the session in one file to hand in or replay: the step log with every check,"
                    + " the capture of every capture point, the kernel's topology after each step and the lesson"
                    + " files used (bridgelab report reads it)")
    Path bundle;

    @Mixin
    LabHostOptions labHostOptions = new LabHostOptions();

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private List<LabHostChoice> labHosts;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            language(language);
            if (!all && lessonIds.isEmpty() && lessonFile == null) {
                throw new IllegalArgumentException("name the lessons to run (see bridgelab list) or give --all");
            }
            if (all && !lessonIds.isEmpty()) {
                throw new IllegalArgumentException("give either --all or lesson names, not both");
            }
            labHosts = labHostOptions.choices();
        } catch (IllegalArgumentException e) {
            throw UsageError.of(spec, e.getMessage());
        }
        return execute(out, err);
    }

    /** The report's language: en or zh. */
    static String language(String value) {
        if (!value.equals("en") && !value.equals("zh")) {
            throw new IllegalArgumentException("--language is en or zh, not " + value);
        }
        return value;
    }

    private int execute(PrintStream out, PrintStream err) {
        List<Lesson> lessons;
        List<String> hosts;
        try {
            lessons = selectLessons();
            hosts = hostsAcross(lessons);
            OutputPath.check("--capture", capture);
            OutputPath.check("--timeline", timeline);
            OutputPath.check("--dump-state", dumpState);
            OutputPath.check("--bundle", bundle);
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab: " + e.getMessage());
            return 2;
        }
        if (lessonFile != null) {
            // a lesson file may come from anyone: what it will run is said before it runs
            String source = lessonFile.toString();
            lessons.stream()
                    .filter(lesson -> source.equals(lesson.source()))
                    .forEach(lesson -> err.println("lesson " + lesson.id() + " from " + source + " runs: "
                            + String.join(", ", lesson.programs())));
        }
        long started = System.currentTimeMillis();
        java.time.Instant startedAt = java.time.Instant.now();
        BundleRecorder bundled = null;
        LabSession.Options options =
                LabSession.Options.commandLine(capture != null || bundle != null, timeline != null, labHosts.size());
        if (timeline != null && !options.traceNetfilter()) {
            err.println("netfilter paths: not traced on " + labHosts.size()
                    + " lab hosts (the tracer follows one machine's rules); the timeline's packets have none");
        }
        try (LabSession session = labHosts.size() == 1
                ? LabSession.open(labHosts.get(0), options, err::println)
                : LabSession.open(Lab.joined(hosts, labHosts), options, err::println)) {
            err.println("lab host: " + session.host().description());
            RunReport report;
            bundled = bundle == null ? null : new BundleRecorder(session.host());
            Path pcap = capture != null || bundle == null ? capture : bundled.capture();
            CaptureDuringRun recorder = CaptureDuringRun.start(session, pcap, timeline, err);
            try (recorder) {
                ReportPrinter printer = new ReportPrinter(out, language);
                RunListener listener = RunListeners.of(
                        json ? RunListener.NONE : printer, recorder, bundled == null ? RunListener.NONE : bundled);
                report = session.run(lessons, listener, modern);
                if (dumpState != null) {
                    StateDumper.write(session.host(), dumpState);
                    err.println("state written to " + dumpState);
                }
                if (json) {
                    out.println(PrettyJson.MAPPER.writeValueAsString(report));
                } else {
                    printer.summary(report, System.currentTimeMillis() - started);
                }
            }
            if (capture != null) {
                err.println("traffic written to " + capture);
            }
            if (bundled != null) {
                bundled.write(bundle, lessons, report, session.host().description(), startedAt, pcap);
                err.println("session bundle written to " + bundle);
            }
            if (timeline != null) {
                err.println("timeline written to " + timeline);
            }
            if (!report.passed()) {
                return 1;
            }
            if (!recorder.succeeded()) {
                err.println(
                        "bridgelab: every check passed, but a capture failed (see above): the recording is incomplete");
                return 4;
            }
            return 0;
        } catch (LabException e) {
            err.println("bridgelab: " + e.getMessage());
            return 3;
        } catch (java.io.IOException e) {
            err.println("bridgelab: cannot write: " + e.getMessage());
            return 3;
        } finally {
            if (bundled != null) {
                bundled.discard();
            }
        }
    }

    /**
     * With more than one lab host, the hosts the lessons are played on, one per lab host: every lesson chosen must
     * have as many hosts of its own (the overlay's hosta and hostb), and the same ones.
     */
    private List<String> hostsAcross(List<Lesson> lessons) {
        if (labHosts.size() == 1) {
            return List.of();
        }
        for (Lesson lesson : lessons) {
            if (lesson.hosts().size() != labHosts.size()
                    || !lesson.hosts().equals(lessons.get(0).hosts())) {
                throw new IllegalArgumentException(labHosts.size() + " lab hosts run a lesson with as many hosts of"
                        + " its own (such as overlay); " + lesson.id() + " has "
                        + (lesson.hosts().isEmpty() ? "none" : lesson.hosts().size() + ": " + lesson.hosts()));
            }
        }
        return lessons.get(0).hosts();
    }

    private List<Lesson> selectLessons() {
        Curriculum curriculum = Curriculum.bundled();
        List<String> ids = new ArrayList<>(lessonIds);
        if (lessonFile != null) {
            curriculum = curriculum.with(lessonFile);
            if (ids.isEmpty() && !all) {
                ids.add(curriculum
                        .lessons()
                        .get(curriculum.lessons().size() - 1)
                        .id());
            }
        }
        if (all) {
            return curriculum.lessons();
        }
        return curriculum.withPrerequisites(ids);
    }
}
