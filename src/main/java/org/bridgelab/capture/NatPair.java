package org.bridgelab.capture;

/**
 * One packet just before and just after the kernel rewrote its addresses: {@code before} is its last sighting
 * with the old addresses, {@code after} its first with the new ones (by kernel time), so the two sightings
 * frame the hop where the translation happened.
 *
 * @param travel the journey number of the packet (see {@link PacketEvent#travel()}); a pair found again with
 *               better sightings or a corrected kind replaces the earlier pair of the same travel
 */
public record NatPair(Kind kind, long travel, PacketEvent before, PacketEvent after) {

    public enum Kind {
        /** The source was rewritten on the way out (SNAT or MASQUERADE). */
        SNAT,
        /** The destination was rewritten on the way in (DNAT, port forwarding). */
        DNAT,
        /** A reply's destination put back to the original source of an SNAT'd connection (conntrack). */
        REVERSE_SNAT,
        /** A reply's source put back to the address the client first asked for (conntrack, after DNAT). */
        REVERSE_DNAT,
        /** Source and destination both rewritten. */
        SNAT_AND_DNAT
    }

    /** Which address the translation rewrote. */
    public enum Field { SOURCE, DESTINATION, BOTH }

    public Field field() {
        boolean source = !before.sourceEndpoint().equals(after.sourceEndpoint());
        boolean destination = !before.destinationEndpoint().equals(after.destinationEndpoint());
        return source && destination ? Field.BOTH : source ? Field.SOURCE : Field.DESTINATION;
    }

    /**
     * The node that made the translation, as far as the sightings show it: the node both sightings were
     * captured on (the host, seen on br0 and on its uplink), or null when they were captured on two nodes
     * and the hop between them is not known.
     */
    public String node() {
        String node = before.point().node();
        return node.equals(after.point().node()) ? node : null;
    }

    /** The rewritten part, old and new: "172.18.0.2 → 192.0.2.183". */
    public String rewrite() {
        return switch (field()) {
            case SOURCE -> before.sourceEndpoint() + " → " + after.sourceEndpoint();
            case DESTINATION -> before.destinationEndpoint() + " → " + after.destinationEndpoint();
            case BOTH -> before.flow() + " → " + after.flow();
        };
    }

    /** "172.18.0.2 > 198.51.100.10 on host/br0 became 192.0.2.183 > 198.51.100.10 on host/eth0 (SNAT)". */
    public String description() {
        return before.flow() + " on " + before.point() + " became " + after.flow() + " on " + after.point() + " (" + kind + ")";
    }
}
