package org.bridgelab.capture;

import java.util.List;
import java.util.Optional;
import org.bridgelab.kernel.Topology;
import org.bridgelab.words.Phrase;

/**
 * The connection-tracking entry a packet created or was matched to, found in a snapshot of the tables: a
 * flow whose original tuple is one of the packet's sightings (the packet went the request's way) or whose
 * reply tuple is (the packet is a reply, which conntrack maps back through this entry). A sighting taken
 * after NAT carries the other tuple turned round, so each direction is matched both ways. Only exact tuples
 * count — protocol, both addresses, both ports or the ICMP echo identifier — never one address alone, since
 * an entry attached to the wrong packet teaches something false.
 *
 * @param namespace where the table lists it ("host", or a namespace that translates addresses itself)
 */
public record ConntrackEntry(String namespace, Topology.Flow flow, Direction direction) {

    /** Which way the packet went through the connection. */
    public enum Direction {
        ORIGINAL,
        REPLY
    }

    /**
     * What a passport says about conntrack: a headline and a caveat about when the table was read.
     * Both are phrases, worded in the learner's language by whoever shows them.
     */
    public record Said(Phrase line, Phrase note, Optional<ConntrackEntry> entry) {}

    /**
     * The entry of the packet seen in {@code sightings} (one packet at several capture points), in the
     * first namespace whose table lists it; empty when no table read lists it.
     */
    public static Optional<ConntrackEntry> find(List<PacketEvent> sightings, Topology topology) {
        for (Topology.Namespace namespace : topology.namespaces()) {
            for (Topology.Flow flow : namespace.conntrack()) {
                for (PacketEvent sighting : sightings) {
                    Optional<Direction> direction = direction(flow, sighting);
                    if (direction.isPresent()) {
                        return Optional.of(new ConntrackEntry(namespace.name(), flow, direction.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The passport's conntrack line for a packet, or empty when there is nothing honest to say: a packet
     * conntrack does not key as we can match (ARP, IPv6, ICMP other than echo), or no snapshot whose
     * tables were read at all (they are read only where a nat table has rules).
     *
     * @param readAfterPacket whether the snapshot was read after the packet was captured; a table read
     *                        before it cannot be expected to list the packet's own new connection
     */
    public static Optional<Said> passportLine(List<PacketEvent> sightings, Topology topology, boolean readAfterPacket) {
        if (topology == null
                || sightings.isEmpty()
                || sightings.stream().noneMatch(ConntrackEntry::keyed)
                || topology.namespaces().stream().noneMatch(Topology.Namespace::conntrackRead)) {
            return Optional.empty();
        }
        Phrase when = Phrase.of(readAfterPacket ? "conntrack.read.after" : "conntrack.read.before");
        Optional<ConntrackEntry> entry = find(sightings, topology);
        if (entry.isEmpty()) {
            return Optional.of(
                    new Said(Phrase.of(readAfterPacket ? "conntrack.none" : "conntrack.none.yet"), when, entry));
        }
        return Optional.of(new Said(entry.get().wording(), when, entry));
    }

    /** "conntrack in host: icmp 172.18.0.2 → 198.51.100.10 id 24103, replies … (what the entry does for it)". */
    public Phrase wording() {
        Topology.Tuple original = flow.original();
        Topology.Tuple reply = flow.reply();
        String what = flow.protocol() + (flow.state() == null ? "" : " " + flow.state());
        return Phrase.of("conntrack.entry", namespace, what, tuple(original), tuple(reply), role());
    }

    /** What this entry does for this packet, from which addresses the kernel expects back. */
    private Phrase role() {
        Topology.Tuple original = flow.original();
        Topology.Tuple reply = flow.reply();
        // the reply comes back to the original source unless the source was translated (SNAT, MASQUERADE),
        // and from the original destination unless that was (DNAT)
        boolean sourceNat = !endpoint(reply.destination(), reply.destinationPort())
                .equals(endpoint(original.source(), original.sourcePort()));
        boolean destinationNat = !endpoint(reply.source(), reply.sourcePort())
                .equals(endpoint(original.destination(), original.destinationPort()));
        String side = direction == Direction.ORIGINAL ? "original" : "reply";
        if (sourceNat) {
            return Phrase.of(
                    "conntrack." + side + ".snat",
                    endpoint(original.source(), original.sourcePort()),
                    endpoint(reply.destination(), reply.destinationPort()));
        }
        if (destinationNat) {
            return Phrase.of(
                    "conntrack." + side + ".dnat",
                    endpoint(original.destination(), original.destinationPort()),
                    endpoint(reply.source(), reply.sourcePort()));
        }
        return Phrase.of("conntrack." + side + ".plain");
    }

    private static String tuple(Topology.Tuple tuple) {
        return tuple + (tuple.echoId() >= 0 ? " id " + tuple.echoId() : "");
    }

    private static String endpoint(String address, int port) {
        return port > 0 ? address + ":" + port : address;
    }

    /** How the packet goes through this flow, if it is the flow's packet at all. */
    private static Optional<Direction> direction(Topology.Flow flow, PacketEvent sighting) {
        if (!keyed(sighting) || !flow.protocol().equals(protocolName(sighting))) {
            return Optional.empty();
        }
        // an ICMP echo's own type says its way (a request from the other end with the same id is not a
        // reply); TCP and UDP go either way on the same tuple
        boolean icmp = sighting.protocol() == Protocol.ICMP;
        boolean request = !icmp || sighting.summary().contains("ICMP echo request");
        boolean reply = !icmp || sighting.summary().contains("ICMP echo reply");
        if (request
                && (matches(flow.original(), sighting) || matches(flow.reply().inverse(), sighting))) {
            return Optional.of(Direction.ORIGINAL);
        }
        if (reply && (matches(flow.reply(), sighting) || matches(flow.original().inverse(), sighting))) {
            return Optional.of(Direction.REPLY);
        }
        return Optional.empty();
    }

    private static boolean matches(Topology.Tuple tuple, PacketEvent sighting) {
        if (!tuple.source().equals(sighting.srcIp()) || !tuple.destination().equals(sighting.dstIp())) {
            return false;
        }
        if (sighting.protocol() == Protocol.ICMP) {
            // the decoder puts the echo identifier in both ports; a table that shows no id cannot tell two
            // pings between the same addresses apart, and then the addresses are all there is to match
            return tuple.echoId() < 0 || tuple.echoId() == sighting.srcPort();
        }
        return tuple.sourcePort() == sighting.srcPort() && tuple.destinationPort() == sighting.dstPort();
    }

    /** A sighting conntrack keys in a way we can match: IPv4 TCP or UDP with ports, or an ICMP echo. */
    private static boolean keyed(PacketEvent sighting) {
        return sighting.srcIp() != null
                && sighting.dstIp() != null
                && sighting.srcPort() >= 0
                && (sighting.protocol() == Protocol.TCP
                        || sighting.protocol() == Protocol.UDP
                        || sighting.protocol() == Protocol.ICMP
                                && (sighting.summary().contains("ICMP echo request")
                                        || sighting.summary().contains("ICMP echo reply")));
    }

    private static String protocolName(PacketEvent sighting) {
        return switch (sighting.protocol()) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            default -> "";
        };
    }
}
