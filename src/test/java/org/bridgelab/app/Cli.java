package org.bridgelab.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.lab.ProcessRunner;

/** The packaged command line (target/bridgelab.jar), started as a separate process the way users start it. */
final class Cli {
    static final Path REPO = Path.of(System.getProperty("bridgelab.repo", "."));
    static final Path JAR = REPO.resolve("target/bridgelab.jar");
    private static final ProcessRunner RUNNER = new ProcessRunner();

    private Cli() {}

    static CommandResult run(String... args) {
        return RUNNER.run(argv(List.of(args)), Duration.ofMinutes(5));
    }

    static LiveProcess start(OutputListener listener, String... args) {
        return RUNNER.start(argv(List.of(args)), listener);
    }

    static CommandResult runAs(List<String> prefix, Path jar, String... args) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        argv.addAll(List.of(args));
        return RUNNER.run(argv, Duration.ofMinutes(5));
    }

    private static List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        argv.addAll(args);
        return argv;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
