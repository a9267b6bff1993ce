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
    public enum Field {
        SOURCE,
        DESTINATION,
        BOTH
    }

    public Field field() {
        // an ICMP echo's id stands for both of its "ports": its addresses say which side was rewritten, and a
        // rewrite of the id alone (MASQUERADE does that when two ids clash) is the source's
        boolean source;
        boolean destination;
        if (before.protocol() == Protocol.ICMP) {
            source = !java.util.Objects.equals(before.srcIp(), after.srcIp());
            destination = !java.util.Objects.equals(before.dstIp(), after.dstIp());
            source |= !source && !destination;
        } else {
            // "ip:port" texts are equal exactly when address and port are (a port has no colon, so the last
            // one splits them): compared as fields, without making the texts
            source = !(before.srcPort() == after.srcPort() && java.util.Objects.equals(before.srcIp(), after.srcIp()));
            destination =
                    !(before.dstPort() == after.dstPort() && java.util.Objects.equals(before.dstIp(), after.dstIp()));
        }
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

    /** The rewritten part, old and new: "172.18.0.2 → 192.0.2.183"; with the port or id when only that changed. */
    public String rewrite() {
        return rewrite(field());
    }

    /** {@link #rewrite()} when {@link #field()} is known already. */
    String rewrite(Field field) {
        return switch (field) {
            case SOURCE ->
                changed(
                        before.srcIp(),
                        before.srcPort(),
                        after.srcIp(),
                        after.srcPort(),
                        before.sourceEndpoint(),
                        after.sourceEndpoint());
            case DESTINATION ->
                changed(
                        before.dstIp(),
                        before.dstPort(),
                        after.dstIp(),
                        after.dstPort(),
                        before.destinationEndpoint(),
                        after.destinationEndpoint());
            case BOTH -> before.flow() + " → " + after.flow();
        };
    }

    private static String changed(String ip, int port, String newIp, int newPort, String shown, String newShown) {
        return shown.equals(newShown) ? full(ip, port) + " → " + full(newIp, newPort) : shown + " → " + newShown;
    }

    private static String full(String ip, int port) {
        return ip + ":" + port;
    }

    /** "172.18.0.2 > 198.51.100.10 on host/br0 became 192.0.2.183 > 198.51.100.10 on host/eth0 (SNAT)". */
    public String description() {
        return before.flow() + " on " + before.point() + " became " + after.flow() + " on " + after.point() + " ("
                + kind + ")";
    }
}
