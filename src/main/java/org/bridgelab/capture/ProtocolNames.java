package org.bridgelab.capture;

import java.util.Map;
import org.pcap4j.packet.namednumber.IcmpV6Type;

/**
 * The names protocols give their numbers, as packet analysers print them ("echo request", "port
 * unreachable"), for the packet detail: pcap4j's where it keeps them in the words a learner reads, tables
 * of number and name where its words are not (its IP protocol names are abbreviations).
 */
final class ProtocolNames {
    private static final Map<Integer, String> IP_PROTOCOLS = Map.ofEntries(
            Map.entry(0, "Hop-by-Hop Options"),
            Map.entry(1, "ICMP"),
            Map.entry(2, "IGMP"),
            Map.entry(4, "IPIP"),
            Map.entry(6, "TCP"),
            Map.entry(17, "UDP"),
            Map.entry(41, "IPv6"),
            Map.entry(43, "Routing"),
            Map.entry(44, "Fragment"),
            Map.entry(47, "GRE"),
            Map.entry(50, "ESP"),
            Map.entry(51, "AH"),
            Map.entry(58, "ICMPv6"),
            Map.entry(59, "No Next Header"),
            Map.entry(60, "Destination Options"),
            Map.entry(89, "OSPF"),
            Map.entry(112, "VRRP"),
            Map.entry(132, "SCTP"));

    private static final Map<Integer, String> ICMP_V4_TYPES = Map.ofEntries(
            Map.entry(0, "echo reply"),
            Map.entry(3, "destination unreachable"),
            Map.entry(4, "source quench"),
            Map.entry(5, "redirect"),
            Map.entry(8, "echo request"),
            Map.entry(9, "router advertisement"),
            Map.entry(10, "router solicitation"),
            Map.entry(11, "time exceeded"),
            Map.entry(12, "parameter problem"),
            Map.entry(13, "timestamp request"),
            Map.entry(14, "timestamp reply"));

    private static final Map<Integer, String> UNREACHABLE_CODES = Map.ofEntries(
            Map.entry(0, "net unreachable"),
            Map.entry(1, "host unreachable"),
            Map.entry(2, "protocol unreachable"),
            Map.entry(3, "port unreachable"),
            Map.entry(4, "fragmentation needed"),
            Map.entry(5, "source route failed"),
            Map.entry(6, "destination network unknown"),
            Map.entry(7, "destination host unknown"),
            Map.entry(9, "network administratively prohibited"),
            Map.entry(10, "host administratively prohibited"),
            Map.entry(13, "communication administratively prohibited"));

    private ProtocolNames() {}

    static String ipProtocol(int number) {
        return IP_PROTOCOLS.getOrDefault(number, "protocol " + number);
    }

    static String arpOperation(int operation) {
        return switch (operation) {
            case 1 -> "request";
            case 2 -> "reply";
            case 3 -> "RARP request";
            case 4 -> "RARP reply";
            default -> "operation " + operation;
        };
    }

    static String icmpV4Type(int type) {
        return ICMP_V4_TYPES.getOrDefault(type, "type " + type);
    }

    /** The code with its name where the type gives codes one ("3 (port unreachable)"), else the number. */
    static String icmpV4Code(int type, int code) {
        String name = switch (type) {
            case 3 -> UNREACHABLE_CODES.get(code);
            case 11 -> code == 0 ? "TTL exceeded in transit" : code == 1 ? "fragment reassembly time exceeded" : null;
            case 5 -> code == 0 ? "for the network" : code == 1 ? "for the host" : null;
            default -> null;
        };
        return name == null ? String.valueOf(code) : code + " (" + name + ")";
    }

    /** IANA's name as pcap4j keeps it ("neighbor solicitation", "version 2 multicast listener report"). */
    static String icmpV6Type(int type) {
        String name = IcmpV6Type.getInstance((byte) type).name();
        return "unknown".equals(name) ? "type " + type : name.toLowerCase(java.util.Locale.ROOT);
    }
}
