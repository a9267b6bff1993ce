package org.bridgelab.app;

import java.nio.file.Path;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;

/**
 * {@code bridgelab gui [--lesson-file FILE] [--run LESSON] [--screenshot FILE.png] [--language en|zh] [--dark]
 * [--lab-host …]}: with --lesson-file the window also offers a lesson of one's own (and shows it first);
 * with --run it runs the lesson through the GUI as a learner would; with --screenshot it then saves a PNG of
 * the whole window and exits (0 when every step passed).
 */
record GuiOptions(
        String run,
        Path screenshot,
        String language,
        boolean dark,
        LabHostChoice labHost,
        Path lessonFile,
        double zoom,
        int width,
        int height) {

    /**
     * The lessons the window offers: the bundled ones and the file's. Read before the window opens, so that a
     * file that cannot be used, or a --run that names no lesson, is said on the terminal with exit 2.
     *
     * @throws org.bridgelab.lesson.LessonFormatException naming the file, the field and the problem
     * @throws IllegalArgumentException                   for a --run that names no lesson
     */
    Curriculum curriculum() {
        Curriculum curriculum =
                lessonFile == null ? Curriculum.bundled() : Curriculum.bundled().with(lessonFile);
        if (run != null) {
            curriculum.lesson(run);
        }
        return curriculum;
    }

    /** The window as {@code bridgelab} alone opens it: the sandbox, the system's language, the light theme. */
    static GuiOptions defaults() {
        return new GuiOptions(null, null, null, false, LabHostChoice.sandbox(), null, 1, 1366, 768);
    }
}
