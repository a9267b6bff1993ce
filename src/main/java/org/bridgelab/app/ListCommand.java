package org.bridgelab.app;

import java.io.PrintStream;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonFormatException;

/** Prints the curriculum: each lesson's id, title and what it builds on. */
final class ListCommand {
    private ListCommand() {
    }

    static int execute(PrintStream out, PrintStream err) {
        try {
            java.util.List<Lesson> lessons = Curriculum.bundled().lessons();
            int width = lessons.stream().mapToInt(lesson -> lesson.id().length()).max().orElse(10);
            for (Lesson lesson : lessons) {
                out.printf("%-" + width + "s  %s / %s%s%n", lesson.id(), lesson.title().en(), lesson.title().zh(),
                        lesson.requires().isEmpty() ? "" : "  (builds on " + String.join(", ", lesson.requires()) + ")");
            }
            return 0;
        } catch (LessonFormatException e) {
            err.println("bridgelab: " + e.getMessage());
            return 1;
        }
    }
}
