package org.bridgelab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a state directory of its own ({@code bridgelab.state.dir}: progress, log, notes on real
 * lab hosts) and puts back the build's one afterwards. Register it with {@code @RegisterExtension}.
 */
public final class TemporaryStateDirectory implements BeforeEachCallback, AfterEachCallback {
    private static final String PROPERTY = "bridgelab.state.dir";
    private String before;
    private Path directory;

    /** This test's state directory. */
    public Path path() {
        return directory;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        before = System.getProperty(PROPERTY);
        directory = Files.createTempDirectory("bridgelab-state");
        System.setProperty(PROPERTY, directory.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
