package org.bridgelab.lesson;

import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;

/**
 * Runs lessons from start to end on a lab host, each in its own {@link LessonSession}. A run stops at the
 * first step that fails, since later steps build on it.
 */
public final class LessonRunner {
    private final LabHost lab;
    private final RunListener listener;
    private final boolean modern;

    public LessonRunner(LabHost lab, RunListener listener) {
        this(lab, listener, false);
    }

    /** With {@code modern}, every command that has a modern form is run in that form instead. */
    public LessonRunner(LabHost lab, RunListener listener, boolean modern) {
        this.lab = lab;
        this.listener = listener;
        this.modern = modern;
    }

    /**
     * A challenge is proved, not solved: its fault is set up, the goal must then fail, its solution is applied,
     * and the goal must then pass. A challenge whose fault breaks nothing, or whose solution repairs nothing,
     * fails here, before any learner meets it.
     */
    private static void prove(LessonSession session) {
        Lesson lesson = session.lesson();
        if (session.runStep(lesson.steps().get(0)).passed()
                && session.runGoalOnTheBrokenLab().passed()
                && session.runSolution().passed()) {
            session.runStep(lesson.goal());
        }
    }

    public RunReport run(List<Lesson> lessons) {
        List<RunReport.LessonReport> reports = new ArrayList<>();
        for (Lesson lesson : lessons) {
            try (LessonSession session = new LessonSession(lab, lesson, listener, modern)) {
                try {
                    if (lesson.isChallenge()) {
                        prove(session);
                    } else {
                        for (Lesson.Step step : lesson.steps()) {
                            if (!session.runStep(step).passed()) {
                                break;
                            }
                        }
                    }
                } catch (LabException e) {
                    reports.add(session.report());
                    return new RunReport(lab.description(), reports, e.getMessage());
                }
                reports.add(session.report());
            }
            if (!reports.get(reports.size() - 1).passed()) {
                break;
            }
        }
        return new RunReport(lab.description(), reports, null);
    }
}
