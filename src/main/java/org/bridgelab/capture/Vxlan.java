package org.bridgelab.capture;

import java.util.Arrays;

/**
 * VXLAN (RFC 7348) on UDP port 4789: the Ethernet frame a tunnel carries inside a UDP packet, said in the words
 * of the packet that carries it ("VXLAN vni 42: 10.0.0.2 > 10.0.0.3: ICMP echo request id 7 seq 1"), so that a
 * timeline row of the underlay shows what crossed it, not "UDP … 106 bytes"; and the carried frame's identity,
 * so that the tunnel's packet joins the journey of the frame it carries.
 */
final class Vxlan {
    static final int PORT = 4789;
    /** Flags (the I bit: a VNI is given), 3 reserved bytes, the 24-bit VNI, 1 reserved byte. */
    private static final int HEADER = 8;

    private static final int VNI_VALID = 0x08;
    /** An inner frame needs at least its Ethernet header. */
    private static final int SHORTEST_FRAME = 14;

    private Vxlan() {}

    /** A VXLAN header's network identifier and the frame behind it, decoded. */
    record Carried(int vni, PacketEvent frame) {
        /** "VXLAN vni 42: " and the frame's summary (null when the frame was decoded without one). */
        String summary() {
            return frame.summary() == null ? null : "VXLAN vni " + vni + ": " + frame.summary();
        }

        /**
         * The identity the tunnel's packet takes: its frame's, or {@code own} when the frame has none (then
         * the packet stands for itself rather than for every frame without one).
         */
        long identity(long own) {
            return frame.identity() != 0 ? frame.identity() : own;
        }
    }

    /**
     * What a UDP packet to port 4789 carries, when its data ({@code data[from..to)}) is a VXLAN header with a
     * valid VNI and a frame; null when it is not (then it is plain UDP). Without {@code summaries} the frame
     * is decoded without its words, as the packet is.
     */
    static Carried open(CapturePoint point, long timestampNanos, byte[] data, int from, int to, boolean summaries) {
        if (to - from < HEADER + SHORTEST_FRAME || (data[from] & VNI_VALID) == 0) {
            return null;
        }
        int vni = (data[from + 4] & 0xff) << 16 | (data[from + 5] & 0xff) << 8 | data[from + 6] & 0xff;
        byte[] inner = Arrays.copyOfRange(data, from + HEADER, to);
        PcapRecord record = new PcapRecord(timestampNanos, inner, inner.length);
        PacketEvent frame = summaries
                ? PacketDecoder.decode(point, -1, record)
                : PacketDecoder.decodeWithoutSummary(point, -1, record);
        return new Carried(vni, frame);
    }
}
