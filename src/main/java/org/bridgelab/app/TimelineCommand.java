package org.bridgelab.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bridgelab.capture.CaptureFileTimeline;
import org.bridgelab.capture.PcapFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab timeline FILE.pcap[ng] --out FILE.json}: a capture file (BridgeLab's own, tcpdump's,
 * Wireshark's) decoded into the JSON {@code run --timeline} writes. Exit 0 when written; 2 for a wrong
 * command line or a file that is not a readable capture (one line on stderr saying which and why).
 */
@Command(
        name = "timeline",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Decode a capture file (BridgeLab's --capture, tcpdump -w, Wireshark) into the JSON of"
                    + " run --timeline: packets in kernel order, NAT pairs.",
            "Exit 0 when written, 2 for a usage error or a file that is not a readable capture."
        })
final class TimelineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.pcap[ng]", arity = "0..1", description = "the capture file")
    Path capture;

    @Option(names = "--out", paramLabel = "FILE.json", description = "where to write the timeline")
    Path out;

    @Spec
    CommandSpec spec;

    private final PrintStream err;

    TimelineCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        if (capture == null) {
            throw UsageError.of(spec, "name the capture file (.pcap or .pcapng)");
        }
        if (out == null) {
            throw UsageError.of(spec, "give --out FILE.json");
        }
        return execute(err);
    }

    private int execute(PrintStream err) {
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
            // its message is only the path, which the line names already
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
