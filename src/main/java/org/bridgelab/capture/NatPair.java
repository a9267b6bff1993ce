package org.bridgelab.capture;

/**
 * One packet before and after the kernel rewrote its addresses: {@code before} is the earlier sighting
 * (by kernel time), {@code after} the translated one.
 */
public record NatPair(Kind kind, PacketEvent before, PacketEvent after) {

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

    /** "172.18.0.2 > 198.51.100.10 became 192.0.2.183 > 198.51.100.10 (SNAT)". */
    public String description() {
        return before.flow() + " on " + before.point() + " became " + after.flow() + " on " + after.point() + " (" + kind + ")";
    }
}
