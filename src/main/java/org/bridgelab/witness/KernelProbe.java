package org.bridgelab.witness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterTracer;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;

/**
 * Sends one {@link ProbePacket} and follows it through the kernel: a tracer in every namespace that has
 * netfilter tables (a namespace without any has no rule that could stop it), the trace rules first in raw so
 * that nothing drops the probe unseen, and removed again afterwards, with the raw table if it was made for them.
 */
public final class KernelProbe {
    private static final Duration SENDER_TIMEOUT = Duration.ofSeconds(ProbePacket.WAIT_SECONDS + 8);

    private final LabHost lab;

    public KernelProbe(LabHost lab) {
        this.lab = lab;
    }

    public ProbeResult send(Topology topology, ProbePacket packet) {
        Map<String, NetfilterTracer> tracers = new LinkedHashMap<>();
        Map<String, String> untraced = new LinkedHashMap<>();
        try {
            for (String namespace : tracedNamespaces(topology)) {
                try {
                    tracers.put(namespace, NetfilterTracer.startFirst(lab, namespace, packet.traceMatch()));
                } catch (RuntimeException e) {
                    untraced.put(namespace, e.getMessage());
                }
            }
            CommandResult sent = lab.run(packet.from(), packet.sender(), SENDER_TIMEOUT);
            Map<String, List<NetfilterPath>> traces = new LinkedHashMap<>();
            tracers.forEach((namespace, tracer) -> traces.put(
                    namespace,
                    tracer.finish().stream()
                            .filter(path -> path.tracedBy(packet.mark()))
                            .toList()));
            return new ProbeResult(
                    packet, outcome(packet, sent), (sent.stdout() + "\n" + sent.stderr()).strip(), traces, untraced);
        } finally {
            for (NetfilterTracer tracer : tracers.values()) {
                try {
                    tracer.close();
                } catch (LabException e) {
                    // the lab host went away: nothing is left to clean in it
                }
            }
        }
    }

    /** The host always (its nft tables are not all iptables'), and every namespace with an iptables table. */
    static List<String> tracedNamespaces(Topology topology) {
        List<String> names = new ArrayList<>();
        for (Topology.Namespace namespace : topology.namespaces()) {
            if (LabHost.HOST.equals(namespace.name()) || !namespace.iptables().isEmpty()) {
                names.add(namespace.name());
            }
        }
        return names;
    }

    static ProbeResult.Outcome outcome(ProbePacket packet, CommandResult sent) {
        if (sent.succeeded()) {
            return ProbeResult.Outcome.ANSWERED;
        }
        boolean reset = packet.isTcp() && (sent.stdout() + sent.stderr()).contains("Connection refused");
        return reset ? ProbeResult.Outcome.REFUSED : ProbeResult.Outcome.UNANSWERED;
    }
}
