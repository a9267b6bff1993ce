package org.bridgelab.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;

/**
 * Records the traffic of chosen interfaces of the lab host into one pcap file, with
 * {@code tcpdump --immediate-mode -U -w -} per interface streamed back and merged as frames arrive.
 * An interface that does not exist yet (br0 before the lesson creates it) is joined by {@link #refresh()}.
 */
public final class TrafficRecorder implements AutoCloseable {
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
    private static final java.util.regex.Pattern UP_FLAG = java.util.regex.Pattern.compile("[<,]UP[,>]");

    private final LabHost lab;
    private final List<String> wanted;
    private final PcapWriter writer;
    private final Map<String, LiveProcess> captures = new LinkedHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private TrafficRecorder(LabHost lab, List<String> wanted, PcapWriter writer) {
        this.lab = lab;
        this.wanted = List.copyOf(wanted);
        this.writer = writer;
    }

    public static TrafficRecorder start(LabHost lab, Path file, List<String> interfaces) throws IOException {
        TrafficRecorder recorder = new TrafficRecorder(lab, interfaces, new PcapWriter(file));
        recorder.refresh();
        return recorder;
    }

    /** Starts capturing on every wanted interface of the host that now exists, is up, and is not yet captured. */
    public void refresh() {
        wanted.stream().filter(name -> !captures.containsKey(name)).filter(this::isUp).toList().forEach(this::capture);
    }

    /** The interfaces captured so far. */
    public List<String> interfaces() {
        return List.copyOf(captures.keySet());
    }

    /** What went wrong with a capture (tcpdump's own words), if anything. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** tcpdump refuses an interface that is down, so a capture waits until the lesson brings it up. */
    private boolean isUp(String name) {
        var link = lab.run(LabHost.HOST, "ip", "-br", "link", "show", "dev", name);
        return link.succeeded() && UP_FLAG.matcher(link.stdout()).find();
    }

    private void capture(String name) {
        PcapStreamReader reader = new PcapStreamReader(record -> {
            try {
                writer.write(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        OutputStream stream = new OutputStream() {
            private boolean broken;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int from, int length) {
                if (broken) {
                    return;
                }
                try {
                    reader.feed(bytes, from, length);
                } catch (PcapFormatException | UncheckedIOException e) {
                    broken = true;
                    problems.add(name + ": " + e.getMessage());
                }
            }
        };
        LiveProcess tcpdump = lab.startBinary(LabHost.HOST,
                List.of("tcpdump", "--immediate-mode", "-U", "-n", "-w", "-", "-i", name), stream, OutputListener.IGNORE);
        captures.put(name, tcpdump);
        // tcpdump says "listening on" once its socket is open: from then on no frame is missed
        if (!tcpdump.awaitOutput(text -> text.contains("listening on"), LISTEN_TIMEOUT)) {
            problems.add(name + ": tcpdump did not start: " + tcpdump.output().strip());
        }
    }

    /** Stops every capture (Ctrl-C, so tcpdump flushes) and closes the file. */
    @Override
    public void close() throws IOException {
        for (Map.Entry<String, LiveProcess> capture : captures.entrySet()) {
            var result = capture.getValue().stop();
            if (!result.succeeded()) {
                problems.add(capture.getKey() + ": " + result.evidence());
            }
        }
        writer.close();
    }
}
