package org.bridgelab.witness;

import java.util.List;
import java.util.Map;
import org.bridgelab.capture.NetfilterPath;

/**
 * What happened to one probe: whether an answer came back, what the sender printed, and the probe's netfilter
 * paths per namespace, in the order the kernel reported them (request and answer). A namespace that could not
 * be traced is listed with the reason, so that its silence is not read as "nothing happened there".
 */
public record ProbeResult(
        ProbePacket packet,
        Outcome outcome,
        String senderOutput,
        Map<String, List<NetfilterPath>> traces,
        Map<String, String> untraced) {

    public enum Outcome {
        /** An echo reply, or a SYN-ACK: the way there and back works. */
        ANSWERED,
        /** A TCP reset: the destination was reached and nothing listens on the port (or a rule resets it). */
        REFUSED,
        /** Nothing came back, or an ICMP error did. */
        UNANSWERED
    }

    public ProbeResult {
        // in the order the namespaces were traced: the evidence and the first drop read them in that order
        traces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(traces));
        untraced = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(untraced));
    }

    /** The sender's last line that says something ("ping: connect: Network is unreachable"), or "". */
    public String senderSays() {
        List<String> lines = senderOutput
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.stream()
                .filter(line -> line.contains("nreachable")
                        || line.contains("failed")
                        || line.contains("refused")
                        || line.contains("ermitted")
                        || line.contains("timed out")
                        || line.startsWith("From "))
                .findFirst()
                .orElse("");
    }
}
