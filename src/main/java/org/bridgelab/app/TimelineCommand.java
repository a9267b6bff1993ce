package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bridgelab.capture.CaptureFileTimeline;
import org.bridgelab.capture.PcapFormatException;

/**
 * {@code bridgelab timeline FILE.pcap[ng] --out FILE.json}: a capture file (BridgeLab's own, tcpdump's,
 * Wireshark's) decoded into the JSON {@code run --timeline} writes. Exit 0 when written; 2 for a wrong
 * command line or a file that is not a readable capture (one line on stderr saying which and why).
 */
final class TimelineCommand {
    private final Path capture;
    private final Path out;

    private TimelineCommand(Path capture, Path out) {
        this.capture = capture;
        this.out = out;
    }

    static Optional<TimelineCommand> parse(List<String> args, PrintStream err) {
        Path capture = null;
        Path out = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--out" -> out = Path.of(CliArgs.value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (capture != null) {
                            throw new IllegalArgumentException("give one capture file, not " + capture + " and " + arg);
                        }
                        capture = Path.of(arg);
                    }
                }
            }
            if (capture == null) {
                throw new IllegalArgumentException("name the capture file (.pcap or .pcapng)");
            }
            if (out == null) {
                throw new IllegalArgumentException("give --out FILE.json");
            }
            return Optional.of(new TimelineCommand(capture, out));
        } catch (IllegalArgumentException e) {
            err.println("bridgelab timeline: " + e.getMessage() + "\n");
            err.print(Main.USAGE);
            return Optional.empty();
        }
    }

    int execute(PrintStream err) {
        try {
            OutputPath.check("--out", out);
        } catch (IllegalArgumentException e) {
            err.println("bridgelab timeline: " + e.getMessage());
            return 2;
        }
        CaptureFileTimeline timeline;
        try {
            timeline = CaptureFileTimeline.lay(capture);
        } catch (PcapFormatException e) {
            err.println("bridgelab timeline: " + capture + ": " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("bridgelab timeline: " + capture + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("bridgelab timeline: " + capture + ": cannot read: " + e.getMessage());
            return 2;
        }
        int rows;
        try {
            rows = timeline.write(out);
        } catch (IOException e) {
            err.println("bridgelab timeline: cannot write " + out + ": " + e.getMessage());
            return 3;
        }
        err.println("timeline written to " + out + " (" + rows + " packets)");
        return 0;
    }
}
