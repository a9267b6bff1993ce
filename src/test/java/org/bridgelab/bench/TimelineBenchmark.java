package org.bridgelab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;
import org.bridgelab.capture.PcapWriter;

/**
 * Prints figures, asserts nothing (see docs/benchmarks.md): {@code bridgelab timeline big.pcap --out x.json}
 * against {@code tcpdump -r big.pcap -n > /dev/null}, both as whole processes (a JVM start and all), on a
 * pcap of FRAMES real frames: the recorded fixtures of scenarios 1, 3 and 4 (46 frames with their NAT), over
 * and over, each round 2 s after the last so that every round is new packets to the correlator (its window is
 * 200 ms). Wall time and peak RSS of each, from {@code /usr/bin/time -v} (or the JVM's own VmHWM when
 * missing); ROUNDS alternating runs, the best of each.
 *
 * <p>Arguments: the launcher (default {@code ./bridgelab}; it builds the jar when the sources are newer).
 */
public final class TimelineBenchmark {
    private static final int FRAMES = Integer.getInteger("bench.frames", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final long ROUND_NANOS = 2_000_000_000L;
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern WALL =
            Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private TimelineBenchmark() {}

    /** One process's figures. */
    private record Run(double seconds, long peakKb) {}

    public static void main(String[] args) throws Exception {
        String launcher = args.length > 0 ? args[0] : "./bridgelab";
        Path dir = Files.createTempDirectory("bridgelab-timeline-bench");
        try {
            Path pcap = dir.resolve("big.pcap");
            makeLargePcap(pcap);
            Path json = dir.resolve("x.json");
            // a first start builds the jar if needed and writes the CLI's class-data archive: not measured
            run(List.of(launcher, "timeline", pcap.toString(), "--out", json.toString()), null);
            Run bestOurs = null;
            Run bestTcpdump = null;
            for (int round = 1; round <= ROUNDS; round++) {
                // each writes a new file, as tcpdump's output is removed after its round: truncating the last
                // round's JSON (hundreds of MB in the page cache) would be charged to ours alone
                Files.deleteIfExists(json);
                Run ours = run(List.of(launcher, "timeline", pcap.toString(), "--out", json.toString()), null);
                Run tcpdump = run(List.of("tcpdump", "-r", pcap.toString(), "-n"), dir.resolve("tcpdump.txt"));
                System.out.printf(
                        "round %d: bridgelab timeline %.2f s, %,d MB peak RSS; tcpdump -r -n %.2f s, %,d MB peak RSS%n",
                        round, ours.seconds(), ours.peakKb() / 1024, tcpdump.seconds(), tcpdump.peakKb() / 1024);
                bestOurs = bestOurs == null || ours.seconds() < bestOurs.seconds() ? ours : bestOurs;
                bestTcpdump = bestTcpdump == null || tcpdump.seconds() < bestTcpdump.seconds() ? tcpdump : bestTcpdump;
                Files.deleteIfExists(dir.resolve("tcpdump.txt"));
            }
            System.out.printf(
                    "best of %d: bridgelab timeline %.2f s (%,.0f frames/s, %,d MB peak RSS, JSON %,d MB); "
                            + "tcpdump -r -n %.2f s (%,.0f frames/s, %,d MB); speed ratio tcpdump time / ours %.2f%n",
                    ROUNDS,
                    bestOurs.seconds(),
                    FRAMES / bestOurs.seconds(),
                    bestOurs.peakKb() / 1024,
                    Files.size(json) >> 20,
                    bestTcpdump.seconds(),
                    FRAMES / bestTcpdump.seconds(),
                    bestTcpdump.peakKb() / 1024,
                    bestTcpdump.seconds() / bestOurs.seconds());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** FRAMES frames of scenarios 1, 3 and 4 as recorded, round after round, in kernel order. */
    private static void makeLargePcap(Path file) throws IOException {
        List<PcapRecord> round = new ArrayList<>();
        for (List<String> scenario : List.of(
                List.of("s1-br0.pcap"),
                List.of("s3-br0.pcap", "s3-eth0.pcap"),
                List.of("s4-br0.pcap", "s4-eth0.pcap"))) {
            List<PcapRecord> frames = new ArrayList<>();
            for (String name : scenario) {
                frames.addAll(records(name));
            }
            long start =
                    frames.stream().mapToLong(PcapRecord::timestampNanos).min().orElseThrow();
            frames.forEach(frame ->
                    round.add(new PcapRecord(frame.timestampNanos() - start, frame.data(), frame.originalLength())));
        }
        round.sort(Comparator.comparingLong(PcapRecord::timestampNanos));
        long origin = 1_790_000_000_000_000_000L;
        try (PcapWriter writer = new PcapWriter(file)) {
            for (int i = 0; i < FRAMES; i++) {
                PcapRecord frame = round.get(i % round.size());
                long at = origin + (i / round.size()) * ROUND_NANOS + frame.timestampNanos();
                writer.write(new PcapRecord(at, frame.data(), frame.originalLength()));
            }
        }
        System.out.printf(
                "pcap: %,d frames, %,d bytes (%d real frames per 2 s round)%n", FRAMES, Files.size(file), round.size());
    }

    private static List<PcapRecord> records(String name) throws IOException {
        List<PcapRecord> records = new ArrayList<>();
        try (InputStream in = TimelineBenchmark.class.getResourceAsStream("/org/bridgelab/capture/" + name)) {
            byte[] bytes = in.readAllBytes();
            PcapStreamReader reader = new PcapStreamReader(records::add);
            reader.feed(bytes, 0, bytes.length);
            reader.end();
        }
        return records;
    }

    /**
     * Runs argv to the end under /usr/bin/time -v when there is one, else watching its VmHWM in /proc (the
     * launcher execs java, so the pid stays the same); stdout to {@code out} or discarded.
     */
    private static Run run(List<String> argv, Path out) throws IOException, InterruptedException {
        boolean timed = Files.isExecutable(TIME);
        List<String> command = new ArrayList<>();
        if (timed) {
            command.addAll(List.of(TIME.toString(), "-v"));
        }
        command.addAll(argv);
        Path errFile = Files.createTempFile("bench", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errFile.toFile());
        builder.redirectOutput(
                out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        long started = System.nanoTime();
        Process process = builder.start();
        long peakKb = 0;
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            if (!timed) {
                peakKb = Math.max(peakKb, vmHwmKb(status));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String stderr = Files.readString(errFile);
        Files.delete(errFile);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(argv + " failed (exit " + process.exitValue() + "): " + stderr);
        }
        if (timed) {
            Matcher wall = WALL.matcher(stderr);
            if (wall.find()) {
                seconds = (wall.group(1) == null ? 0 : Integer.parseInt(wall.group(1)) * 3600)
                        + Integer.parseInt(wall.group(2)) * 60
                        + Double.parseDouble(wall.group(3));
            }
            Matcher rss = RSS.matcher(stderr);
            if (rss.find()) {
                peakKb = Long.parseLong(rss.group(1));
            }
        }
        return new Run(seconds, peakKb);
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended between two looks
        }
        return 0;
    }
}
