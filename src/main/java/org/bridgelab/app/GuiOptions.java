package org.bridgelab.app;

import java.nio.file.Path;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.UserLessons;
import org.bridgelab.view.Theme;

/**
 * {@code bridgelab gui [--lesson-file FILE] [--run LESSON] [--screenshot FILE.png] [--language en|zh] [--dark | --high-contrast]
 * [--lab-host …]}: with --lesson-file the window also offers a lesson of one's own (and shows it first);
 * with --run it runs the lesson through the GUI as a learner would; with --screenshot it then saves a PNG of
 * the whole window and exits (0 when every step passed).
 */
record GuiOptions(
        String run,
        Path screenshot,
        String language,
        Theme theme,
        LabHostChoice labHost,
        Path lessonFile,
        double zoom,
        int width,
        int height) {

    /**
     * The lessons the window offers: the bundled ones, those in the learner's own lessons folder, and the file's.
     * Read before the window opens, so that a file that cannot be used, or a --run that names no lesson, is said
     * on the terminal with exit 2 (a lesson of the folder that cannot be used is left out, and named among the
     * problems).
     *
     * @throws org.bridgelab.lesson.LessonFormatException naming the file, the field and the problem
     * @throws IllegalArgumentException                   for a --run that names no lesson
     */
    UserLessons.Loaded lessons() {
        UserLessons.Loaded own = UserLessons.load(Curriculum.bundled(), UserLessons.folder());
        Curriculum curriculum =
                lessonFile == null ? own.curriculum() : own.curriculum().with(lessonFile);
        if (run != null) {
            curriculum.lesson(run);
        }
        return new UserLessons.Loaded(curriculum, own.problems());
    }

    /** The window as {@code bridgelab} alone opens it: the sandbox, the system's language, the light theme. */
    static GuiOptions defaults() {
        return new GuiOptions(null, null, null, Theme.LIGHT, LabHostChoice.sandbox(), null, 1, 1366, 768);
    }
}
