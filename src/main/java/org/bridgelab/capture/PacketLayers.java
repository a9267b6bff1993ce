package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

/**
 * Decodes one captured frame into its layers and their fields, each with its place in the frame, for the
 * packet detail (a layer tree over a hex dump). Meant for the one packet a learner selects, not for the
 * capture's hot path ({@link PacketDecoder} is that).
 *
 * <p>Every header is parsed by pcap4j from its own offset (so that a broken header is found where it is),
 * the next layer chosen by the header's type number, as a dissector table would; the offsets are the
 * protocols' fixed layouts. IPv6 is read from the bytes, since pcap4j 1.8 miscounts a hop-by-hop header with
 * padding. A UDP datagram to port 4789 is VXLAN: its 8-byte header, then a whole Ethernet frame, decoded the
 * same way. Never throws: what could not be read becomes a "malformed" layer after those that could.
 */
public final class PacketLayers {
    static final int VXLAN_PORT = 4789;
    /** VXLAN in VXLAN in …: a crafted frame must not recurse without end. */
    private static final int MAX_DEPTH = 4;

    private final byte[] frame;
    private final List<PacketLayer> layers = new ArrayList<>();
    /** What is being read and from where, for a decoding bug to be reported as a malformed layer. */
    private String reading = "Ethernet";

    private int readingAt;

    private PacketLayers(byte[] frame) {
        this.frame = frame;
    }

    /** The layers of an Ethernet frame, outermost first. */
    public static List<PacketLayer> decode(byte[] frame) {
        PacketLayers decoding = new PacketLayers(frame == null ? new byte[0] : frame);
        try {
            decoding.ethernet(0, decoding.frame.length, 0);
        } catch (RuntimeException | StackOverflowError | NoClassDefFoundError e) {
            // a decoder bug must not take the window down: the layers read so far stay, the rest is marked
            decoding.malformed(decoding.reading, decoding.readingAt, decoding.frame.length);
        }
        return List.copyOf(decoding.layers);
    }

    private interface Parse<T> {
        T parse() throws IllegalRawDataException;
    }

    /** The header pcap4j reads at this place, or null when it refuses the bytes. */
    private <T> T parse(String what, int offset, Parse<T> parse) {
        reading = what;
        readingAt = offset;
        try {
            return parse.parse();
        } catch (IllegalRawDataException | RuntimeException e) {
            // pcap4j refused these bytes: the caller shows them undecoded, as null asks
            return null;
        }
    }

    // Ethernet and what it carries

    private void ethernet(int offset, int end, int depth) {
        EthernetPacket ethernet = end - offset < 14
                ? null
                : parse("Ethernet", offset, () -> EthernetPacket.newPacket(frame, offset, end - offset));
        if (ethernet == null) {
            malformed("Ethernet", offset, end);
            return;
        }
        int type = u16(offset + 12);
        int pad = ethernet.getPad() == null ? 0 : ethernet.getPad().length;
        int payloadEnd = end - pad;
        List<PacketField> fields = new ArrayList<>(List.of(
                PacketField.of("ethernet.dst", PacketDecoder.mac(frame, offset), offset, 6),
                PacketField.of("ethernet.src", PacketDecoder.mac(frame, offset + 6), offset + 6, 6),
                PacketField.of(
                        "ethernet.type",
                        String.format(
                                "0x%04x (%s)",
                                type, ethernet.getHeader().getType().name()),
                        offset + 12,
                        2)));
        if (pad > 0) {
            fields.add(PacketField.of("ethernet.padding", String.valueOf(pad), payloadEnd, pad));
        }
        layers.add(new PacketLayer(
                "ethernet",
                PacketDecoder.mac(frame, offset + 6) + " → " + PacketDecoder.mac(frame, offset),
                offset,
                14,
                fields));
        int payload = offset + 14;
        switch (type) {
            case 0x0800 -> ipv4(payload, payloadEnd, depth);
            case 0x0806 -> arp(payload, payloadEnd);
            case 0x86dd -> ipv6(payload, payloadEnd, depth);
            default -> payload(payload, payloadEnd);
        }
    }

    private void arp(int offset, int end) {
        ArpPacket arp =
                end - offset < 28 ? null : parse("ARP", offset, () -> ArpPacket.newPacket(frame, offset, end - offset));
        if (arp == null) {
            malformed("ARP", offset, end);
            return;
        }
        ArpPacket.ArpHeader header = arp.getHeader();
        int operation = u16(offset + 6);
        String sender = PacketDecoder.text(header.getSrcProtocolAddr());
        String target = PacketDecoder.text(header.getDstProtocolAddr());
        String senderMac = PacketDecoder.mac(frame, offset + 8);
        String summary = switch (operation) {
            case 1 -> "who-has " + target + " tell " + sender;
            case 2 -> sender + " is-at " + senderMac;
            default -> ProtocolNames.arpOperation(operation) + " " + sender + " → " + target;
        };
        layers.add(new PacketLayer(
                "arp",
                summary,
                offset,
                28,
                List.of(
                        PacketField.of(
                                "arp.hardwareType", u16(offset) + (u16(offset) == 1 ? " (Ethernet)" : ""), offset, 2),
                        PacketField.of(
                                "arp.protocolType",
                                String.format(
                                        "0x%04x (%s)",
                                        u16(offset + 2),
                                        header.getProtocolType().name()),
                                offset + 2,
                                2),
                        PacketField.of("arp.hardwareSize", String.valueOf(u8(offset + 4)), offset + 4, 1),
                        PacketField.of("arp.protocolSize", String.valueOf(u8(offset + 5)), offset + 5, 1),
                        PacketField.of(
                                "arp.operation",
                                ProtocolNames.arpOperation(operation) + " (" + operation + ")",
                                offset + 6,
                                2),
                        PacketField.of("arp.senderMac", senderMac, offset + 8, 6),
                        PacketField.of("arp.senderIp", sender, offset + 14, 4),
                        PacketField.of("arp.targetMac", PacketDecoder.mac(frame, offset + 18), offset + 18, 6),
                        PacketField.of("arp.targetIp", target, offset + 24, 4))));
        payload(offset + 28, end);
    }

    // IP

    private void ipv4(int offset, int end, int depth) {
        IpV4Packet ip = end - offset < 20
                ? null
                : parse("IPv4", offset, () -> IpV4Packet.newPacket(frame, offset, end - offset));
        if (ip == null || u8(offset) >> 4 != 4) {
            malformed("IPv4", offset, end);
            return;
        }
        IpV4Packet.IpV4Header header = ip.getHeader();
        int headerLength = header.getIhlAsInt() * 4;
        int totalLength = header.getTotalLengthAsInt();
        int flags = u8(offset + 6) >> 5;
        int fragmentOffset = u16(offset + 6) & 0x1fff;
        int protocol = u8(offset + 9);
        String src = PacketDecoder.text(header.getSrcAddr());
        String dst = PacketDecoder.text(header.getDstAddr());
        List<PacketField> fields = new ArrayList<>(List.of(
                PacketField.of("ipv4.version", "4", offset, 1),
                PacketField.of("ipv4.headerLength", headerLength + " (" + header.getIhlAsInt() + " × 4)", offset, 1),
                PacketField.of("ipv4.tos", String.format("0x%02x", u8(offset + 1)), offset + 1, 1),
                PacketField.of("ipv4.totalLength", String.valueOf(totalLength), offset + 2, 2),
                PacketField.of(
                        "ipv4.identification",
                        String.format("0x%04x (%d)", header.getIdentificationAsInt(), header.getIdentificationAsInt()),
                        offset + 4,
                        2),
                PacketField.of("ipv4.flags", ipv4Flags(flags), offset + 6, 1),
                PacketField.of("ipv4.fragmentOffset", String.valueOf(fragmentOffset * 8), offset + 6, 2),
                PacketField.of("ipv4.ttl", String.valueOf(header.getTtlAsInt()), offset + 8, 1),
                PacketField.of(
                        "ipv4.protocol", protocol + " (" + ProtocolNames.ipProtocol(protocol) + ")", offset + 9, 1),
                PacketField.checksum(
                        "ipv4.checksum", u16(offset + 10), checksum(offset, headerLength, 0, offset + 10), offset + 10),
                PacketField.of("ipv4.src", src, offset + 12, 4),
                PacketField.of("ipv4.dst", dst, offset + 16, 4)));
        if (headerLength > 20) {
            fields.add(
                    PacketField.of("ipv4.options", String.valueOf(headerLength - 20), offset + 20, headerLength - 20));
        }
        layers.add(new PacketLayer("ipv4", src + " → " + dst, offset, headerLength, fields));
        int payload = offset + headerLength;
        int payloadEnd = totalLength >= headerLength ? Math.min(end, offset + totalLength) : end;
        if (fragmentOffset != 0) {
            // a later fragment carries the middle of a datagram, not a header
            payload(payload, payloadEnd);
            return;
        }
        Pseudo pseudo = new Pseudo(offset + 12, 4, protocol, totalLength - headerLength);
        transport(protocol, payload, payloadEnd, pseudo, depth);
    }

    private static String ipv4Flags(int flags) {
        StringJoiner names = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if ((flags & 4) != 0) {
            names.add("RF");
        }
        if ((flags & 2) != 0) {
            names.add("DF");
        }
        if ((flags & 1) != 0) {
            names.add("MF");
        }
        return "0x" + flags + names;
    }

    /** IPv6 and its extension headers, read from the bytes (see the class comment). */
    private void ipv6(int offset, int end, int depth) {
        reading = "IPv6";
        readingAt = offset;
        if (end - offset < 40 || u8(offset) >> 4 != 6) {
            malformed("IPv6", offset, end);
            return;
        }
        int payloadLength = u16(offset + 4);
        int next = u8(offset + 6);
        String src = PacketDecoder.compressed(java.util.Arrays.copyOfRange(frame, offset + 8, offset + 24));
        String dst = PacketDecoder.compressed(java.util.Arrays.copyOfRange(frame, offset + 24, offset + 40));
        List<PacketField> fields = new ArrayList<>(List.of(
                PacketField.of("ipv6.version", "6", offset, 1),
                PacketField.of("ipv6.trafficClass", String.format("0x%02x", (u16(offset) >> 4) & 0xff), offset, 2),
                PacketField.of(
                        "ipv6.flowLabel",
                        String.format("0x%05x", ((u8(offset + 1) & 0xf) << 16) | u16(offset + 2)),
                        offset + 1,
                        3),
                PacketField.of("ipv6.payloadLength", String.valueOf(payloadLength), offset + 4, 2),
                PacketField.of("ipv6.nextHeader", next + " (" + ProtocolNames.ipProtocol(next) + ")", offset + 6, 1),
                PacketField.of("ipv6.hopLimit", String.valueOf(u8(offset + 7)), offset + 7, 1),
                PacketField.of("ipv6.src", src, offset + 8, 16),
                PacketField.of("ipv6.dst", dst, offset + 24, 16)));
        int payloadEnd = Math.min(end, offset + 40 + payloadLength);
        int at = offset + 40;
        // hop-by-hop, routing and destination options: a next header, a length in 8-byte units after the first 8
        while ((next == 0 || next == 43 || next == 60) && at + 2 <= payloadEnd) {
            int length = (u8(at + 1) + 1) * 8;
            fields.add(PacketField.of(
                    "ipv6.extension",
                    next + " (" + ProtocolNames.ipProtocol(next) + ")",
                    at,
                    Math.min(length, payloadEnd - at)));
            next = u8(at);
            at += length;
        }
        layers.add(new PacketLayer("ipv6", src + " → " + dst, offset, 40, fields));
        if (at > payloadEnd) {
            malformed("IPv6", payloadEnd, end);
            return;
        }
        transport(next, at, payloadEnd, new Pseudo(offset + 8, 16, next, payloadEnd - at), depth);
    }

    /** Where the pseudo-header of a TCP, UDP or ICMPv6 checksum comes from: the IP addresses. */
    private record Pseudo(int addresses, int addressLength, int protocol, int length) {}

    private void transport(int protocol, int offset, int end, Pseudo pseudo, int depth) {
        switch (protocol) {
            case 1 -> icmpv4(offset, end, pseudo);
            case 58 -> icmpv6(offset, end, pseudo);
            case 6 -> tcp(offset, end, pseudo);
            case 17 -> udp(offset, end, pseudo, depth);
            default -> payload(offset, end);
        }
    }

    // ICMP

    private void icmpv4(int offset, int end, Pseudo pseudo) {
        IcmpV4CommonPacket icmp = end - offset < 4
                ? null
                : parse("ICMP", offset, () -> IcmpV4CommonPacket.newPacket(frame, offset, end - offset));
        if (icmp == null) {
            malformed("ICMP", offset, end);
            return;
        }
        icmp(
                "icmpv4",
                ProtocolNames.icmpV4Type(u8(offset)),
                ProtocolNames.icmpV4Code(u8(offset), u8(offset + 1)),
                u8(offset) == 0 || u8(offset) == 8,
                offset,
                end,
                end - offset == pseudo.length() ? checksum(offset, end - offset, 0, offset + 2) : -1);
    }

    private void icmpv6(int offset, int end, Pseudo pseudo) {
        reading = "ICMPv6";
        readingAt = offset;
        if (end - offset < 4) {
            malformed("ICMPv6", offset, end);
            return;
        }
        int type = u8(offset);
        icmp(
                "icmpv6",
                ProtocolNames.icmpV6Type(type),
                String.valueOf(u8(offset + 1)),
                type == 128 || type == 129,
                offset,
                end,
                transportChecksum(offset, end, pseudo, offset + 2));
    }

    private void icmp(String key, String type, String code, boolean echo, int offset, int end, int computed) {
        List<PacketField> fields = new ArrayList<>(List.of(
                PacketField.of("icmp.type", u8(offset) + " (" + type + ")", offset, 1),
                PacketField.of("icmp.code", code, offset + 1, 1),
                computed < 0
                        ? PacketField.of("icmp.checksum", PacketField.hex16(u16(offset + 2)), offset + 2, 2)
                        : PacketField.checksum("icmp.checksum", u16(offset + 2), computed, offset + 2)));
        String summary = type;
        int header = 4;
        if (echo && end - offset >= 8) {
            header = 8;
            fields.add(PacketField.of(
                    "icmp.identifier", String.format("%d (0x%04x)", u16(offset + 4), u16(offset + 4)), offset + 4, 2));
            fields.add(PacketField.of("icmp.sequence", String.valueOf(u16(offset + 6)), offset + 6, 2));
            summary += " id " + u16(offset + 4) + " seq " + u16(offset + 6);
        }
        layers.add(new PacketLayer(key, summary, offset, header, fields));
        payload(offset + header, end);
    }

    // TCP and UDP

    private void tcp(int offset, int end, Pseudo pseudo) {
        TcpPacket tcp =
                end - offset < 20 ? null : parse("TCP", offset, () -> TcpPacket.newPacket(frame, offset, end - offset));
        if (tcp == null) {
            malformed("TCP", offset, end);
            return;
        }
        TcpPacket.TcpHeader header = tcp.getHeader();
        int headerLength = header.getDataOffsetAsInt() * 4;
        int src = header.getSrcPort().valueAsInt();
        int dst = header.getDstPort().valueAsInt();
        String flags = tcpFlags(u16(offset + 12) & 0x1ff);
        List<PacketField> fields = new ArrayList<>(List.of(
                PacketField.of("tcp.srcPort", String.valueOf(src), offset, 2),
                PacketField.of("tcp.dstPort", String.valueOf(dst), offset + 2, 2),
                PacketField.of("tcp.sequence", String.valueOf(header.getSequenceNumberAsLong()), offset + 4, 4),
                PacketField.of(
                        "tcp.acknowledgment", String.valueOf(header.getAcknowledgmentNumberAsLong()), offset + 8, 4),
                PacketField.of(
                        "tcp.headerLength",
                        headerLength + " (" + header.getDataOffsetAsInt() + " × 4)",
                        offset + 12,
                        1),
                PacketField.of(
                        "tcp.flags", String.format("0x%03x (%s)", u16(offset + 12) & 0x1ff, flags), offset + 12, 2),
                PacketField.of("tcp.window", String.valueOf(header.getWindowAsInt()), offset + 14, 2),
                transportChecksumField("tcp.checksum", offset, end, pseudo, offset + 16),
                PacketField.of("tcp.urgentPointer", String.valueOf(header.getUrgentPointerAsInt()), offset + 18, 2)));
        if (headerLength > 20) {
            StringJoiner options = new StringJoiner(", ");
            header.getOptions().forEach(option -> options.add(option.getKind().name()));
            fields.add(PacketField.of("tcp.options", options.toString(), offset + 20, headerLength - 20));
        }
        layers.add(new PacketLayer("tcp", src + " → " + dst + " [" + flags + "]", offset, headerLength, fields));
        payload(offset + headerLength, end);
    }

    private static String tcpFlags(int bits) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
        StringJoiner set = new StringJoiner(", ");
        // in the order people say them: SYN, ACK, not the order of the bits
        for (int bit : new int[] {1, 0, 2, 3, 4, 5, 6, 7, 8}) {
            if ((bits & (1 << bit)) != 0) {
                set.add(names[bit]);
            }
        }
        return set.length() == 0 ? "-" : set.toString();
    }

    private void udp(int offset, int end, Pseudo pseudo, int depth) {
        UdpPacket udp =
                end - offset < 8 ? null : parse("UDP", offset, () -> UdpPacket.newPacket(frame, offset, end - offset));
        if (udp == null) {
            malformed("UDP", offset, end);
            return;
        }
        int src = u16(offset);
        int dst = u16(offset + 2);
        int stored = u16(offset + 6);
        PacketField checksum = stored == 0 && pseudo.addressLength() == 4
                ? new PacketField("udp.checksum", PacketField.hex16(0), offset + 6, 2, PacketField.Check.UNUSED, "")
                : transportChecksumField("udp.checksum", offset, end, pseudo, offset + 6);
        layers.add(new PacketLayer(
                "udp",
                src + " → " + dst,
                offset,
                8,
                List.of(
                        PacketField.of("udp.srcPort", String.valueOf(src), offset, 2),
                        PacketField.of("udp.dstPort", String.valueOf(dst), offset + 2, 2),
                        PacketField.of(
                                "udp.length", String.valueOf(udp.getHeader().getLengthAsInt()), offset + 4, 2),
                        checksum)));
        if (dst == VXLAN_PORT && depth < MAX_DEPTH) {
            vxlan(offset + 8, end, depth);
        } else {
            payload(offset + 8, end);
        }
    }

    /** RFC 7348: flags (0x08: the VNI is valid), 3 reserved bytes, the 24-bit VNI, 1 reserved; then a frame. */
    private void vxlan(int offset, int end, int depth) {
        reading = "VXLAN";
        readingAt = offset;
        if (end - offset < 8) {
            malformed("VXLAN", offset, end);
            return;
        }
        int flags = u8(offset);
        int vni = (u16(offset + 4) << 8) | u8(offset + 6);
        layers.add(new PacketLayer(
                "vxlan",
                "VNI " + vni,
                offset,
                8,
                List.of(
                        PacketField.of(
                                "vxlan.flags",
                                String.format("0x%02x%s", flags, (flags & 0x08) != 0 ? " (I)" : ""),
                                offset,
                                1),
                        PacketField.of("vxlan.vni", String.valueOf(vni), offset + 4, 3))));
        if (end > offset + 8) {
            ethernet(offset + 8, end, depth + 1);
        }
    }

    // what is left

    private void payload(int offset, int end) {
        if (end > offset) {
            byte[] data = java.util.Arrays.copyOfRange(frame, offset, end);
            layers.add(new PacketLayer(
                    "payload",
                    String.valueOf(end - offset),
                    offset,
                    end - offset,
                    List.of(PacketField.of("payload.data", PacketDecoder.printable(data), offset, end - offset))));
        }
    }

    private void malformed(String what, int offset, int end) {
        int from = Math.min(Math.max(0, offset), frame.length);
        int length = Math.max(0, Math.min(end, frame.length) - from);
        layers.add(new PacketLayer(
                PacketLayer.MALFORMED,
                what,
                from,
                length,
                List.of(PacketField.of("malformed.bytes", String.valueOf(length), from, length))));
    }

    // checksums

    private PacketField transportChecksumField(String key, int offset, int end, Pseudo pseudo, int at) {
        int computed = transportChecksum(offset, end, pseudo, at);
        if (computed >= 0 && u16(at) != computed && u16(at) == fold(pseudoSum(pseudo))) {
            return new PacketField(
                    key, PacketField.hex16(u16(at)), at, 2, PacketField.Check.OFFLOADED, PacketField.hex16(computed));
        }
        return computed < 0
                ? PacketField.of(key, PacketField.hex16(u16(at)), at, 2)
                : PacketField.checksum(key, u16(at), computed, at);
    }

    private long pseudoSum(Pseudo pseudo) {
        return pseudo.length() + pseudo.protocol() + sum16(pseudo.addresses(), 2 * pseudo.addressLength(), -1);
    }

    private static int fold(long sum) {
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }

    /** Over the pseudo-header and the segment, or -1 when the segment was not captured whole. */
    private int transportChecksum(int offset, int end, Pseudo pseudo, int at) {
        if (end - offset != pseudo.length()) {
            return -1;
        }
        return checksum(offset, end - offset, pseudoSum(pseudo), at);
    }

    /** The Internet checksum of {@code length} bytes from {@code offset}, with the checksum field at {@code at} as 0. */
    private int checksum(int offset, int length, long initial, int at) {
        return ~fold(initial + sum16(offset, length, at)) & 0xffff;
    }

    private long sum16(int offset, int length, int skip) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            if (offset + i == skip) {
                continue;
            }
            int high = u8(offset + i);
            int low = i + 1 < length ? u8(offset + i + 1) : 0;
            sum += (high << 8) | low;
        }
        return sum;
    }

    private int u8(int offset) {
        return frame[offset] & 0xff;
    }

    private int u16(int offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }
}
