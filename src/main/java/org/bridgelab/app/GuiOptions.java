package org.bridgelab.app;

import java.nio.file.Path;
import java.util.List;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;

/**
 * {@code bridgelab gui [--lesson-file FILE] [--run LESSON] [--screenshot FILE.png] [--language en|zh] [--dark]
 * [--lab-host …]}: with --lesson-file the window also offers a lesson of one's own (and shows it first);
 * with --run it runs the lesson through the GUI as a learner would; with --screenshot it then saves a PNG of
 * the whole window and exits (0 when every step passed).
 */
record GuiOptions(String run, Path screenshot, String language, boolean dark, LabHostChoice labHost, Path lessonFile) {

    /**
     * The lessons the window offers: the bundled ones and the file's. Read before the window opens, so that a
     * file that cannot be used, or a --run that names no lesson, is said on the terminal with exit 2.
     *
     * @throws org.bridgelab.lesson.LessonFormatException naming the file, the field and the problem
     * @throws IllegalArgumentException                   for a --run that names no lesson
     */
    Curriculum curriculum() {
        Curriculum curriculum = lessonFile == null ? Curriculum.bundled() : Curriculum.bundled().with(lessonFile);
        if (run != null) {
            curriculum.lesson(run);
        }
        return curriculum;
    }

    static GuiOptions parse(List<String> args) {
        String run = null;
        Path screenshot = null;
        String language = null;
        boolean dark = false;
        boolean yes = false;
        String host = "sandbox";
        Path sshConfig = null;
        Path lessonFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--run" -> run = CliArgs.value(args, ++i, arg);
                case "--screenshot" -> screenshot = Path.of(CliArgs.value(args, ++i, arg));
                case "--language" -> {
                    language = CliArgs.value(args, ++i, arg);
                    if (!List.of("en", "zh").contains(language)) {
                        throw new IllegalArgumentException("--language is en or zh, not " + language);
                    }
                }
                case "--dark" -> dark = true;
                case "--lab-host" -> host = CliArgs.value(args, ++i, arg);
                case "--ssh-config" -> sshConfig = Path.of(CliArgs.value(args, ++i, arg));
                case "--yes-change-this-machine" -> yes = true;
                case "--lesson-file" -> lessonFile = Path.of(CliArgs.value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (screenshot != null) {
            OutputPath.check("--screenshot", screenshot);
        }
        return new GuiOptions(run, screenshot, language, dark, LabHostChoice.parse(host, sshConfig, yes), lessonFile);
    }

}
