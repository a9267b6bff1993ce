package org.bridgelab.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bridgelab.capture.CaptureFileReader;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.PacketCorrelator;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.RunReport;

/**
 * A session bundle played back without a lab, on any machine: its frames decoded, correlated and kept as
 * the live capture did (so the timeline, the passports and simulation mode work on them), the kernel's
 * topology as it was after the last step, and the steps as they ran with their checks. Nothing runs: what
 * is shown is what was recorded.
 */
public final class Replay {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Replay() {}

    /**
     * A replay, loaded. {@code report}: the steps as they ran, with their checks (English, as recorded).
     * {@code lastStep} is the step after which the shown topology was read, as the bundle names
     * it ("s3", "masquerade"), or null when it names none (the window's export keeps the diagram's topology).
     */
    public record Loaded(
            SessionBundle.Manifest manifest,
            Topology topology,
            PacketStore store,
            List<PacketEvent> events,
            List<NatPair> natPairs,
            RunReport report,
            StepName lastStep) {}

    /** A lesson's id and one of its steps' ids. */
    public record StepName(String lesson, String step) {}

    public static Loaded load(Path bundle) throws SessionBundle.DamagedException {
        Map<String, byte[]> entries = SessionBundle.entries(bundle);
        SessionBundle.Manifest manifest = SessionBundle.read(bundle).manifest();
        String last = entries.keySet().stream()
                .filter(name -> name.startsWith("topology/"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new SessionBundle.DamagedException("it holds no topology to show"));
        Topology topology;
        try {
            topology = JSON.readValue(entries.get(last), Topology.class);
        } catch (IOException e) {
            throw new SessionBundle.DamagedException(last + " is not a topology: " + e.getMessage());
        }
        PacketStore store = PacketStore.standard();
        List<PacketEvent> events = new ArrayList<>();
        PacketCorrelator correlator = new PacketCorrelator();
        List<NatPair> pairs = new ArrayList<>();
        byte[] capture = entries.get("capture.pcapng");
        if (capture != null) {
            // decoded, correlated and kept in one order, as CaptureSession does with live frames
            try {
                CaptureFileReader.read(new java.io.ByteArrayInputStream(capture), (point, record) -> {
                    PacketEvent event = PacketDecoder.decode(point, store.nextSequence(), record);
                    PacketCorrelator.Correlation correlation = correlator.accept(event);
                    store.append(point, record, correlation.travel());
                    events.add(event.withTravel(correlation.travel()));
                    pairs.addAll(correlation.natPairs());
                });
            } catch (IOException e) {
                throw new SessionBundle.DamagedException("capture.pcapng cannot be read: " + e.getMessage());
            }
        }
        RunReport report;
        try {
            byte[] recorded = entries.get("report.json");
            report = recorded == null ? new RunReport("", List.of(), null) : RecordedReport.read(recorded);
        } catch (IOException e) {
            throw new SessionBundle.DamagedException("report.json is not a report of steps: " + e.getMessage());
        }
        return new Loaded(manifest, topology, store, events, pairs, report, stepOf(last, manifest.lessons()));
    }

    /**
     * The step a topology entry was read after: {@code run --bundle} names each "topology/NNN-LESSON-STEP.json".
     * Of the lessons the manifest lists, one whose id is followed by "-" there; the longest, since a lesson's id
     * may begin another's. The caller finds out whether that step exists.
     */
    static StepName stepOf(String entry, List<String> lessons) {
        String name = entry.substring(entry.indexOf('/') + 1).replaceFirst("\\.json$", "");
        int dash = name.indexOf('-');
        if (dash < 0 || !name.substring(0, dash).chars().allMatch(Character::isDigit)) {
            return null;
        }
        String rest = name.substring(dash + 1);
        return lessons.stream()
                .filter(lesson -> rest.startsWith(lesson + "-") && rest.length() > lesson.length() + 1)
                .max(java.util.Comparator.comparingInt(String::length))
                .map(lesson -> new StepName(lesson, rest.substring(lesson.length() + 1)))
                .orElse(null);
    }
}
