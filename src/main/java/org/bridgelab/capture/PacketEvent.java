package org.bridgelab.capture;

/**
 * One frame seen at one capture point, decoded into what a learner reads. Immutable: it crosses from the
 * capture threads to listeners (the GUI, the timeline writer).
 *
 * @param sequence      the store's number for it (arrival order across all points)
 * @param timestampNanos the kernel's capture time, ns since the epoch
 * @param length        the frame's length on the wire
 * @param srcIp         IPv4/IPv6 source or ARP sender address, null if none
 * @param dstIp         IPv4/IPv6 destination or ARP target address, null if none
 * @param srcPort       TCP/UDP source port, or the ICMP echo identifier (what NAT rewrites); -1 if none
 * @param dstPort       TCP/UDP destination port, or the ICMP echo identifier; -1 if none
 * @param ipId          the IPv4 identification field, -1 if none
 * @param identity      a hash of what stays the same when NAT rewrites a packet (IP id, protocol, sequence
 *                      numbers, payload), 0 if the frame has none; {@link PacketCorrelator} keys on it. A VXLAN
 *                      packet has the identity of the frame it carries, so that the tunnel's packet and the
 *                      frame seen plain before and after the tunnel are one packet's journey
 * @param summary       plain words: "who-has 172.18.0.3 tell 172.18.0.2", "echo request id 7 seq 1", …
 * @param travel        the number of the packet's journey through the lab (same packet at several points
 *                      shares it), or 0 before correlation
 * @param vni           the VXLAN network identifier when this is a VXLAN packet carrying a frame (its
 *                      addresses, ports and IP id are then the tunnel's, the outer packet's), -1 if none
 */
public record PacketEvent(
        long sequence,
        CapturePoint point,
        long timestampNanos,
        int length,
        String srcMac,
        String dstMac,
        Protocol protocol,
        String srcIp,
        String dstIp,
        int srcPort,
        int dstPort,
        int ipId,
        long identity,
        String summary,
        long travel,
        int vni) {

    /** An event of a frame that is not a tunnel's packet: most are not. */
    public PacketEvent(
            long sequence,
            CapturePoint point,
            long timestampNanos,
            int length,
            String srcMac,
            String dstMac,
            Protocol protocol,
            String srcIp,
            String dstIp,
            int srcPort,
            int dstPort,
            int ipId,
            long identity,
            String summary,
            long travel) {
        this(
                sequence,
                point,
                timestampNanos,
                length,
                srcMac,
                dstMac,
                protocol,
                srcIp,
                dstIp,
                srcPort,
                dstPort,
                ipId,
                identity,
                summary,
                travel,
                -1);
    }

    public PacketEvent withTravel(long travelNumber) {
        return new PacketEvent(
                sequence,
                point,
                timestampNanos,
                length,
                srcMac,
                dstMac,
                protocol,
                srcIp,
                dstIp,
                srcPort,
                dstPort,
                ipId,
                identity,
                summary,
                travelNumber,
                vni);
    }

    /** Whether this is a tunnel's packet carrying the frame, rather than the frame itself. */
    public boolean tunnelled() {
        return vni >= 0;
    }

    /** The addresses and ports of the packet as seen here: what NAT changes. */
    public String flow() {
        return sourceEndpoint() + " > " + destinationEndpoint();
    }

    /** "172.18.0.2" (ICMP), "192.0.2.50:41234" (TCP/UDP), "?" without an address. */
    public String sourceEndpoint() {
        return endpoint(srcIp, srcPort);
    }

    public String destinationEndpoint() {
        return endpoint(dstIp, dstPort);
    }

    private String endpoint(String ip, int port) {
        if (ip == null) {
            return "?";
        }
        return port < 0 || protocol == Protocol.ICMP ? ip : ip + ":" + port;
    }
}
