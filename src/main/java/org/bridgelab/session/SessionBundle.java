package org.bridgelab.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A learner's session in one file, to hand in or to replay: a zip holding the step log with every check
 * ({@code report.json}), what it amounts to ({@code summary.json}: what a class report reads), the capture of
 * every capture point ({@code capture.pcapng}), the kernel's topology after each step ({@code topology/}) and
 * the lesson files used ({@code lessons/}). {@code manifest.json} names the learner, the lab host and the
 * times, and holds a SHA-256 of every other entry: a bundle that was cut short or changed is found damaged,
 * and says where.
 */
public final class SessionBundle {
    public static final String FORMAT = "bridgelab-session/1";
    private static final String MANIFEST = "manifest.json";
    private static final String SUMMARY = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionBundle() {}

    /** Who, where and when (ISO-8601 instants), and the checksum of every entry. */
    public record Manifest(
            String format,
            String learner,
            String labHost,
            String started,
            String ended,
            List<String> lessons,
            Map<String, String> sha256) {}

    /** What a class report counts: per lesson, and the learner's answers and help. */
    public record Summary(
            List<LessonOutcome> lessons, int predictionsAsked, int predictionsRight, int hints, int diagnoses) {}

    /** One lesson's outcome: passed or not, a challenge or not, and how many checks failed on the way. */
    public record LessonOutcome(String id, boolean challenge, boolean passed, int checksFailed) {}

    /**
     * What a run amounts to: per lesson, passed or not and the checks that failed; the learner's answers to
     * predictions (none from {@code bridgelab run}, which asks no one) and the help challenges took.
     */
    public static Summary summarize(
            org.bridgelab.lesson.RunReport report,
            List<org.bridgelab.lesson.Lesson> lessons,
            org.bridgelab.lesson.Progress progress) {
        Map<String, Boolean> challenges = new LinkedHashMap<>();
        lessons.forEach(lesson -> challenges.put(lesson.id(), lesson.isChallenge()));
        List<LessonOutcome> outcomes = report.lessons().stream()
                .map(lesson -> new LessonOutcome(
                        lesson.id(), challenges.getOrDefault(lesson.id(), false), lesson.passed(), (int)
                                lesson.steps().stream()
                                        .flatMap(step -> step.actions().stream())
                                        .flatMap(action -> action.checks().stream())
                                        .filter(check -> !check.passed())
                                        .count()))
                .toList();
        return new Summary(
                outcomes,
                progress.predictions().size(),
                (int) progress.rightAnswers(),
                progress.help().values().stream()
                        .mapToInt(org.bridgelab.lesson.Progress.Help::hints)
                        .sum(),
                (int) progress.help().values().stream()
                        .filter(org.bridgelab.lesson.Progress.Help::diagnosis)
                        .count());
    }

    /** The files the lessons were read from, by lesson id: what a bundle keeps of them. */
    public static Map<String, String> lessonFiles(List<org.bridgelab.lesson.Lesson> lessons) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (org.bridgelab.lesson.Lesson lesson : lessons) {
            files.put(lesson.id(), org.bridgelab.lesson.Curriculum.sourceText(lesson));
        }
        return files;
    }

    /** A bundle read back and found whole. */
    public record Contents(Manifest manifest, Summary summary) {
        public Duration taken() {
            return Duration.between(Instant.parse(manifest.started()), Instant.parse(manifest.ended()));
        }
    }

    /** A bundle that cannot be trusted: not a zip, cut short, or changed after it was written. */
    public static final class DamagedException extends Exception {
        public DamagedException(String message) {
            super(message);
        }
    }

    /** What goes into a bundle; files are copied in, other entries written from their values. */
    public record Parts(
            String learner,
            String labHost,
            Instant started,
            Instant ended,
            List<String> lessons,
            Object report,
            Summary summary,
            Path capture,
            Map<String, Object> topologies,
            Map<String, String> lessonFiles) {}

    /** Writes the bundle, first aside and then in place, so that a bundle is never found half written. */
    public static void write(Path file, Parts parts) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("report.json", JSON.writeValueAsBytes(parts.report()));
        entries.put(SUMMARY, JSON.writeValueAsBytes(parts.summary()));
        if (parts.capture() != null && Files.exists(parts.capture())) {
            entries.put("capture.pcapng", Files.readAllBytes(parts.capture()));
        }
        for (Map.Entry<String, Object> topology : parts.topologies().entrySet()) {
            entries.put("topology/" + topology.getKey() + ".json", JSON.writeValueAsBytes(topology.getValue()));
        }
        parts.lessonFiles()
                .forEach((id, text) ->
                        entries.put("lessons/" + id + ".json", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> sums = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> sums.put(name, sha256(bytes)));
        Manifest manifest = new Manifest(
                FORMAT,
                parts.learner(),
                parts.labHost(),
                parts.started().toString(),
                parts.ended().toString(),
                parts.lessons(),
                sums);
        Path aside = Files.createTempFile(file.toAbsolutePath().getParent(), ".bundle", ".part");
        try {
            // a file to hand in: readable as any file the learner writes (a temporary file starts private)
            Files.setPosixFilePermissions(aside, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            try (OutputStream out = Files.newOutputStream(aside);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    put(zip, entry.getKey(), entry.getValue());
                }
            }
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    /** Reads a bundle and checks every entry against its checksum; a damaged one says what is wrong. */
    public static Contents read(Path file) throws DamagedException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Manifest manifest = JSON.readValue(bytes(zip, MANIFEST), Manifest.class);
            if (manifest.sha256() == null || manifest.started() == null || manifest.ended() == null) {
                throw new DamagedException(MANIFEST + " is incomplete");
            }
            if (!FORMAT.equals(manifest.format())) {
                throw new DamagedException("not a " + FORMAT + " bundle (its format is " + manifest.format() + ")");
            }
            for (Map.Entry<String, String> sum : manifest.sha256().entrySet()) {
                if (!sha256(bytes(zip, sum.getKey())).equals(sum.getValue())) {
                    throw new DamagedException(
                            sum.getKey() + " does not match its checksum: changed after it was written");
                }
            }
            try {
                Instant.parse(manifest.started());
                Instant.parse(manifest.ended());
            } catch (java.time.format.DateTimeParseException e) {
                throw new DamagedException(MANIFEST + " has no valid times: " + e.getMessage());
            }
            if (!manifest.sha256().containsKey(SUMMARY)) {
                throw new DamagedException(SUMMARY + " is missing");
            }
            return new Contents(manifest, JSON.readValue(bytes(zip, SUMMARY), Summary.class));
        } catch (ZipException e) {
            throw new DamagedException("not a readable zip (" + e.getMessage() + "): cut short, or not a bundle");
        } catch (IOException e) {
            throw new DamagedException("cannot be read: " + e.getMessage());
        }
    }

    /**
     * The entries of a whole bundle ({@link #read} first checks every one), by name: what a replay needs
     * (the capture, the topologies).
     */
    public static Map<String, byte[]> entries(Path file) throws DamagedException {
        Contents contents = read(file);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String name : contents.manifest().sha256().keySet()) {
                byte[] bytes = bytes(zip, name);
                if (!sha256(bytes).equals(contents.manifest().sha256().get(name))) {
                    throw new DamagedException(name + " changed while it was read");
                }
                entries.put(name, bytes);
            }
        } catch (IOException e) {
            throw new DamagedException("cannot be read: " + e.getMessage());
        }
        return entries;
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException, DamagedException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DamagedException(name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
