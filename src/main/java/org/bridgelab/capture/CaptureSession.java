package org.bridgelab.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;

/**
 * Live capture on any interfaces of a lab, several at once: one {@code tcpdump --immediate-mode -U -w -}
 * per {@link CapturePoint}, run through the lab host, its pcap stream decoded as frames arrive. Every frame
 * is kept in a {@link PacketStore}, correlated ({@link PacketCorrelator}: one packet travelling, NAT pairs)
 * and handed to the listeners. Optionally traces netfilter ({@link NetfilterTracer}).
 */
public final class CaptureSession implements AutoCloseable {
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern UP_FLAG = Pattern.compile("[<,]UP[,>]");
    /** How long the wire must stay silent before a closing session stops tcpdump, and the most it waits. */
    private static final Duration QUIET = Duration.ofMillis(100);

    private static final Duration MOST_DRAIN = Duration.ofSeconds(1);

    private final LabHost lab;
    private final PacketStore store;
    private final PacketCorrelator correlator = new PacketCorrelator();
    private final List<PacketListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<CapturePoint, LiveProcess> captures = new LinkedHashMap<>();
    /** Every point ever started, running or not: an export declares them all, framed or not. */
    private final Set<CapturePoint> started = new LinkedHashSet<>();
    /** The interface an export declares when no point was ever started, so that the file is still valid. */
    static final CapturePoint NONE = new CapturePoint("none", "none");

    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> endings = Collections.synchronizedList(new ArrayList<>());
    private NetfilterTracer tracer;
    private long lastFrameAt = System.nanoTime();

    public CaptureSession(LabHost lab) {
        this(lab, PacketStore.standard());
    }

    public CaptureSession(LabHost lab, PacketStore store) {
        this.lab = lab;
        this.store = store;
    }

    /** Follows every frame from now on; returns a handle that stops following. */
    public AutoCloseable subscribe(PacketListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether the interface exists and is up: tcpdump refuses one that is down. */
    public boolean isUp(CapturePoint point) {
        CommandResult link = lab.run(point.node(), "ip", "-br", "link", "show", "dev", point.iface());
        return link.succeeded() && UP_FLAG.matcher(link.stdout()).find();
    }

    /**
     * Starts capturing at a point and returns once tcpdump listens (from then on no frame is missed).
     * Starting a point already captured does nothing; a point whose capture ended (its interface was
     * deleted, say) is captured again.
     *
     * @throws CaptureException with tcpdump's own words if it does not start
     */
    public void start(CapturePoint point) {
        synchronized (captures) {
            LiveProcess running = captures.get(point);
            if (running != null && running.isAlive()) {
                return;
            }
            captures.remove(point);
            PcapStreamReader reader = new PcapStreamReader(record -> ingest(point, record));
            LiveProcess tcpdump = lab.startBinary(
                    point.node(),
                    List.of(
                            "tcpdump",
                            "--immediate-mode",
                            "-U",
                            "-n",
                            "--time-stamp-precision=nano",
                            "-w",
                            "-",
                            "-i",
                            point.iface()),
                    new Feed(point, reader),
                    (stream, line) -> {});
            if (!tcpdump.awaitOutput(text -> text.contains("listening on"), LISTEN_TIMEOUT)) {
                String why = tcpdump.stop().evidence();
                throw new CaptureException(
                        "cannot capture on " + point + ": " + (why.isEmpty() ? "tcpdump did not start" : why));
            }
            captures.put(point, tcpdump);
            started.add(point);
            tcpdump.onEnd(() -> ended(point, tcpdump));
        }
    }

    /** A capture that ended by itself, not by {@link #stop}: noted with tcpdump's last words. */
    private void ended(CapturePoint point, LiveProcess tcpdump) {
        synchronized (captures) {
            if (captures.get(point) != tcpdump) {
                return;
            }
        }
        // tcpdump says why ("tcpdump: pcap_loop: The interface disappeared"), then prints its statistics
        List<String> lines = tcpdump.output().strip().lines().toList();
        String words = lines.stream()
                .filter(line -> line.startsWith("tcpdump:"))
                .reduce((first, second) -> second)
                .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        endings.add("capture on " + point + " ended" + (words.isEmpty() ? "" : ": " + words));
    }

    /** Stops one point (Ctrl-C, so tcpdump flushes what it has). */
    public void stop(CapturePoint point) {
        stopAll(List.of(point));
    }

    /** Stops these points, Ctrl-C sent to all their tcpdumps at once; a tcpdump that ends in error is a problem. */
    private void stopAll(List<CapturePoint> points) {
        Map<CapturePoint, LiveProcess> stopping = new LinkedHashMap<>();
        synchronized (captures) {
            points.forEach(point -> Optional.ofNullable(captures.remove(point))
                    .filter(LiveProcess::isAlive)
                    .ifPresent(tcpdump -> stopping.put(point, tcpdump)));
        }
        List<CapturePoint> stopped = List.copyOf(stopping.keySet());
        List<CommandResult> results = LiveProcess.stopAll(List.copyOf(stopping.values()));
        for (int i = 0; i < stopped.size(); i++) {
            CommandResult result = results.get(i);
            if (!result.succeeded() && result.exitCode() != 130) {
                problems.add(stopped.get(i) + ": " + result.evidence());
            }
        }
    }

    /** Every point started in this session, in the order started, including those stopped since. */
    public List<CapturePoint> startedPoints() {
        synchronized (captures) {
            return List.copyOf(started);
        }
    }

    /** The points being captured now (a capture that ended is not among them). */
    public List<CapturePoint> activePoints() {
        synchronized (captures) {
            return captures.entrySet().stream()
                    .filter(entry -> entry.getValue().isAlive())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Starts tracing the host's netfilter for packets that {@code match} selects (e.g. {@code -p icmp}). */
    public void traceNetfilter(List<String> match) {
        synchronized (this) {
            if (tracer != null) {
                throw new IllegalStateException("netfilter is already traced");
            }
        }
        NetfilterTracer started = NetfilterTracer.start(lab, match);
        synchronized (this) {
            tracer = started;
        }
    }

    /** Every traced netfilter path so far (empty when not tracing). */
    public synchronized List<NetfilterPath> netfilterPaths() {
        return tracer == null ? List.of() : tracer.paths();
    }

    public synchronized Optional<NetfilterPath> netfilterPathOf(PacketEvent event) {
        return tracer == null ? Optional.empty() : tracer.pathOf(event);
    }

    public Optional<NetfilterTracer> tracer() {
        synchronized (this) {
            return Optional.ofNullable(tracer);
        }
    }

    public PacketStore store() {
        return store;
    }

    public synchronized List<NatPair> natPairs() {
        return correlator.natPairs();
    }

    /** What went wrong with a capture (it did not start, its stream broke), in tcpdump's own words. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Captures that ended by themselves, with tcpdump's words: usually a lesson deleted the interface
     * ("The interface disappeared"); the point is captured again when the interface comes back.
     */
    public List<String> endings() {
        return List.copyOf(endings);
    }

    /**
     * Writes every frame held to a pcapng file in kernel order, one interface per capture point: every point
     * started is declared up front, even one that saw no frame (and "none/none" when none was started), so
     * that an empty capture is still a file {@code tcpdump -r} reads.
     */
    public void exportPcapng(Path file) throws IOException {
        try (PcapngWriter writer = new PcapngWriter(file)) {
            List<CapturePoint> declared = new ArrayList<>(startedPoints());
            store.points().stream().filter(point -> !declared.contains(point)).forEach(declared::add);
            if (declared.isEmpty()) {
                declared.add(NONE);
            }
            for (CapturePoint point : declared) {
                writer.declare(point);
            }
            IOException[] failure = new IOException[1];
            store.forEachInKernelOrder((sequence, point, record) -> {
                if (failure[0] == null) {
                    try {
                        writer.write(point, record);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** One frame in: decoded, correlated, kept, announced; in one order for everybody. */
    private synchronized void ingest(CapturePoint point, PcapRecord record) {
        PacketEvent event = PacketDecoder.decode(point, store.nextSequence(), record);
        PacketCorrelator.Correlation correlation = correlator.accept(event);
        event = event.withTravel(correlation.travel());
        store.append(point, record, correlation.travel());
        lastFrameAt = System.nanoTime();
        for (PacketListener listener : listeners) {
            try {
                listener.packet(event);
                correlation.natPairs().forEach(listener::natPair);
            } catch (RuntimeException e) {
                problems.add("a packet listener failed: " + e);
            }
        }
    }

    /** Stops tracing (removing the trace rules) and every capture. */
    @Override
    public void close() {
        NetfilterTracer running;
        synchronized (this) {
            running = tracer;
        }
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            awaitQuiet();
            stopAll(activePoints());
        }
    }

    /**
     * Ctrl-C makes tcpdump stop at once, dropping frames the kernel has queued but it has not yet read
     * (seen here: the last ARP reply and echo of a ping that had just ended). So wait until no frame has
     * come for a moment, at most a second.
     */
    private synchronized void awaitQuiet() {
        long deadline = System.nanoTime() + MOST_DRAIN.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                long silentFor = now - lastFrameAt;
                if (silentFor >= QUIET.toNanos() || now >= deadline) {
                    return;
                }
                wait(Math.max(1, (QUIET.toNanos() - silentFor) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** tcpdump's stdout, fed to the pcap reader; a broken stream is reported once and then ignored. */
    private final class Feed extends OutputStream {
        private final CapturePoint point;
        private final PcapStreamReader reader;
        private boolean broken;

        Feed(CapturePoint point, PcapStreamReader reader) {
            this.point = point;
            this.reader = reader;
        }

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
            } catch (PcapFormatException e) {
                broken = true;
                problems.add(point + ": " + e.getMessage());
            }
        }
    }
}
