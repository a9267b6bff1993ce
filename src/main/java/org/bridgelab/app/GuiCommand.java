package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bridgelab.lesson.LessonFormatException;
import org.bridgelab.view.Theme;
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
@Command(
        name = "gui",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Open the window (what bridgelab alone does).",
            "With --run it runs the lesson through the window; with --screenshot it saves a PNG and exits"
                    + " (0 when every step passed)."
        })
final class GuiCommand implements Callable<Integer> {
    @Option(names = "--lesson-file", paramLabel = "FILE", description = "also offer FILE's lesson, shown first")
    Path lessonFile;

    @Option(
            names = "--run",
            paramLabel = "LESSON[/STEP]",
            description = "run the lesson (up to STEP) through the window, as a learner would")
    String run;

    @Option(
            names = "--replay",
            paramLabel = "FILE.bridgelab",
            description = "play a session bundle back (run --bundle, Export session…) without building a lab")
    Path replay;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "then save a picture of the window and exit")
    Path screenshot;

    @Option(names = "--language", paramLabel = "en|zh", description = "the window's language; default the system's")
    String language;

    @Option(names = "--dark", description = "the dark theme")
    boolean dark;

    @Option(names = "--high-contrast", description = "the high-contrast theme (white on black, for a bright room)")
    boolean highContrast;

    @Option(
            names = "--zoom",
            paramLabel = "FACTOR",
            description = "everything this much larger, for a room"
                    + " (0.8 to 2.5; Ctrl + / Ctrl − / Ctrl 0 in the window); default 1")
    double zoom = 1;

    @Option(
            names = "--size",
            paramLabel = "WIDTHxHEIGHT",
            description = "the window's size; default 1366x768, or the whole screen when it is smaller")
    String size;

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
            if (dark && highContrast) {
                throw new IllegalArgumentException("--dark and --high-contrast are two themes: choose one");
            }
            if (zoom < 0.8 || zoom > 2.5) {
                throw new IllegalArgumentException("--zoom is from 0.8 to 2.5, not " + zoom);
            }
            if (screenshot != null) {
                OutputPath.check("--screenshot", screenshot);
            }
            if (replay != null && run != null) {
                throw new IllegalArgumentException("--replay plays a recorded session: it runs nothing (no --run)");
            }
            if (replay != null && !java.nio.file.Files.isReadable(replay)) {
                throw new IllegalArgumentException("--replay: cannot read " + replay);
            }
            String[] dimensions = size == null ? null : size.split("x");
            if (dimensions != null
                    && (dimensions.length != 2
                            || !dimensions[0].matches("\\d{3,4}")
                            || !dimensions[1].matches("\\d{3,4}")
                            || Integer.parseInt(dimensions[0]) < 1000
                            || Integer.parseInt(dimensions[1]) < 600)) {
                throw new IllegalArgumentException("--size is WIDTHxHEIGHT, at least 1000x600, not " + size);
            }
            options = new GuiOptions(
                    run,
                    screenshot,
                    language,
                    dark ? Theme.DARK : highContrast ? Theme.HIGH_CONTRAST : Theme.LIGHT,
                    labHostOptions.choices(),
                    lessonFile,
                    zoom,
                    dimensions == null
                            ? null
                            : WindowSize.asked(Integer.parseInt(dimensions[0]), Integer.parseInt(dimensions[1])),
                    replay);
        } catch (IllegalArgumentException e) {
            throw UsageError.of(spec, e.getMessage());
        }
        try {
            BridgeLabApp.lessons = options.lessons();
            BridgeLabApp.lessons.problems().forEach(problem -> err.println("bridgelab gui: left out " + problem));
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab gui: " + e.getMessage());
            return 2;
        }
        if (System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            err.println("bridgelab: no display to open the window on (DISPLAY is not set). "
                    + "Use `bridgelab run …` on a terminal, or run under Xvfb: xvfb-run ./bridgelab gui");
            return 3;
        }
        BridgeLabApp.options = options;
        javafx.application.Application.launch(BridgeLabApp.class);
        BridgeLabApp.closeLab();
        return BridgeLabApp.exitCode;
    }
}
