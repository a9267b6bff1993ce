package org.bridgelab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a real lab host's {@link HostBaseline} is kept on this machine while BridgeLab uses the host:
 * {@code $XDG_STATE_HOME/bridgelab/lab-hosts/KEY.json} (default {@code ~/.local/state}), one per host
 * ({@code local}, {@code ssh-DEST}). It exists from the moment BridgeLab starts building there until it
 * has removed what it built; found at the next start, it says a run was cut short.
 */
final class BaselineFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private BaselineFile(Path file) {
        this.file = file;
    }

    static BaselineFile of(LabHostChoice choice) {
        String key = "ssh".equals(choice.kind())
                ? "ssh-" + choice.sshDestination().replaceAll("[^A-Za-z0-9._@-]", "_")
                : choice.kind();
        return new BaselineFile(StateDirectory.path().resolve("lab-hosts").resolve(key + ".json"));
    }

    Path path() {
        return file;
    }

    /**
     * The baseline a cut-short run left, if any. A file that cannot be read is moved aside (never deleted)
     * and said in the exception, so that nothing is removed on a guess.
     */
    Optional<HostBaseline> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), HostBaseline.class));
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                e.addSuppressed(moveFailed);
            }
            throw new LabException(
                    "the record of what BridgeLab built on this lab host (" + file + ") cannot be read, "
                            + "so nothing was removed; it was moved to " + aside + " (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Written whole or not at all (a temporary file moved over it). */
    void save(HostBaseline baseline) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), baseline);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException(
                    "cannot keep the record of what BridgeLab builds on this lab host in " + file + ": "
                            + e.getMessage() + " (nothing was built)",
                    e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LabException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
