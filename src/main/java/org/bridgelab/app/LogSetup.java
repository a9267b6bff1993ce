package org.bridgelab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.StateDirectory;

/**
 * Where BridgeLab's log goes, set before the first logger exists (slf4j-simple reads its system properties
 * once): to {@code bridgelab.log} in the state directory, or with {@code --verbose} (any command) to stderr
 * with the debug lines too. What a learner must know is said on the terminal or in the window; the log is
 * for what went wrong quietly (a capture that could not start, a trace line not understood).
 */
final class LogSetup {
    static final String VERBOSE = "--verbose";
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {}

    /** Configures the log and returns the arguments without {@code --verbose}. */
    static List<String> configure(List<String> args) {
        boolean verbose = args.contains(VERBOSE);
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("showShortLogName", "true");
        if (verbose) {
            setDefault("logFile", "System.err");
            setDefault("defaultLogLevel", "debug");
        } else {
            setDefault("logFile", logFile().map(Path::toString).orElse("System.err"));
            setDefault("defaultLogLevel", logFile().isPresent() ? "info" : "warn");
        }
        List<String> rest = new ArrayList<>(args);
        rest.removeIf(VERBOSE::equals);
        return rest;
    }

    /** The log file, its directory made if need be; empty if it cannot be (the log then goes to stderr, warnings only). */
    static java.util.Optional<Path> logFile() {
        Path file = StateDirectory.path().resolve("bridgelab.log");
        try {
            Files.createDirectories(file.getParent());
            return Files.isWritable(file.getParent()) ? java.util.Optional.of(file) : java.util.Optional.empty();
        } catch (IOException | SecurityException e) {
            // no file to log to: the log goes to stderr, which is where a warning about it would go too
            return java.util.Optional.empty();
        }
    }

    /** A setting given on the command line (-Dorg.slf4j.simpleLogger.…) wins. */
    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
