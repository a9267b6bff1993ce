package org.bridgelab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.PacketCorrelator;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketListener;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;
import org.bridgelab.capture.PcapWriter;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;

/**
 * Prints figures, asserts nothing (see docs/benchmarks.md):
 * 1. frames/s decoding one large pcap (made here from the recorded fixtures) with this pipeline — pcap stream
 *    reader, pcap4j decoding, correlation and the store — and with {@code tcpdump -r FILE -n}, and their ratio;
 * 2. the delay from a frame's kernel timestamp to its event reaching a listener, during a live ping in a
 *    sandbox lab.
 */
public final class CaptureBenchmark {
    private static final int FRAMES = Integer.getInteger("bench.frames", 200_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final int PINGS = Integer.getInteger("bench.pings", 20);
    private static final CapturePoint POINT = new CapturePoint("host", "br0");

    private CaptureBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bridgelab-bench");
        try {
            Path pcap = dir.resolve("large.pcap");
            makeLargePcap(pcap);
            decodingThroughput(pcap);
            if (args.length == 0 || !args[0].equals("--no-live")) {
                liveDelay();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** FRAMES real frames (the fixtures of scenarios 1, 3 and 4, over and over), 1 µs apart. */
    private static void makeLargePcap(Path file) throws IOException {
        List<PcapRecord> recorded = new ArrayList<>();
        for (String name : List.of("s1-br0.pcap", "s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            try (InputStream in = CaptureBenchmark.class.getResourceAsStream("/org/bridgelab/capture/" + name)) {
                byte[] bytes = in.readAllBytes();
                PcapStreamReader reader = new PcapStreamReader(recorded::add);
                reader.feed(bytes, 0, bytes.length);
                reader.end();
            }
        }
        long start = 1_790_000_000_000_000_000L;
        try (PcapWriter writer = new PcapWriter(file)) {
            for (int i = 0; i < FRAMES; i++) {
                PcapRecord frame = recorded.get(i % recorded.size());
                writer.write(new PcapRecord(start + i * 1000L, frame.data(), frame.originalLength()));
            }
        }
        System.out.printf(
                "pcap: %,d frames, %,d bytes (%d kinds of real frame)%n", FRAMES, Files.size(file), recorded.size());
    }

    private static void decodingThroughput(Path pcap) throws Exception {
        byte[] bytes = Files.readAllBytes(pcap);
        List<Double> pipeline = new ArrayList<>();
        List<Double> tcpdump = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            pipeline.add(FRAMES / seconds(() -> decodeWithPipeline(bytes)));
            tcpdump.add(FRAMES / seconds(() -> decodeWithTcpdump(pcap)));
            System.out.printf(
                    "round %d: pipeline %,.0f frames/s, tcpdump -r -n %,.0f frames/s%n",
                    round, pipeline.get(round - 1), tcpdump.get(round - 1));
        }
        // pcap4j's many classes need several rounds of JIT: the first is cold, the second half warm
        int warmFrom = ROUNDS / 2;
        double cold = pipeline.get(0) / tcpdump.get(0);
        double ours = median(pipeline.subList(warmFrom, ROUNDS));
        double theirs = median(tcpdump.subList(warmFrom, ROUNDS));
        System.out.printf(
                "decoding, cold (round 1): pipeline %,.0f frames/s, tcpdump -r -n %,.0f frames/s, ratio %.2f%n",
                pipeline.get(0), tcpdump.get(0), cold);
        System.out.printf(
                "decoding, warm (median of rounds %d-%d): pipeline %,.0f frames/s, tcpdump -r -n %,.0f frames/s, "
                        + "ratio pipeline/tcpdump %.2f%n",
                warmFrom + 1, ROUNDS, ours, theirs, ours / theirs);
    }

    /** What a capture does with each frame: read the record, decode it, correlate it, keep it. */
    private static void decodeWithPipeline(byte[] bytes) {
        PacketStore store = new PacketStore(FRAMES, 1L << 30);
        PacketCorrelator correlator = new PacketCorrelator();
        long[] summaryChars = new long[1];
        PcapStreamReader reader = new PcapStreamReader(record -> {
            PacketEvent event = PacketDecoder.decode(POINT, store.nextSequence(), record);
            store.append(POINT, record, correlator.accept(event).travel());
            summaryChars[0] += event.summary().length();
        });
        for (int from = 0; from < bytes.length; from += 65_536) {
            reader.feed(bytes, from, Math.min(65_536, bytes.length - from));
        }
        reader.end();
        if (store.size() != FRAMES || summaryChars[0] == 0) {
            throw new IllegalStateException("decoded " + store.size() + " frames of " + FRAMES);
        }
    }

    private static void decodeWithTcpdump(Path pcap) {
        try {
            Process tcpdump = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-n")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!tcpdump.waitFor(2, TimeUnit.MINUTES) || tcpdump.exitValue() != 0) {
                tcpdump.destroyForcibly();
                throw new IllegalStateException("tcpdump -r failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tcpdump: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kernel timestamp → listener, for each echo request of a live ping on br0 in a fresh sandbox. */
    private static void liveDelay() throws InterruptedException {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            if (!new LessonRunner(lab.host(), RunListener.NONE)
                    .run(Curriculum.bundled().withPrerequisites(List.of("s1")))
                    .passed()) {
                throw new IllegalStateException("lesson s1 did not build the lab");
            }
            List<Long> delays = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(PINGS);
            try (CaptureSession session = new CaptureSession(lab.host())) {
                session.subscribe(new PacketListener() {
                    @Override
                    public void packet(PacketEvent event) {
                        Instant now = Instant.now();
                        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                        if (event.summary().contains("ICMP echo request")) {
                            delays.add(nowNanos - event.timestampNanos());
                            all.countDown();
                        }
                    }
                });
                session.start(new CapturePoint(LabHost.HOST, "br0"));
                lab.host()
                        .run(
                                "docker0",
                                List.of("ping", "-c", Integer.toString(PINGS), "-i", "0.1", "172.18.0.3"),
                                Duration.ofSeconds(30))
                        .orThrow();
                if (!all.await(10, TimeUnit.SECONDS)) {
                    System.out.printf("live: only %d of %d echo requests reached the listener%n", delays.size(), PINGS);
                }
            }
            List<Long> sorted = new ArrayList<>(delays);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return;
            }
            System.out.printf(
                    "live delay, kernel timestamp to listener, %d echo requests on br0: min %.2f ms, "
                            + "median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                    sorted.size(),
                    ms(sorted.get(0)),
                    ms(sorted.get(sorted.size() / 2)),
                    ms(sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95)))),
                    ms(sorted.get(sorted.size() - 1)));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
