package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionBundleTest {
    private static final Instant STARTED = Instant.parse("2026-12-03T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void a_bundle_reads_back_whole_with_its_learner_summary_and_time() throws Exception {
        Path bundle = write("alice.bridgelab");

        SessionBundle.Contents contents = SessionBundle.read(bundle);

        assertThat(contents.manifest().learner()).isEqualTo("alice");
        assertThat(contents.manifest().lessons()).containsExactly("s1", "challenge-forward-drop");
        assertThat(contents.manifest().sha256())
                .containsKeys("report.json", "summary.json", "topology/001-s1-namespaces.json", "lessons/s1.json");
        assertThat(contents.summary().lessons())
                .extracting(SessionBundle.LessonOutcome::id)
                .containsExactly("s1", "challenge-forward-drop");
        assertThat(contents.summary().hints()).isEqualTo(2);
        assertThat(contents.taken()).isEqualTo(Duration.ofMinutes(12).plusSeconds(5));
    }

    @Test
    void an_entry_changed_after_it_was_written_is_named() throws Exception {
        Path bundle = write("bob.bridgelab");
        Path changed = dir.resolve("bob-changed.bridgelab");
        // the learner "improves" the summary: every lesson passed
        rewrite(bundle, changed, "summary.json", text -> text.replace("\"passed\" : false", "\"passed\" : true"));

        assertThatThrownBy(() -> SessionBundle.read(changed))
                .isInstanceOf(SessionBundle.DamagedException.class)
                .hasMessage("summary.json does not match its checksum: changed after it was written");
    }

    @Test
    void a_bundle_cut_short_or_not_a_bundle_at_all_is_named_damaged() throws Exception {
        Path bundle = write("carol.bridgelab");
        Path cut = dir.resolve("cut.bridgelab");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(bundle), (int) Files.size(bundle) / 2));
        Path text = Files.writeString(dir.resolve("notes.bridgelab"), "my notes");

        assertThatThrownBy(() -> SessionBundle.read(cut))
                .isInstanceOf(SessionBundle.DamagedException.class)
                .hasMessageStartingWith("not a readable zip");
        assertThatThrownBy(() -> SessionBundle.read(text))
                .isInstanceOf(SessionBundle.DamagedException.class)
                .hasMessageStartingWith("not a readable zip");
    }

    @Test
    void a_missing_entry_is_named() throws Exception {
        Path bundle = write("dave.bridgelab");
        Path without = dir.resolve("without.bridgelab");
        rewrite(bundle, without, "lessons/s1.json", null);

        assertThatThrownBy(() -> SessionBundle.read(without))
                .isInstanceOf(SessionBundle.DamagedException.class)
                .hasMessage("lessons/s1.json is missing");
    }

    private Path write(String name) throws IOException {
        Path file = dir.resolve(name);
        SessionBundle.write(
                file,
                new SessionBundle.Parts(
                        name.substring(0, name.indexOf('.')),
                        "sandbox",
                        STARTED,
                        STARTED.plus(Duration.ofMinutes(12).plusSeconds(5)),
                        List.of("s1", "challenge-forward-drop"),
                        Map.of("lessons", List.of()),
                        new SessionBundle.Summary(
                                List.of(
                                        new SessionBundle.LessonOutcome("s1", false, true, 0),
                                        new SessionBundle.LessonOutcome("challenge-forward-drop", true, false, 3)),
                                4,
                                3,
                                2,
                                0),
                        null,
                        Map.of("001-s1-namespaces", Map.of("namespaces", List.of("docker0"))),
                        Map.of("s1", "{\"id\": \"s1\"}")));
        return file;
    }

    /** A copy of the bundle with one entry changed by {@code edit}, or left out when it is null. */
    private static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
                OutputStream out = Files.newOutputStream(to);
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry each : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(each)) {
                    bytes = in.readAllBytes();
                }
                if (each.getName().equals(entry)) {
                    if (edit == null) {
                        continue;
                    }
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                copy.putNextEntry(new ZipEntry(each.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
    }
}
