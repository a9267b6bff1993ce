package org.bridgelab.view;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javax.management.ObjectName;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;
import org.bridgelab.lesson.Curriculum;

/**
 * The real main window under a display (Xvfb), its timeline filled with packets decoded from recorded
 * captures, timed as a learner feels it: real frames, from pulse to pulse. With JavaFX's 60 Hz pulse cap
 * lifted ({@code javafx.animation.fullspeed}), the time between two pulses is what a frame really costs:
 * event handling, the canvas drawn, layout, CSS and the render thread painting it. Prints, side by side in
 * one run, pulses while the mouse wheel scrolls 100k rows (one notch, three rows, every pulse) and idle
 * pulses of the same window (the baseline); then the heap with 1M packets in the timeline and the time to
 * fill it, and frames while scrolling those. Prints figures only; see docs/benchmarks.md (the start time
 * has scripts/start-benchmark).
 */
public final class GuiBenchmark {
    private static final int PACKETS = 100_000;
    private static final int MANY_PACKETS = 1_000_000;
    private static final int WARM_UP_PULSES = 300;
    /** Idle and scrolling alternate in blocks, so that a change of the machine's load hits both alike. */
    private static final int BLOCKS = 4;

    private static final int PULSES_PER_BLOCK = 250;
    private static final int BATCH = 10_000;
    private static final long FIRST_TIMESTAMP = 1_764_400_000_000_000_000L;

    public static void main(String[] args) {
        // no 60 Hz cap (a pulse timer of 1 ms), unless the command line says otherwise: a pulse's interval is
        // then the frame's real cost; read before the toolkit starts
        if (System.getProperty("javafx.animation.fullspeed") == null
                && System.getProperty("javafx.animation.pulse") == null) {
            System.setProperty("javafx.animation.fullspeed", "true");
        }
        // an OutOfMemoryError (run with -Xmx512m) ends the run instead of leaving the window open
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            error.printStackTrace();
            Runtime.getRuntime().halt(1);
        });
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
        LabViewModel model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, executor);
        MainWindow window = new MainWindow(model, i18n);
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        // the start itself is timed through the launcher, as a learner starts it: scripts/start-benchmark
        stage.setOnShown(event -> Platform.runLater(() -> new Run(model.packets(), window.timeline()).start()));
        stage.show();
    }

    /** The measurements, one after the other, on the FX thread. */
    private static final class Run {
        private final PacketTimelineViewModel packets;
        private final TimelineView timeline;
        private final List<PcapRecord> frames = recordedFrames();
        private final Robot robot = new Robot();
        private PacketStore store;

        Run(PacketTimelineViewModel packets, TimelineView timeline) {
            this.packets = packets;
            this.timeline = timeline;
        }

        void start() {
            System.out.printf(
                    "pulses: javafx.animation.fullspeed=%s javafx.animation.pulse=%s; %d cores, load %.2f%n",
                    System.getProperty("javafx.animation.fullspeed"),
                    System.getProperty("javafx.animation.pulse"),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long emptyHeap = usedHeapAfterGc();
            System.out.printf(
                    "heap of the empty window: %.1f MB used after GC (max heap %d MB)%n",
                    emptyHeap / 1e6, Runtime.getRuntime().maxMemory() / (1 << 20));
            packets.lanes().setAll("docker0", "docker1", "host", "router", "internet", "remote");
            newStore();
            fill(decoded(0, PACKETS));
            Point2D middle = canvas().localToScreen(canvas().getWidth() / 2, canvas().getHeight() / 2);
            robot.mouseMove(middle);
            timeline.scrollTo(0);
            measureFrames(PACKETS, () -> measureMany(emptyHeap));
        }

        /** The timeline with 1M packets: heap, fill time, and frames while scrolling them. */
        private void measureMany(long emptyHeap) {
            packets.clear();
            newStore();
            // in batches, as the capture delivers them: a list of 1M decoded events would itself take ~475 MB
            long showing = 0;
            for (int first = 0; first < MANY_PACKETS; first += BATCH) {
                List<PacketEvent> batch = decoded(first, BATCH);
                long started = System.nanoTime();
                packets.showFx(batch);
                showing += System.nanoTime() - started;
            }
            System.out.printf(
                    "timeline filled with %d packets in %d ms (batches of %d)%n",
                    packets.rows().size(), showing / 1_000_000, BATCH);
            long used = usedHeapAfterGc();
            System.out.printf(
                    "heap with %d packets in the timeline: %.1f MB used after GC, %.1f MB more than the empty window (max heap %d MB)%n",
                    packets.rows().size(),
                    used / 1e6,
                    (used - emptyHeap) / 1e6,
                    Runtime.getRuntime().maxMemory() / (1 << 20));
            if (Boolean.getBoolean("bench.histogram")) {
                printHistogram();
            }
            timeline.scrollTo(0);
            measureFrames(MANY_PACKETS, Platform::exit);
        }

        private void fill(List<PacketEvent> events) {
            long started = System.nanoTime();
            packets.showFx(events);
            System.out.printf(
                    "timeline filled with %d packets in %d ms%n",
                    packets.rows().size(), (System.nanoTime() - started) / 1_000_000);
        }

        /**
         * Times pulse-to-pulse intervals: a warm-up while scrolling, then blocks of idle pulses and of pulses
         * that each turn the mouse wheel one notch over the timeline (a real scroll event through the X server).
         */
        private void measureFrames(int rows, Runnable then) {
            double[] idle = new double[BLOCKS * PULSES_PER_BLOCK];
            double[] scrolling = new double[BLOCKS * PULSES_PER_BLOCK];
            ScrollBar bar = scrollBar();
            double topBefore = bar.getValue();
            new AnimationTimer() {
                private int pulse = -WARM_UP_PULSES;
                private long previous;

                @Override
                public void handle(long now) {
                    if (pulse >= 0 && previous != 0) {
                        int block = pulse / PULSES_PER_BLOCK;
                        double[] into = block % 2 == 0 ? idle : scrolling;
                        into[(block / 2) * PULSES_PER_BLOCK + pulse % PULSES_PER_BLOCK] = (now - previous) / 1e6;
                    }
                    previous = now;
                    pulse++;
                    if (pulse == 2 * BLOCKS * PULSES_PER_BLOCK) {
                        stop();
                        System.out.printf("%-32s %s%n", "idle pulses, " + rows + " rows:", summary(idle));
                        System.out.printf(
                                "%-32s %s (scrolled rows %.0f → %.0f)%n",
                                "scrolling " + rows + " rows:", summary(scrolling), topBefore, bar.getValue());
                        then.run();
                        return;
                    }
                    // the pulse after this one belongs to a scrolling block (or the warm-up): a wheel notch now
                    int next = pulse;
                    if (next < 0 || (next / PULSES_PER_BLOCK) % 2 == 1) {
                        robot.mouseWheel(1);
                    }
                }
            }.start();
        }

        private Canvas canvas() {
            return (Canvas) descendants(timeline).stream()
                    .filter(Canvas.class::isInstance)
                    .findFirst()
                    .orElseThrow();
        }

        /** The timeline's own scroll bar: the vertical one beside its canvas. */
        private ScrollBar scrollBar() {
            Node lanes = canvas().getParent().getParent();
            return (ScrollBar) descendants(lanes).stream()
                    .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL)
                    .findFirst()
                    .orElseThrow();
        }

        private List<PacketEvent> decoded(int from, int count) {
            // as the capture keeps and decodes them: each frame in the store, each packet its own strings; in
            // kernel order, 10 µs apart
            List<PacketEvent> events = new ArrayList<>(count);
            CapturePoint point = new CapturePoint("host", "br0");
            for (int i = from; i < from + count; i++) {
                PcapRecord frame = frames.get(i % frames.size());
                PcapRecord captured =
                        new PcapRecord(FIRST_TIMESTAMP + i * 10_000L, frame.data(), frame.originalLength());
                long sequence = store.append(point, captured, i + 1L);
                events.add(PacketDecoder.decode(point, sequence, captured).withTravel(i + 1L));
            }
            return events;
        }

        /** A fresh store, as a new capture session brings: the window's rows read their packets from it. */
        private void newStore() {
            store = PacketStore.standard();
            packets.attach(store);
        }
    }

    private static String summary(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(
                "median %6.2f ms, p95 %6.2f ms, max %6.2f ms (%d frames)",
                sorted[sorted.length / 2], sorted[sorted.length * 95 / 100], sorted[sorted.length - 1], sorted.length);
    }

    private static List<Node> descendants(Node root) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof javafx.scene.Parent parent) {
                nodes.addAll(parent.getChildrenUnmodifiable());
            }
        }
        return nodes;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Where the heap goes: the JVM's class histogram (jcmd GC.class_histogram), its first lines. */
    private static void printHistogram() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
            histogram.lines().limit(18).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            System.out.println("no class histogram: " + e.getMessage());
        }
    }

    /** The recorded captures of scenarios 1, 3 and 4. */
    private static List<PcapRecord> recordedFrames() {
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
        return frames;
    }
}
