package org.bridgelab.app;

import java.nio.file.Path;
import java.util.List;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.UserLessons;
import org.bridgelab.session.LabSession;
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
        List<LabHostChoice> labHosts,
        Path lessonFile,
        double zoom,
        /** The --size asked for, or null: as large as the screen has room for ({@link WindowSize#on}). */
        WindowSize size,
        Path replay) {

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
        if (labHosts.size() > 1) {
            // each lab host plays one of a lesson's hosts: only such lessons can run there
            curriculum = curriculum.withHosts(labHosts.size());
            if (curriculum.lessons().isEmpty()) {
                throw new IllegalArgumentException(
                        labHosts.size() + " lab hosts run a lesson with as many hosts of its own; none has");
            }
        }
        if (run != null) {
            target(curriculum);
        }
        return new UserLessons.Loaded(curriculum, own.problems());
    }

    /** How the window opens its lab: on the lab host, or on the lab hosts joined for the curriculum's hosts. */
    LabSession.Opener opener(Curriculum curriculum) {
        if (labHosts.size() == 1) {
            return LabSession.opener(labHosts.get(0), LabSession.Options.WINDOW);
        }
        List<String> hosts = curriculum.lessons().get(0).hosts();
        return note -> LabSession.open(Lab.joined(hosts, labHosts), LabSession.Options.JOINED_WINDOW, note);
    }

    /** What --run names: a lesson's step, its last when only the lesson is named ("s3", "overlay/mtu"). */
    Target target(Curriculum curriculum) {
        String[] parts = run.split("/", 2);
        Lesson lesson = curriculum.lesson(parts[0]);
        if (parts.length == 1) {
            return new Target(lesson, lesson.steps().get(lesson.steps().size() - 1));
        }
        return new Target(
                lesson,
                lesson.steps().stream()
                        .filter(step -> step.id().equals(parts[1]))
                        .findFirst()
                        .orElseThrow(() ->
                                new IllegalArgumentException("lesson " + lesson.id() + " has no step \"" + parts[1]
                                        + "\" (its steps: "
                                        + String.join(
                                                ", ",
                                                lesson.steps().stream()
                                                        .map(Lesson.Step::id)
                                                        .toList())
                                        + ")")));
    }

    record Target(Lesson lesson, Lesson.Step step) {}

    /** The window as {@code bridgelab} alone opens it: the sandbox, the system's language, the light theme. */
    static GuiOptions defaults() {
        return new GuiOptions(null, null, null, Theme.LIGHT, List.of(LabHostChoice.sandbox()), null, 1, null, null);
    }
}
