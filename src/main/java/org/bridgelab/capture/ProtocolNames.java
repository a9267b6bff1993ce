package org.bridgelab.capture;

import java.util.Map;

/**
 * The names protocols give their numbers, as packet analysers print them ("echo request", "port
 * unreachable"): tables of number and name, for the packet detail.
 */
final class ProtocolNames {
    private static final Map<Integer, String> IP_PROTOCOLS = Map.ofEntries(
            Map.entry(0, "Hop-by-Hop Options"), Map.entry(1, "ICMP"), Map.entry(2, "IGMP"), Map.entry(4, "IPIP"),
            Map.entry(6, "TCP"), Map.entry(17, "UDP"), Map.entry(41, "IPv6"), Map.entry(43, "Routing"),
            Map.entry(44, "Fragment"), Map.entry(47, "GRE"), Map.entry(50, "ESP"), Map.entry(51, "AH"),
            Map.entry(58, "ICMPv6"), Map.entry(59, "No Next Header"), Map.entry(60, "Destination Options"),
            Map.entry(89, "OSPF"), Map.entry(112, "VRRP"), Map.entry(132, "SCTP"));

    private static final Map<Integer, String> ICMP_V4_TYPES = Map.ofEntries(
            Map.entry(0, "echo reply"), Map.entry(3, "destination unreachable"), Map.entry(4, "source quench"),
            Map.entry(5, "redirect"), Map.entry(8, "echo request"), Map.entry(9, "router advertisement"),
            Map.entry(10, "router solicitation"), Map.entry(11, "time exceeded"), Map.entry(12, "parameter problem"),
            Map.entry(13, "timestamp request"), Map.entry(14, "timestamp reply"));

    private static final Map<Integer, String> UNREACHABLE_CODES = Map.ofEntries(
            Map.entry(0, "net unreachable"), Map.entry(1, "host unreachable"), Map.entry(2, "protocol unreachable"),
            Map.entry(3, "port unreachable"), Map.entry(4, "fragmentation needed"), Map.entry(5, "source route failed"),
            Map.entry(6, "destination network unknown"), Map.entry(7, "destination host unknown"),
            Map.entry(9, "network administratively prohibited"), Map.entry(10, "host administratively prohibited"),
            Map.entry(13, "communication administratively prohibited"));

    private static final Map<Integer, String> ICMP_V6_TYPES = Map.ofEntries(
            Map.entry(1, "destination unreachable"), Map.entry(2, "packet too big"), Map.entry(3, "time exceeded"),
            Map.entry(4, "parameter problem"), Map.entry(128, "echo request"), Map.entry(129, "echo reply"),
            Map.entry(130, "multicast listener query"), Map.entry(131, "multicast listener report"),
            Map.entry(132, "multicast listener done"), Map.entry(133, "router solicitation"),
            Map.entry(134, "router advertisement"), Map.entry(135, "neighbor solicitation"),
            Map.entry(136, "neighbor advertisement"), Map.entry(137, "redirect"),
            Map.entry(143, "multicast listener report v2"));

    private ProtocolNames() {
    }

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

    static String icmpV6Type(int type) {
        return ICMP_V6_TYPES.getOrDefault(type, "type " + type);
    }
}
