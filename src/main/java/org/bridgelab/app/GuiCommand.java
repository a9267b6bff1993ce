package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bridgelab.lesson.LessonFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab gui}: opens the window; returns when it closes (with --screenshot: after saving the
 * picture). Everything that can be wrong with the command line or the lesson file is said on the terminal
 * before the toolkit starts.
 */
@Command(name = "gui", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Open the window (what bridgelab alone does).",
                "With --run it runs the lesson through the window; with --screenshot it saves a PNG and exits"
                        + " (0 when every step passed)."})
final class GuiCommand implements Callable<Integer> {
    @Option(names = "--lesson-file", paramLabel = "FILE", description = "also offer FILE's lesson, shown first")
    Path lessonFile;

    @Option(names = "--run", paramLabel = "LESSON", description = "run the lesson through the window, as a learner would")
    String run;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "then save a picture of the window and exit")
    Path screenshot;

    @Option(names = "--language", paramLabel = "en|zh", description = "the window's language; default the system's")
    String language;

    @Option(names = "--dark", description = "the dark theme")
    boolean dark;

    @Mixin
    LabHostOptions labHostOptions = new LabHostOptions();

    @Spec
    CommandSpec spec;

    private final PrintStream err;

    GuiCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        GuiOptions options;
        try {
            if (language != null && !List.of("en", "zh").contains(language)) {
                throw new IllegalArgumentException("--language is en or zh, not " + language);
            }
            if (screenshot != null) {
                OutputPath.check("--screenshot", screenshot);
            }
            options = new GuiOptions(run, screenshot, language, dark, labHostOptions.choice(), lessonFile);
        } catch (IllegalArgumentException e) {
            throw UsageError.of(spec, e.getMessage());
        }
        try {
            BridgeLabApp.curriculum = options.curriculum();
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab gui: " + e.getMessage());
            return 2;
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            err.println("bridgelab: no display to open the window on (DISPLAY is not set). "
                    + "Use `bridgelab run …` on a terminal, or run under Xvfb: xvfb-run ./bridgelab gui");
            return 3;
        }
        BridgeLabApp.options = options;
        javafx.application.Application.launch(BridgeLabApp.class);
        return BridgeLabApp.exitCode;
    }
}
