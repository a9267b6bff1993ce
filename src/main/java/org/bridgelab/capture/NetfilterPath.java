package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The way one packet went through netfilter: every table and chain it crossed, in order, as the kernel's
 * trace reported it. The addresses are those of every hook visit, since NAT rewrites them on the way.
 */
public record NetfilterPath(int ipId, List<String> addresses, List<NetfilterStep> steps) {

    public NetfilterPath {
        addresses = List.copyOf(addresses);
        steps = List.copyOf(steps);
    }

    /** The hooks crossed, in order, without repeats: PREROUTING, FORWARD, POSTROUTING. */
    public List<String> hooks() {
        Set<String> hooks = new LinkedHashSet<>();
        for (NetfilterStep step : steps) {
            if (BUILT_IN.contains(step.chain())) {
                hooks.add(step.chain());
            }
        }
        return new ArrayList<>(hooks);
    }

    /** What the last step decided: "MASQUERADE" for a packet leaving through the masquerade rule. */
    public String finalDecision() {
        return steps.isEmpty() ? "" : steps.get(steps.size() - 1).decision();
    }

    /** Whether this trace is of the packet seen in the event: same IP id, and an address in common. */
    public boolean describes(PacketEvent event) {
        return ipId >= 0 && event.ipId() == ipId && (addresses.contains(event.srcIp()) || addresses.contains(event.dstIp()));
    }

    private static final Set<String> BUILT_IN = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
}
