package org.bridgelab.lesson;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.bridgelab.lab.StateDirectory;

/**
 * Where a learner's {@link Progress} is kept: {@code progress.json} in the state directory
 * ({@code $XDG_STATE_HOME/bridgelab}, default {@code ~/.local/state/bridgelab}), written whole or not at
 * all. A file that cannot be read is moved aside and said, never silently lost or overwritten.
 */
public final class ProgressFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ProgressFile(Path file) {
        this.file = file;
    }

    public static ProgressFile standard() {
        return new ProgressFile(StateDirectory.path().resolve("progress.json"));
    }

    public Path path() {
        return file;
    }

    /** What was read, and, when the file could not be read, what happened to it (else null). */
    public record Loaded(Progress progress, String problem) {}

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(Progress.none(), null);
        }
        try {
            return new Loaded(JSON.readValue(file.toFile(), Progress.class), null);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                return new Loaded(
                        Progress.none(),
                        "your saved progress (" + file + ") could not be read, so it starts "
                                + "afresh; the file was kept as " + aside + " (" + e.getMessage() + ")");
            } catch (IOException moveFailed) {
                // the first failure is the one the learner needs; not moving it aside only changes what is said
                return new Loaded(
                        Progress.none(),
                        "your saved progress (" + file + ") could not be read, nor moved "
                                + "aside; it is left as it is and nothing will be saved over it (" + e.getMessage()
                                + ")");
            }
        }
    }

    /** Writes the progress whole (a temporary file moved over the old one). */
    public void save(Progress progress) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "progress", ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), progress);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
