package org.bridgelab.lesson;

/** Follows a run as it happens (the CLI prints, the GUI redraws, captures join new interfaces). */
public interface RunListener {
    default void lessonStarted(Lesson lesson) {}

    default void stepStarted(Lesson lesson, Lesson.Step step) {}

    default void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {}

    /** After every step, when the kernel's state may have changed. */
    default void stepFinished(Lesson lesson, RunReport.StepReport report) {}

    /** A background command (a server, a capture) has started; the GUI gives it a console tab. */
    default void backgroundStarted(String name, String command, BackgroundCommand process) {}

    /** A line printed by a background command (a server, a capture). */
    default void backgroundOutput(String process, String line) {}

    RunListener NONE = new RunListener() {};
}
