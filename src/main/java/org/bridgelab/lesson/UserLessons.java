package org.bridgelab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A learner's or an instructor's own lessons, kept in a folder the window lists beside the built-in ones:
 * {@code -Dbridgelab.lessons.dir}, else {@code $XDG_DATA_HOME/bridgelab/lessons}, else
 * {@code ~/.local/share/bridgelab/lessons}. Every {@code *.json} file there is a lesson.
 */
public final class UserLessons {
    private UserLessons() {}

    /** The curriculum with the folder's lessons, and one line for each file that could not be used. */
    public record Loaded(Curriculum curriculum, List<String> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    public static Path folder() {
        String configured = System.getProperty("bridgelab.lessons.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("bridgelab").resolve("lessons");
    }

    /**
     * {@code curriculum} with every lesson in {@code folder} (none if there is no such folder). A lesson may
     * build on another of the folder's: files are taken again until none more can be, so their names need no
     * order; a file that still cannot be used is named with its field and problem, and the rest load.
     */
    public static Loaded load(Curriculum curriculum, Path folder) {
        if (!Files.isDirectory(folder)) {
            return new Loaded(curriculum, List.of());
        }
        List<Path> waiting;
        try (Stream<Path> files = Files.list(folder)) {
            waiting = new ArrayList<>(files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            return new Loaded(curriculum, List.of(folder + ": cannot list the folder: " + e.getMessage()));
        }
        Curriculum loaded = curriculum;
        List<String> problems = new ArrayList<>();
        boolean progress = true;
        while (progress && !waiting.isEmpty()) {
            progress = false;
            problems.clear();
            for (Path file : List.copyOf(waiting)) {
                try {
                    loaded = loaded.with(file);
                    waiting.remove(file);
                    progress = true;
                } catch (LessonFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new Loaded(loaded, problems);
    }
}
