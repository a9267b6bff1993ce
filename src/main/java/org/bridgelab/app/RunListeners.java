package org.bridgelab.app;

import java.util.List;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/** Several listeners following one run, each told everything in turn. */
final class RunListeners implements RunListener {
    private final List<RunListener> listeners;

    private RunListeners(List<RunListener> listeners) {
        this.listeners = listeners;
    }

    static RunListener of(RunListener... listeners) {
        return new RunListeners(List.of(listeners));
    }

    @Override
    public void lessonStarted(Lesson lesson) {
        listeners.forEach(l -> l.lessonStarted(lesson));
    }

    @Override
    public void stepStarted(Lesson lesson, Lesson.Step step) {
        listeners.forEach(l -> l.stepStarted(lesson, step));
    }

    @Override
    public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
        listeners.forEach(l -> l.actionFinished(lesson, step, report));
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        listeners.forEach(l -> l.stepFinished(lesson, report));
    }

    @Override
    public void backgroundStarted(String name, String command, org.bridgelab.lesson.BackgroundCommand process) {
        listeners.forEach(l -> l.backgroundStarted(name, command, process));
    }

    @Override
    public void backgroundOutput(String process, String line) {
        listeners.forEach(l -> l.backgroundOutput(process, line));
    }
}
