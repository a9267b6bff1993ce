package org.bridgelab.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.UserLessons;
import org.bridgelab.session.LabSession;
import org.bridgelab.view.FxTaskExecutor;
import org.bridgelab.view.I18n;
import org.bridgelab.view.LabViewModel;
import org.bridgelab.view.LessonViewModel;
import org.bridgelab.view.MainWindow;
import org.bridgelab.view.Resources;
import org.bridgelab.view.StepState;
import org.bridgelab.view.ZoomPane;
import org.bridgelab.words.Phrase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop application: wires the lab's view model to the main window and starts the sandbox. */
public final class BridgeLabApp extends Application {
    static volatile int exitCode;
    /** The window's lab as it closed, for {@link #closeLab()}. */
    private static volatile LabSession left;
    /**
     * The lessons (bundled, the learner's own folder's and a --lesson-file), read and checked by {@link GuiCommand}
     * before the toolkit starts; read here if it did not.
     */
    static volatile UserLessons.Loaded lessons;
    /** The window's options, parsed by {@link GuiCommand} before the toolkit starts. */
    static volatile GuiOptions options = GuiOptions.defaults();
    /** Set by scripts/start-benchmark: report when the window is shown, then close it. */
    private static final Logger LOG = LoggerFactory.getLogger(BridgeLabApp.class);

    private static final String EXIT_WHEN_SHOWN = "bridgelab.exitWhenShown";
    /**
     * A file the launcher names, made once the window is shown: the class-data archive this start writes at
     * exit holds the window's classes only then (a start without a display ends before the toolkit loads
     * them, and its small archive would slow every later start).
     */
    private static final String SHOWN_MARKER = "bridgelab.shownMarker";

    private final FxTaskExecutor executor = new FxTaskExecutor();
    private LabViewModel model;

    @Override
    public void start(Stage stage) {
        GuiOptions options = BridgeLabApp.options;
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> Platform.runLater(() -> showError(error)));
        I18n i18n = options.language() == null ? I18n.fromSystemLocale() : new I18n(options.language());
        UserLessons.Loaded lessons = BridgeLabApp.lessons != null ? BridgeLabApp.lessons : options.lessons();
        Curriculum curriculum = lessons.curriculum();
        model = new LabViewModel(curriculum, options.opener(curriculum), executor);
        MainWindow window = new MainWindow(model, i18n);
        ZoomPane zoomed = new ZoomPane(window);
        zoomed.zoomProperty().set(options.zoom());
        window.timeline().renderScaleProperty().bind(zoomed.zoomProperty());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        WindowSize size = WindowSize.on(screen.getWidth(), screen.getHeight(), options.size());
        Scene scene = new Scene(zoomed, size.width(), size.height());
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.hostBar().themeProperty().set(options.theme());
        window.installShortcuts(scene);
        zoomed.installShortcuts(scene);
        stage.titleProperty().bind(i18n.text("app.title"));
        stage.setMinWidth(size.minWidth(screen.getWidth()));
        stage.setMinHeight(size.minHeight(screen.getHeight()));
        stage.setMaximized(size.maximized());
        stage.setScene(scene);
        String shownMarker = System.getProperty(SHOWN_MARKER);
        if (shownMarker != null) {
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> markShown(Path.of(shownMarker)));
        }
        if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
            stage.setOnShown(event -> {
                // from the process's start, read from /proc (the installed app's runtime has no java.management)
                System.err.printf("window shown %d ms after the process started%n", ProcessAge.millis());
                Platform.exit();
            });
        }
        stage.show();
        lessons.problems().forEach(problem -> model.console().note(Phrase.of("console.lesson-left-out", problem)));
        if (options.replay() != null) {
            model.replay(options.replay());
            if (options.screenshot() != null) {
                shootWhenIdle(scene, options);
            }
        } else {
            model.connect();
            if (options.run() == null && options.screenshot() != null) {
                // nothing to run: the picture once the lab is connected and drawn
                shootWhenIdle(scene, options);
            }
        }
        if (options.lessonFile() != null) {
            // a lesson file may come from anyone: what it will run is said before anything runs, and it is shown
            Lesson own = curriculum.lessons().stream()
                    .filter(lesson -> options.lessonFile().toString().equals(lesson.source()))
                    .findFirst()
                    .orElseThrow();
            model.console().note(LessonViewModel.programsOf(own));
            if (options.run() == null) {
                window.lessons().select(own, own.steps().get(0));
            }
        }
        if (options.run() != null) {
            runThenMaybeShoot(options.target(curriculum), window, scene, options);
        }
    }

    /** Runs the lesson once the lab is connected, then saves the screenshot and exits when asked to. */
    private void runThenMaybeShoot(GuiOptions.Target target, MainWindow window, Scene scene, GuiOptions options) {
        Lesson lesson = target.lesson();
        window.lessons().select(lesson, target.step());
        ChangeListener<Boolean> whenIdle = new ChangeListener<>() {
            private boolean started;

            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean busy) {
                if (busy) {
                    return;
                }
                if (!started && model.connectedProperty().get()) {
                    started = true;
                    model.lessons().runStep(lesson, target.step());
                } else if (started) {
                    model.busyProperty().removeListener(this);
                    boolean passed = lesson.steps().subList(0, lesson.steps().indexOf(target.step()) + 1).stream()
                            .allMatch(step -> model.lessons().state(lesson, step) == StepState.PASSED);
                    exitCode = passed ? 0 : 1;
                    if (options.screenshot() != null) {
                        // one more pulse so the last snapshot is laid out before the picture is taken
                        Platform.runLater(() -> Platform.runLater(() -> shoot(scene, options)));
                    }
                } else {
                    exitCode = 3;
                    if (options.screenshot() != null) {
                        shoot(scene, options);
                    }
                }
            }
        };
        model.busyProperty().addListener(whenIdle);
    }

    /** The picture once the window is idle (a replay shown, a lab connected); exit 3 if that failed. */
    private void shootWhenIdle(Scene scene, GuiOptions options) {
        model.busyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean busy) {
                if (!busy) {
                    model.busyProperty().removeListener(this);
                    exitCode = model.problemProperty().get().isEmpty() ? 0 : 3;
                    Platform.runLater(() -> Platform.runLater(() -> shoot(scene, options)));
                }
            }
        });
    }

    private void shoot(Scene scene, GuiOptions options) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(options.screenshot()))) {
            PngFile.write(width, height, pixels, file);
            System.err.println("screenshot written to " + options.screenshot());
        } catch (IOException e) {
            System.err.println("bridgelab: cannot write " + options.screenshot() + ": " + e.getMessage());
            exitCode = 3;
        }
        Platform.exit();
    }

    private static void showError(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(error.getMessage()));
        alert.setHeaderText("Something went wrong in BridgeLab");
        alert.getDialogPane().setExpandableContent(new TextArea(trace.toString()));
        alert.show();
    }

    @Override
    public void stop() {
        if (model != null) {
            left = model.detach();
        }
        executor.close();
    }

    /**
     * Closes the lab the window had, once the window is gone (from the thread that launched it): on a real lab
     * host this removes what the lessons built there, which the window's worker, stopped with the window, could
     * not be trusted to finish.
     */
    static void closeLab() {
        LabSession lab = left;
        left = null;
        if (lab != null) {
            lab.close();
        }
    }

    private static void markShown(Path marker) {
        try {
            Files.writeString(marker, "shown\n");
        } catch (IOException e) {
            // the launcher then keeps no archive from this start: the next one writes it again
            LOG.warn("could not mark the window shown in {}: {}", marker, e.getMessage());
        }
    }
}
