package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bridgelab.lab.LabHost;

/**
 * The way one packet went through the host's netfilter: every table and chain it crossed, in order, as the
 * kernel's trace reported it, and the packet's header at each hook visit (NAT rewrites it on the way).
 */
public record NetfilterPath(
        int ipId, List<String> addresses, List<Header> headers, List<NetfilterStep> steps, List<String> tracedBy) {

    public NetfilterPath {
        addresses = List.copyOf(addresses);
        headers = List.copyOf(headers);
        steps = List.copyOf(steps);
        tracedBy = List.copyOf(tracedBy);
    }

    public NetfilterPath(int ipId, List<String> addresses, List<Header> headers, List<NetfilterStep> steps) {
        this(ipId, addresses, headers, steps, List.of());
    }

    /** Whether one of the TRACE rules that marked this packet holds {@code match} ("--length 1200"). */
    public boolean tracedBy(String match) {
        return tracedBy.stream().anyMatch(rule -> rule.contains(match));
    }

    /**
     * The packet as the trace printed it at one hook: addresses, IP total length, IP id, the interfaces it
     * came in and goes out on ("" when none).
     */
    public record Header(String src, String dst, int length, int ipId, String in, String out) {

        /**
         * Whether a captured frame is this packet: the same addresses, IP id and length, and, when it was
         * captured on the host (whose netfilter was traced), on an interface the packet crossed.
         */
        boolean matches(PacketEvent event) {
            if (!Objects.equals(src, event.srcIp())
                    || !Objects.equals(dst, event.dstIp())
                    || ipId != event.ipId()
                    || !sameLength(event)) {
                return false;
            }
            String iface = event.point().iface();
            return !LabHost.HOST.equals(event.point().node()) || iface.equals(in) || iface.equals(out);
        }

        /** A frame is its IP packet plus 14 bytes of Ethernet, padded to 60 bytes when shorter. */
        private boolean sameLength(PacketEvent event) {
            int frame = length + ETHERNET_HEADER;
            return event.length() == frame || (frame < MIN_FRAME && event.length() == MIN_FRAME);
        }
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

    /**
     * Whether this trace is of the packet seen in the event: one of its hook visits shows exactly that header
     * (addresses, IP id, length, interface). A frame captured after a NAT rewrite the trace never printed
     * matches no visit: it is known to be the same packet only through its travel (see {@link Timeline}).
     */
    public boolean describes(PacketEvent event) {
        return headers.stream().anyMatch(header -> header.matches(event));
    }

    /**
     * The path of one travelling packet, given its sightings: the one path whose headers show one of them
     * exactly, so that the sightings NAT rewrote after the trace printed the header share it; empty when
     * none fits or when two would (a path must belong to the packet it is shown on, or not be shown).
     */
    public static java.util.Optional<NetfilterPath> tracedOf(List<PacketEvent> sightings, List<NetfilterPath> paths) {
        List<NetfilterPath> fitting = paths.stream()
                .filter(path -> sightings.stream().anyMatch(path::describes))
                .distinct()
                .limit(2)
                .toList();
        return fitting.size() == 1 ? java.util.Optional.of(fitting.get(0)) : java.util.Optional.empty();
    }

    private static final Set<String> BUILT_IN = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
    private static final int ETHERNET_HEADER = 14;
    private static final int MIN_FRAME = 60;
}
