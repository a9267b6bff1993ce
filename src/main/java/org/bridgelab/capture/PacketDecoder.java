package org.bridgelab.capture;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.StringJoiner;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * Turns a captured Ethernet frame into a {@link PacketEvent}: the common frames straight from their bytes
 * ({@link FastDecoder}), everything else with pcap4j, and both give the same event for a frame. Never throws:
 * a frame it cannot make sense of becomes a {@link Protocol#MALFORMED} event that says why, since a broken
 * frame is itself something to show.
 */
public final class PacketDecoder {
    private static final int MAX_TEXT = 60;
    private static final int ETHERNET = 14;
    static final int IPV6_HEADER = 40;

    private PacketDecoder() {}

    public static PacketEvent decode(CapturePoint point, long sequence, PcapRecord record) {
        PacketEvent event = FastDecoder.decode(point, sequence, record);
        return event != null ? event : decodeWithPcap4j(point, sequence, record);
    }

    /**
     * {@link #decode}, with a null summary: for a pass that only correlates the frames. The fast path skips
     * building the text; pcap4j's, rare, builds it and drops it, so no kept event holds it.
     */
    public static PacketEvent decodeWithoutSummary(CapturePoint point, long sequence, PcapRecord record) {
        PacketEvent event = FastDecoder.decode(point, sequence, record, false);
        if (event != null) {
            return event;
        }
        PacketEvent full = decodeWithPcap4j(point, sequence, record);
        return new PacketEvent(
                full.sequence(),
                point,
                full.timestampNanos(),
                full.length(),
                full.srcMac(),
                full.dstMac(),
                full.protocol(),
                full.srcIp(),
                full.dstIp(),
                full.srcPort(),
                full.dstPort(),
                full.ipId(),
                full.identity(),
                null,
                full.travel(),
                full.vni());
    }

    /** The whole frame through pcap4j: what the fast path leaves alone, and the reference it is tested against. */
    static PacketEvent decodeWithPcap4j(CapturePoint point, long sequence, PcapRecord record) {
        try {
            EthernetPacket ethernet = EthernetPacket.newPacket(record.data(), 0, record.data().length);
            return new Decoding(point, sequence, record, ethernet).event();
        } catch (Exception | StackOverflowError | NoClassDefFoundError e) {
            // pcap4j refuses a too-short Ethernet header with an exception; anything else is a decoder bug
            // that must not take the capture down with it
            return new PacketEvent(
                    sequence,
                    point,
                    record.timestampNanos(),
                    record.originalLength(),
                    null,
                    null,
                    Protocol.MALFORMED,
                    null,
                    null,
                    -1,
                    -1,
                    -1,
                    0,
                    "malformed frame (" + record.data().length + " bytes): "
                            + e.getClass().getSimpleName(),
                    0);
        }
    }

    /** One frame being decoded; fills in the fields as it goes down the layers. */
    private static final class Decoding {
        private final CapturePoint point;
        private final long sequence;
        private final PcapRecord record;
        private final EthernetPacket ethernet;
        private Protocol protocol = Protocol.ETHERNET;
        private String srcIp;
        private String dstIp;
        private int srcPort = -1;
        private int dstPort = -1;
        private int ipId = -1;
        private long identity;
        private String summary;
        private int vni = -1;

        Decoding(CapturePoint point, long sequence, PcapRecord record, EthernetPacket ethernet) {
            this.point = point;
            this.sequence = sequence;
            this.record = record;
            this.ethernet = ethernet;
        }

        PacketEvent event() {
            Packet payload = ethernet.getPayload();
            if (payload instanceof ArpPacket arp) {
                arp(arp);
            } else if (payload instanceof IpV4Packet ip) {
                ipv4(ip);
            } else if (payload instanceof IpV6Packet ip) {
                ipv6(ip);
            } else if (payload instanceof IllegalPacket) {
                protocol = Protocol.MALFORMED;
                summary = ethernet.getHeader().getType() + ": malformed payload";
            } else {
                summary = "EtherType " + ethernet.getHeader().getType();
            }
            return new PacketEvent(
                    sequence,
                    point,
                    record.timestampNanos(),
                    record.originalLength(),
                    mac(record.data(), 6),
                    mac(record.data(), 0),
                    protocol,
                    srcIp,
                    dstIp,
                    srcPort,
                    dstPort,
                    ipId,
                    identity,
                    summary,
                    0,
                    vni);
        }

        private void arp(ArpPacket arp) {
            protocol = Protocol.ARP;
            ArpPacket.ArpHeader header = arp.getHeader();
            srcIp = text(header.getSrcProtocolAddr());
            dstIp = text(header.getDstProtocolAddr());
            String senderMac = header.getSrcHardwareAddr().toString();
            if (header.getOperation().equals(ArpOperation.REQUEST)) {
                summary = "who-has " + dstIp + " tell " + srcIp;
            } else if (header.getOperation().equals(ArpOperation.REPLY)) {
                summary = srcIp + " is-at " + senderMac;
            } else {
                summary = "ARP " + header.getOperation().name() + " " + srcIp + " > " + dstIp;
            }
            identity = mix(
                    mix(header.getOperation().value(), senderMac.hashCode()), mix(srcIp.hashCode(), dstIp.hashCode()));
        }

        private void ipv4(IpV4Packet ip) {
            protocol = Protocol.IPV4;
            IpV4Packet.IpV4Header header = ip.getHeader();
            srcIp = text(header.getSrcAddr());
            dstIp = text(header.getDstAddr());
            ipId = header.getIdentificationAsInt();
            IpNumber number = header.getProtocol();
            Packet payload = ip.getPayload();
            long invariant = mix(ipId, number.value());
            String what;
            if (payload instanceof TcpPacket tcp) {
                protocol = Protocol.TCP;
                TcpPacket.TcpHeader tcpHeader = tcp.getHeader();
                srcPort = tcpHeader.getSrcPort().valueAsInt();
                dstPort = tcpHeader.getDstPort().valueAsInt();
                byte[] data = tcp.getPayload() == null
                        ? new byte[0]
                        : tcp.getPayload().getRawData();
                what = srcPort + " > " + dstPort + " [" + flags(tcpHeader) + "] seq "
                        + tcpHeader.getSequenceNumberAsLong()
                        + (tcpHeader.getAck() ? " ack " + tcpHeader.getAcknowledgmentNumberAsLong() : "")
                        + (data.length > 0 ? " " + data.length + " bytes \"" + printable(data) + "\"" : "");
                invariant = mix(
                        mix(invariant, tcpHeader.getSequenceNumber()),
                        mix(tcpHeader.getAcknowledgmentNumber(), mix(flagBits(tcpHeader), Arrays.hashCode(data))));
            } else if (payload instanceof UdpPacket udp) {
                protocol = Protocol.UDP;
                srcPort = udp.getHeader().getSrcPort().valueAsInt();
                dstPort = udp.getHeader().getDstPort().valueAsInt();
                byte[] data = udp.getPayload() == null
                        ? new byte[0]
                        : udp.getPayload().getRawData();
                Vxlan.Carried carried = dstPort == Vxlan.PORT
                        ? Vxlan.open(point, record.timestampNanos(), data, 0, data.length, true)
                        : null;
                what = carried != null
                        ? carried.summary()
                        : "UDP " + srcPort + " > " + dstPort + " " + data.length + " bytes";
                invariant = mix(invariant, Arrays.hashCode(data));
                if (carried != null) {
                    vni = carried.vni();
                    invariant = carried.identity(invariant);
                }
            } else if (payload instanceof IcmpV4CommonPacket icmp) {
                protocol = Protocol.ICMP;
                what = icmp(icmp);
                // the echo identifier is left out: NAT may rewrite it, like a port
                byte[] rest = icmp.getPayload() == null
                        ? new byte[0]
                        : icmp.getPayload().getRawData();
                invariant = mix(mix(invariant, icmp.getHeader().getType().value()), Arrays.hashCode(restAfterId(rest)));
            } else if (number.equals(IpNumber.IGMP)) {
                protocol = Protocol.IGMP;
                what = "IGMP (" + (payload == null ? 0 : payload.length()) + " bytes)";
                invariant = mix(invariant, payload == null ? 0 : Arrays.hashCode(payload.getRawData()));
            } else {
                what = number + (payload instanceof IllegalPacket ? " (malformed)" : "") + " ("
                        + (payload == null ? 0 : payload.length()) + " bytes)";
                invariant = mix(invariant, payload == null ? 0 : Arrays.hashCode(payload.getRawData()));
            }
            identity = invariant == 0 ? 1 : invariant;
            summary = srcIp + " > " + dstIp + ": " + what;
        }

        /** The echo pcap4j returns as payload starts with the identifier (2 bytes); sequence and data follow. */
        private byte[] restAfterId(byte[] echo) {
            return echo.length >= 2 ? Arrays.copyOfRange(echo, 2, echo.length) : echo;
        }

        private String icmp(IcmpV4CommonPacket icmp) {
            if (icmp.getPayload() instanceof IcmpV4EchoPacket echo) {
                int id = echo.getHeader().getIdentifierAsInt();
                srcPort = id;
                dstPort = id;
                return "ICMP echo request id " + id + " seq " + echo.getHeader().getSequenceNumberAsInt();
            }
            if (icmp.getPayload() instanceof IcmpV4EchoReplyPacket reply) {
                int id = reply.getHeader().getIdentifierAsInt();
                srcPort = id;
                dstPort = id;
                return "ICMP echo reply id " + id + " seq " + reply.getHeader().getSequenceNumberAsInt();
            }
            return "ICMP " + icmp.getHeader().getType().name() + " ("
                    + icmp.getHeader().getCode().name() + ")";
        }

        private void ipv6(IpV6Packet ip) {
            protocol = Protocol.IPV6;
            srcIp = text(ip.getHeader().getSrcAddr());
            dstIp = text(ip.getHeader().getDstAddr());
            // what it carries and its identity from the frame's own bytes, as the fast path reads them: pcap4j
            // 1.8 reparses some payloads wrongly (an MLD report behind a hop-by-hop header with padding is read
            // two bytes early, as an ICMPv6 error holding an IPv6 packet) and then rewrites their bytes
            int end = ipv6End(record.data());
            summary = srcIp + " > " + dstIp + ": " + ipv6What(record.data(), end);
            identity = ipv6Identity(srcIp, dstIp, record.data(), end);
        }

        static String icmpV6Name(int type) {
            return switch (type) {
                case 1 -> "destination unreachable";
                case 2 -> "packet too big";
                case 3 -> "time exceeded";
                case 4 -> "parameter problem";
                case 128 -> "echo request";
                case 129 -> "echo reply";
                case 130 -> "multicast listener query";
                case 131 -> "multicast listener report";
                case 132 -> "multicast listener done";
                case 133 -> "router solicitation";
                case 134 -> "router advertisement";
                case 135 -> "neighbor solicitation";
                case 136 -> "neighbor advertisement";
                case 137 -> "redirect";
                case 143 -> "multicast listener report v2";
                default -> "type " + type;
            };
        }

        private static String flags(TcpPacket.TcpHeader h) {
            StringJoiner names = new StringJoiner("-");
            if (h.getSyn()) {
                names.add("SYN");
            }
            if (h.getFin()) {
                names.add("FIN");
            }
            if (h.getRst()) {
                names.add("RST");
            }
            if (h.getPsh()) {
                names.add("PSH");
            }
            if (h.getUrg()) {
                names.add("URG");
            }
            if (h.getAck()) {
                names.add("ACK");
            }
            return names.length() == 0 ? "none" : names.toString();
        }

        private static int flagBits(TcpPacket.TcpHeader h) {
            return (h.getSyn() ? 1 : 0)
                    | (h.getFin() ? 2 : 0)
                    | (h.getRst() ? 4 : 0)
                    | (h.getPsh() ? 8 : 0)
                    | (h.getAck() ? 16 : 0)
                    | (h.getUrg() ? 32 : 0);
        }
    }

    /**
     * Where the IPv6 packet in an Ethernet frame (at least its header) ends, as pcap4j bounds it: after its
     * payload length, or at the end of the frame when that is zero (segmentation offload) or too long.
     */
    static int ipv6End(byte[] frame) {
        int start = ETHERNET + IPV6_HEADER;
        int declared = ((frame[ETHERNET + 4] & 0xff) << 8) | (frame[ETHERNET + 5] & 0xff);
        int available = frame.length - start;
        return start + (declared == 0 || declared > available ? available : declared);
    }

    /** "ICMPv6 neighbor solicitation", "IPv6 UDP": what the IPv6 packet in {@code frame[14..end)} carries. */
    static String ipv6What(byte[] frame, int end) {
        int icmpType = icmpV6Type(frame, ETHERNET, end);
        return icmpType < 0
                ? "IPv6 " + IpNumber.getInstance(frame[ETHERNET + 6]).name()
                : "ICMPv6 " + Decoding.icmpV6Name(icmpType);
    }

    /** An IPv6 packet's identity: its addresses and its whole payload (0 for a packet without one). */
    static long ipv6Identity(String srcIp, String dstIp, byte[] frame, int end) {
        int start = ETHERNET + IPV6_HEADER;
        return mix(mix(srcIp.hashCode(), dstIp.hashCode()), end == start ? 0 : FastDecoder.hash(frame, start, end));
    }

    /**
     * The ICMPv6 type behind the IPv6 header of {@code bytes[from..to)} and its hop-by-hop, routing and
     * destination options headers, or -1.
     */
    private static int icmpV6Type(byte[] bytes, int from, int to) {
        int next = bytes[from + 6] & 0xff;
        int offset = from + IPV6_HEADER;
        while ((next == 0 || next == 43 || next == 60) && offset + 1 < to) {
            int length = ((bytes[offset + 1] & 0xff) + 1) * 8;
            next = bytes[offset] & 0xff;
            offset += length;
        }
        return next == 58 && offset < to ? bytes[offset] & 0xff : -1;
    }

    static String text(InetAddress address) {
        if (address instanceof java.net.Inet6Address) {
            return compressed(address.getAddress());
        }
        return address == null ? null : address.getHostAddress();
    }

    /** IPv6 as people write it (RFC 5952: "fe80::1", "ff02::16"), not Java's "fe80:0:0:0:0:0:0:1". */
    static String compressed(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Payload as text a learner can read: printable ASCII kept, the rest as dots, long text cut. */
    static String printable(byte[] data) {
        return printable(data, 0, data.length);
    }

    /** {@link #printable(byte[])} of {@code data[from..to)}. */
    static String printable(byte[] data, int from, int to) {
        StringBuilder text = new StringBuilder(Math.min(to - from, MAX_TEXT) + 2);
        for (int i = from; i < to && text.length() < MAX_TEXT; i++) {
            int c = data[i] & 0xff;
            if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else {
                text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
        }
        return to - from > MAX_TEXT ? text + "…" : text.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A MAC address straight from the frame's bytes (pcap4j's MacAddress.toString is a hot spot). */
    static String mac(byte[] frame, int offset) {
        char[] text = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = frame[offset + i] & 0xff;
            text[3 * i] = HEX[b >>> 4];
            text[3 * i + 1] = HEX[b & 0xf];
            if (i < 5) {
                text[3 * i + 2] = ':';
            }
        }
        return new String(text);
    }

    static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        return h ^ (h >>> 29);
    }
}
