package org.bridgelab.capture;

/**
 * The decoder's hot path: the common frames of a lab (Ethernet II carrying ARP, unfragmented IPv4 with ICMP
 * echo, TCP, UDP or IGMP, or IPv6 with its header whole) read straight from the bytes, without building
 * pcap4j packets. It gives the very {@link PacketEvent} pcap4j's path gives (same summary, identity, ports…;
 * {@code FastDecoderTest} compares the two over every recorded frame and thousands of broken ones), and
 * answers null for anything else (VLAN tags, fragments, other ICMP types, DNS and GTP ports pcap4j decodes
 * further, truncated or odd headers), which {@link PacketDecoder} then hands to pcap4j. IPv6 is read from
 * the bytes on both paths (pcap4j only gives the addresses there), so an IPv6 frame whose inner layers
 * pcap4j cannot parse is still shown as the IPv6 packet it is. Never throws.
 */
final class FastDecoder {
    private static final int ETHERNET = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ARP_LENGTH = 28;
    private static final int ARP_REQUEST = 1;
    private static final int ARP_REPLY = 2;
    private static final int IPV4_HEADER = 20;
    private static final int ICMP = 1;
    private static final int IGMP = 2;
    static final int TCP = 6;
    static final int UDP = 17;
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_ECHO_HEADER = 8;
    /** TCP and UDP ports whose payload pcap4j decodes as DNS or GTP (its static packet factory's tables). */
    private static final int DNS = 53;

    private static final int GTP_C = 2123;
    private static final int GTP_U = 2152;
    private static final int GTP_PRIME = 3386;
    private static final String[] TCP_FLAG_NAMES = {"SYN", "FIN", "RST", "PSH", "URG", "ACK"};
    private static final int[] TCP_FLAG_MASKS = {0x02, 0x01, 0x04, 0x08, 0x20, 0x10};

    /** Recently seen addresses as text, so that a million frames between a few hosts share a few strings. */
    private static final TextCache IP_TEXTS = new TextCache();

    private static final TextCache MAC_TEXTS = new TextCache();
    private static final Ipv6TextCache IPV6_TEXTS = new Ipv6TextCache();

    private FastDecoder() {}

    /** The event for a common frame, or null to leave the frame to pcap4j. */
    static PacketEvent decode(CapturePoint point, long sequence, PcapRecord record) {
        return decode(point, sequence, record, true);
    }

    /**
     * {@link #decode}; without {@code summaries} the event's summary is null and never built: a pass that only
     * correlates needs none, and the summaries were most of the text made per frame and of what its NAT pairs
     * keep alive.
     */
    static PacketEvent decode(CapturePoint point, long sequence, PcapRecord record, boolean summaries) {
        try {
            byte[] frame = record.data();
            if (frame.length <= ETHERNET) {
                return null;
            }
            int type = u16(frame, 12);
            if (type == ETHERTYPE_ARP) {
                return arp(point, sequence, record, frame, summaries);
            }
            if (type == ETHERTYPE_IPV4) {
                return ipv4(point, sequence, record, frame, summaries);
            }
            if (type == ETHERTYPE_IPV6) {
                return ipv6(point, sequence, record, frame, summaries);
            }
            return null;
        } catch (RuntimeException e) {
            // a bounds check missed: pcap4j will say what the frame is
            return null;
        }
    }

    private static PacketEvent arp(
            CapturePoint point, long sequence, PcapRecord record, byte[] frame, boolean summaries) {
        if (frame.length - ETHERNET < ARP_LENGTH) {
            return null;
        }
        int operation = u16(frame, ETHERNET + 6);
        if (operation != ARP_REQUEST && operation != ARP_REPLY) {
            return null;
        }
        String senderMac = mac(frame, ETHERNET + 8);
        String srcIp = ip(frame, ETHERNET + 14);
        String dstIp = ip(frame, ETHERNET + 24);
        String summary = !summaries
                ? null
                : operation == ARP_REQUEST ? "who-has " + dstIp + " tell " + srcIp : srcIp + " is-at " + senderMac;
        long identity = PacketDecoder.mix(
                PacketDecoder.mix(operation, senderMac.hashCode()),
                PacketDecoder.mix(srcIp.hashCode(), dstIp.hashCode()));
        return new PacketEvent(
                sequence,
                point,
                record.timestampNanos(),
                record.originalLength(),
                mac(frame, 6),
                mac(frame, 0),
                Protocol.ARP,
                srcIp,
                dstIp,
                -1,
                -1,
                -1,
                identity,
                summary,
                0);
    }

    private static PacketEvent ipv4(
            CapturePoint point, long sequence, PcapRecord record, byte[] frame, boolean summaries) {
        int available = frame.length - ETHERNET;
        if (available < IPV4_HEADER || (frame[ETHERNET] & 0xf0) != 0x40) {
            return null;
        }
        int headerLength = (frame[ETHERNET] & 0x0f) * 4;
        if (headerLength < IPV4_HEADER
                || headerLength > available
                || !wellFormedOptions(frame, ETHERNET + IPV4_HEADER, ETHERNET + headerLength)) {
            return null;
        }
        int totalLength = u16(frame, ETHERNET + 2);
        int payloadLength;
        if (totalLength == 0) {
            // segmentation offload: the length is the frame's
            payloadLength = available - headerLength;
        } else if (totalLength < headerLength) {
            return null;
        } else {
            payloadLength = Math.min(totalLength - headerLength, available - headerLength);
        }
        int fragment = u16(frame, ETHERNET + 6);
        if (payloadLength == 0 || (fragment & 0x3fff) != 0) {
            // no payload, or a fragment (more-fragments flag or an offset)
            return null;
        }
        int ipId = u16(frame, ETHERNET + 4);
        int number = frame[ETHERNET + 9] & 0xff;
        int from = ETHERNET + headerLength;
        int to = from + payloadLength;
        Ipv4 ip = new Ipv4(ipId, number, ip(frame, ETHERNET + 12), ip(frame, ETHERNET + 16));
        Transport transport = switch (number) {
            case TCP -> tcp(frame, from, to, ip, summaries);
            case UDP -> udp(frame, from, to, ip, point, record.timestampNanos(), summaries);
            case ICMP -> icmp(frame, from, to, ip, summaries);
            case IGMP ->
                new Transport(
                        Protocol.IGMP,
                        -1,
                        -1,
                        summaries ? "IGMP (" + payloadLength + " bytes)" : null,
                        PacketDecoder.mix(ip.invariant(), hash(frame, from, to)));
            default -> null;
        };
        if (transport == null) {
            return null;
        }
        long identity = transport.invariant() == 0 ? 1 : transport.invariant();
        String summary = summaries ? ip.src() + " > " + ip.dst() + ": " + transport.what() : null;
        return new PacketEvent(
                sequence,
                point,
                record.timestampNanos(),
                record.originalLength(),
                mac(frame, 6),
                mac(frame, 0),
                transport.protocol(),
                ip.src(),
                ip.dst(),
                transport.srcPort(),
                transport.dstPort(),
                ipId,
                identity,
                summary,
                0,
                transport.vni());
    }

    /** An IPv6 packet: its addresses, what it carries (by {@link PacketDecoder#ipv6What}) and its payload's hash. */
    private static PacketEvent ipv6(
            CapturePoint point, long sequence, PcapRecord record, byte[] frame, boolean summaries) {
        if (frame.length < ETHERNET + PacketDecoder.IPV6_HEADER) {
            return null;
        }
        int end = PacketDecoder.ipv6End(frame);
        String srcIp = ipv6(frame, ETHERNET + 8);
        String dstIp = ipv6(frame, ETHERNET + 24);
        String summary = summaries ? srcIp + " > " + dstIp + ": " + PacketDecoder.ipv6What(frame, end) : null;
        long identity = PacketDecoder.ipv6Identity(srcIp, dstIp, frame, end);
        return new PacketEvent(
                sequence,
                point,
                record.timestampNanos(),
                record.originalLength(),
                mac(frame, 6),
                mac(frame, 0),
                Protocol.IPV6,
                srcIp,
                dstIp,
                -1,
                -1,
                -1,
                identity,
                summary,
                0);
    }

    /** The IPv4 header fields the layers above need. */
    private record Ipv4(int id, int protocol, String src, String dst) {
        long invariant() {
            return PacketDecoder.mix(id, protocol);
        }
    }

    /**
     * What the transport layer adds: its protocol, ports, its part of the summary and the identity, and the VNI
     * of a VXLAN packet (-1 for any other).
     */
    private record Transport(Protocol protocol, int srcPort, int dstPort, String what, long invariant, int vni) {
        Transport(Protocol protocol, int srcPort, int dstPort, String what, long invariant) {
            this(protocol, srcPort, dstPort, what, invariant, -1);
        }
    }

    private static Transport tcp(byte[] frame, int from, int to, Ipv4 ip, boolean summaries) {
        if (to - from < TCP_HEADER) {
            return null;
        }
        int headerLength = ((frame[from + 12] & 0xf0) >>> 4) * 4;
        if (headerLength < TCP_HEADER
                || headerLength > to - from
                || !wellFormedOptions(frame, from + TCP_HEADER, from + headerLength)) {
            return null;
        }
        int srcPort = u16(frame, from);
        int dstPort = u16(frame, from + 2);
        if (decodedFurther(TCP, srcPort) || decodedFurther(TCP, dstPort)) {
            return null;
        }
        int sequence = s32(frame, from + 4);
        int acknowledgment = s32(frame, from + 8);
        int flags = frame[from + 13] & 0xff;
        boolean ack = (flags & 0x10) != 0;
        int dataFrom = from + headerLength;
        int dataLength = to - dataFrom;
        long invariant = PacketDecoder.mix(
                PacketDecoder.mix(ip.invariant(), sequence),
                PacketDecoder.mix(acknowledgment, PacketDecoder.mix(flagBits(flags), hash(frame, dataFrom, to))));
        if (!summaries) {
            return new Transport(Protocol.TCP, srcPort, dstPort, null, invariant);
        }
        StringBuilder what = new StringBuilder(64)
                .append(srcPort)
                .append(" > ")
                .append(dstPort)
                .append(" [");
        appendFlags(what, flags);
        what.append("] seq ").append(Integer.toUnsignedLong(sequence));
        if (ack) {
            what.append(" ack ").append(Integer.toUnsignedLong(acknowledgment));
        }
        if (dataLength > 0) {
            what.append(' ')
                    .append(dataLength)
                    .append(" bytes \"")
                    .append(PacketDecoder.printable(frame, dataFrom, to))
                    .append('"');
        }
        return new Transport(Protocol.TCP, srcPort, dstPort, what.toString(), invariant);
    }

    /** A UDP packet; a VXLAN packet in the words and with the identity of the frame it carries. */
    private static Transport udp(
            byte[] frame, int from, int to, Ipv4 ip, CapturePoint point, long timestampNanos, boolean summaries) {
        if (to - from < UDP_HEADER) {
            return null;
        }
        int length = u16(frame, from + 4);
        int srcPort = u16(frame, from);
        int dstPort = u16(frame, from + 2);
        if (length < UDP_HEADER || decodedFurther(UDP, srcPort) || decodedFurther(UDP, dstPort)) {
            return null;
        }
        int dataLength = Math.min(length - UDP_HEADER, to - from - UDP_HEADER);
        int dataFrom = from + UDP_HEADER;
        long invariant = PacketDecoder.mix(ip.invariant(), hash(frame, dataFrom, dataFrom + dataLength));
        Vxlan.Carried carried = dstPort == Vxlan.PORT
                ? Vxlan.open(point, timestampNanos, frame, dataFrom, dataFrom + dataLength, summaries)
                : null;
        if (carried != null) {
            return new Transport(
                    Protocol.UDP, srcPort, dstPort, carried.summary(), carried.identity(invariant), carried.vni());
        }
        String what = summaries ? "UDP " + srcPort + " > " + dstPort + " " + dataLength + " bytes" : null;
        return new Transport(Protocol.UDP, srcPort, dstPort, what, invariant);
    }

    /** Whether pcap4j decodes the payload to or from this TCP or UDP port as a protocol of its own. */
    static boolean decodedFurther(int transport, int port) {
        return port == DNS || transport == UDP && (port == GTP_C || port == GTP_U || port == GTP_PRIME);
    }

    /** Echo requests and replies only: other types have names and inner packets pcap4j knows. */
    private static Transport icmp(byte[] frame, int from, int to, Ipv4 ip, boolean summaries) {
        if (to - from < ICMP_ECHO_HEADER) {
            return null;
        }
        int type = frame[from] & 0xff;
        if (type != ICMP_ECHO_REQUEST && type != ICMP_ECHO_REPLY) {
            return null;
        }
        int id = u16(frame, from + 4);
        int sequence = u16(frame, from + 6);
        String what = !summaries
                ? null
                : (type == ICMP_ECHO_REQUEST ? "ICMP echo request id " : "ICMP echo reply id ") + id + " seq "
                        + sequence;
        // the echo identifier is left out: NAT may rewrite it, like a port
        long invariant = PacketDecoder.mix(PacketDecoder.mix(ip.invariant(), type), hash(frame, from + 6, to));
        return new Transport(Protocol.ICMP, id, id, what, invariant);
    }

    /**
     * Whether IPv4 or TCP options between {@code from} and {@code to} are a clean list (end, no-op, or kind
     * and a length that fits): then pcap4j's header ends where the header length says, as it does here.
     */
    private static boolean wellFormedOptions(byte[] frame, int from, int to) {
        int at = from;
        while (at < to) {
            int kind = frame[at] & 0xff;
            if (kind == 0) {
                return true;
            }
            if (kind == 1) {
                at++;
                continue;
            }
            if (at + 1 >= to) {
                return false;
            }
            int length = frame[at + 1] & 0xff;
            if (length < 2 || at + length > to) {
                return false;
            }
            at += length;
        }
        return true;
    }

    private static void appendFlags(StringBuilder text, int flags) {
        int start = text.length();
        for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
            if ((flags & TCP_FLAG_MASKS[i]) != 0) {
                if (text.length() > start) {
                    text.append('-');
                }
                text.append(TCP_FLAG_NAMES[i]);
            }
        }
        if (text.length() == start) {
            text.append("none");
        }
    }

    /** The flags as {@link PacketDecoder}'s identity numbers them. */
    private static int flagBits(int flags) {
        return ((flags & 0x02) != 0 ? 1 : 0)
                | ((flags & 0x01) != 0 ? 2 : 0)
                | ((flags & 0x04) != 0 ? 4 : 0)
                | ((flags & 0x08) != 0 ? 8 : 0)
                | ((flags & 0x10) != 0 ? 16 : 0)
                | ((flags & 0x20) != 0 ? 32 : 0);
    }

    /** {@link java.util.Arrays#hashCode(byte[])} of {@code bytes[from..to)}, without the copy. */
    static int hash(byte[] bytes, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }

    private static int s32(byte[] bytes, int at) {
        return (u16(bytes, at) << 16) | u16(bytes, at + 2);
    }

    /** Dotted IPv4 text, shared with earlier frames from the same address. */
    private static String ip(byte[] bytes, int at) {
        long key = s32(bytes, at) & 0xffffffffL;
        String text = IP_TEXTS.get(key);
        if (text == null) {
            text = (bytes[at] & 0xff) + "." + (bytes[at + 1] & 0xff) + "." + (bytes[at + 2] & 0xff) + "."
                    + (bytes[at + 3] & 0xff);
            IP_TEXTS.put(key, text);
        }
        return text;
    }

    /** An IPv6 address as people write it, shared with earlier frames from the same address. */
    private static String ipv6(byte[] bytes, int at) {
        long high = ((long) s32(bytes, at) << 32) | (s32(bytes, at + 4) & 0xffffffffL);
        long low = ((long) s32(bytes, at + 8) << 32) | (s32(bytes, at + 12) & 0xffffffffL);
        String text = IPV6_TEXTS.get(high, low);
        if (text == null) {
            text = PacketDecoder.compressed(java.util.Arrays.copyOfRange(bytes, at, at + 16));
            IPV6_TEXTS.put(high, low, text);
        }
        return text;
    }

    private static String mac(byte[] bytes, int at) {
        long key = ((long) u16(bytes, at) << 32) | (s32(bytes, at + 2) & 0xffffffffL);
        String text = MAC_TEXTS.get(key);
        if (text == null) {
            text = PacketDecoder.mac(bytes, at);
            MAC_TEXTS.put(key, text);
        }
        return text;
    }

    /**
     * A small direct-mapped cache of texts by a 64-bit key. Safe across capture threads without a lock: each
     * slot holds one immutable entry, replaced whole.
     */
    private static final class TextCache {
        private static final int SIZE = 1024;
        private final Entry[] slots = new Entry[SIZE];

        private record Entry(long key, String text) {}

        String get(long key) {
            Entry entry = slots[slot(key)];
            return entry != null && entry.key() == key ? entry.text() : null;
        }

        void put(long key, String text) {
            slots[slot(key)] = new Entry(key, text);
        }

        private static int slot(long key) {
            long mixed = key * 0x9E3779B97F4A7C15L;
            return (int) (mixed >>> 54) & (SIZE - 1);
        }
    }

    /** {@link TextCache} for 128-bit keys (IPv6 addresses). */
    private static final class Ipv6TextCache {
        private static final int SIZE = 256;
        private final Entry[] slots = new Entry[SIZE];

        private record Entry(long high, long low, String text) {}

        String get(long high, long low) {
            Entry entry = slots[slot(high, low)];
            return entry != null && entry.high() == high && entry.low() == low ? entry.text() : null;
        }

        void put(long high, long low, String text) {
            slots[slot(high, low)] = new Entry(high, low, text);
        }

        private static int slot(long high, long low) {
            long mixed = PacketDecoder.mix(high, low) * 0x9E3779B97F4A7C15L;
            return (int) (mixed >>> 56) & (SIZE - 1);
        }
    }
}
