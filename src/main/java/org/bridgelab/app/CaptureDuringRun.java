package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.bridgelab.capture.TrafficRecorder;
import org.bridgelab.lab.Lab;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;

/** {@code --capture}: records br0 and the host's uplink, joining br0 after the step that creates it. */
final class CaptureDuringRun implements RunListener, AutoCloseable {
    private final TrafficRecorder recorder;
    private final PrintStream err;

    private CaptureDuringRun(TrafficRecorder recorder, PrintStream err) {
        this.recorder = recorder;
        this.err = err;
    }

    /** A capture of the run into {@code file}, or one that does nothing when no file was asked for. */
    static CaptureDuringRun start(Lab lab, Path file, PrintStream err) throws IOException {
        if (file == null) {
            return new CaptureDuringRun(null, err);
        }
        return new CaptureDuringRun(TrafficRecorder.start(lab.host(), file, List.of("br0", lab.world().uplink())), err);
    }

    @Override
    public void stepFinished(Lesson lesson, RunReport.StepReport report) {
        if (recorder != null) {
            recorder.refresh();
        }
    }

    @Override
    public void close() throws IOException {
        if (recorder != null) {
            recorder.close();
            err.println("captured on: " + String.join(", ", recorder.interfaces()));
            recorder.problems().forEach(problem -> err.println("capture problem: " + problem));
        }
    }
}
