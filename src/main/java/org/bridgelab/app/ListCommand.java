package org.bridgelab.app;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;
import picocli.CommandLine.Command;

/** Prints the curriculum: each lesson's id, title and what it builds on. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "List the lessons: id, title in English and Chinese, what each builds on.")
final class ListCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    ListCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            java.util.List<Lesson> lessons = Curriculum.bundled().lessons();
            int width = lessons.stream()
                    .mapToInt(lesson -> lesson.id().length())
                    .max()
                    .orElse(10);
            for (Lesson lesson : lessons) {
                out.printf(
                        "%-" + width + "s  %s / %s%s%n",
                        lesson.id(),
                        lesson.title().en(),
                        lesson.title().zh(),
                        lesson.requires().isEmpty()
                                ? ""
                                : "  (builds on " + String.join(", ", lesson.requires()) + ")");
            }
            return 0;
        } catch (LessonFormatException e) {
            err.println("bridgelab: " + e.getMessage());
            return 1;
        }
    }
}
