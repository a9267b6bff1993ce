package org.bridgelab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.SessionBundle;
import org.slf4j.LoggerFactory;

/**
 * {@code run --bundle}: follows the run for its session bundle — the kernel's topology after each step, the
 * capture in a file of its own — and writes the bundle at the end.
 */
final class BundleRecorder implements RunListener {
    private final LabHost host;
    private final Path work;
    private final Map<String, Object> topologies = new LinkedHashMap<>();

    BundleRecorder(LabHost host) throws IOException {
        this.host = host;
        this.work = Files.createTempDirectory("bridgelab-bundle");
    }

    /** Where the run's capture is written, to go into the bundle, when no {@code --capture} file is asked for. */
    Path capture() {
        return work.resolve("capture.pcapng");
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        try (StateReader reader = new StateReader(host, new HashSet<>(OutsideWorld.NAMESPACES))) {
            String name = String.format("%03d-%s-%s", topologies.size() + 1, lesson.id(), report.id());
            topologies.put(name, reader.read());
        }
    }

    /** Writes the bundle, with the capture the run wrote to {@code capture} (the {@code --capture} file, if any). */
    void write(Path bundle, List<Lesson> lessons, RunReport report, String labHost, Instant started, Path capture)
            throws IOException {
        SessionBundle.write(
                bundle,
                new SessionBundle.Parts(
                        System.getProperty("user.name"),
                        labHost,
                        started,
                        Instant.now(),
                        lessons.stream().map(Lesson::id).toList(),
                        report,
                        // bridgelab run asks no one: no answers to predictions, no help taken
                        SessionBundle.summarize(report, lessons, Progress.none()),
                        capture,
                        topologies,
                        SessionBundle.lessonFiles(lessons)));
    }

    /** Removes the working files (the bundle holds copies). */
    void discard() {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is the system's to clean; the bundle is whole
            LoggerFactory.getLogger(BundleRecorder.class).warn("could not remove {}: {}", work, e.getMessage());
        }
    }
}
