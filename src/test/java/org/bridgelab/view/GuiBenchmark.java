package org.bridgelab.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;

/**
 * With the timeline holding 100k packets decoded from recorded captures, prints the time to draw one frame
 * while scrolling. Run under a display (Xvfb): see docs/benchmarks.md (the start time has
 * scripts/start-benchmark).
 */
public final class GuiBenchmark {
    private static final int PACKETS = 100_000;
    private static final int FRAMES = 300;

    public static void main(String[] args) {
        // a plain main class: a JavaFX Application as main class needs JavaFX on the module path
        Application.launch(Window.class, args);
    }

    /** The real main window, empty, as a learner first sees it. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            show(stage);
        }
    }

    private static void show(Stage stage) {
        FxTaskExecutor executor = new FxTaskExecutor();
        I18n i18n = new I18n(I18n.ENGLISH);
        LabViewModel model = new LabViewModel(Curriculum.bundled(), LabHostChoice.sandbox(), executor);
        MainWindow window = new MainWindow(model, i18n);
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        // the start itself is timed through the launcher, as a learner starts it: scripts/start-benchmark
        stage.setOnShown(event -> Platform.runLater(() -> measureScrolling(model, window)));
        stage.show();
    }

    private static void measureScrolling(LabViewModel model, MainWindow window) {
        List<PacketEvent> events = recordedPackets();
        PacketTimelineViewModel packets = model.packets();
        packets.lanes().setAll("docker0", "docker1", "host", "router", "internet", "remote");
        long fill = System.nanoTime();
        packets.showFx(events);
        System.out.printf("timeline filled with %d packets in %d ms%n", packets.rows().size(),
                (System.nanoTime() - fill) / 1_000_000);
        TimelineView timeline = window.timeline();
        double[] millis = new double[FRAMES];
        for (int frame = 0; frame < FRAMES; frame++) {
            int top = (int) ((long) frame * (packets.rows().size() - 40) / FRAMES);
            long started = System.nanoTime();
            timeline.scrollTo(top);
            timeline.draw();
            millis[frame] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("frame while scrolling 100k packets: median %.2f ms, p95 %.2f ms, max %.2f ms (aim: under 16 ms)%n",
                millis[FRAMES / 2], millis[FRAMES * 95 / 100], millis[FRAMES - 1]);
        Platform.exit();
    }

    /** The recorded captures of scenarios 1, 3 and 4, decoded and repeated up to 100k packets. */
    private static List<PacketEvent> recordedPackets() {
        List<PcapRecord> frames = new ArrayList<>();
        for (String fixture : List.of("s1-br0.pcap", "s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            try (InputStream in = PacketDecoder.class.getResourceAsStream(fixture)) {
                byte[] bytes = in.readAllBytes();
                PcapStreamReader reader = new PcapStreamReader(frames::add);
                reader.feed(bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        List<PacketEvent> events = new ArrayList<>(PACKETS);
        CapturePoint point = new CapturePoint("host", "br0");
        for (int i = 0; i < PACKETS; i++) {
            PcapRecord frame = frames.get(i % frames.size());
            events.add(PacketDecoder.decode(point, i, new PcapRecord(frame.timestampNanos() + i * 1000L, frame.data(),
                    frame.originalLength())));
        }
        return events;
    }
}
