package org.bridgelab.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * What an iptables rule matches and does, read from its iptables-save text: enough of the match
 * language for the lab's and Docker's rules (addresses, interfaces, protocol, destination port, address
 * type, connection state, with "!") to decide whether a packet would hit it. Options it does not know
 * make {@link #understood()} false, so the diagnosis never claims a rule matches when it cannot tell.
 */
public record RuleSpec(
        String chain,
        Match source,
        Match destination,
        Match in,
        Match out,
        String protocol,
        Integer destinationPort,
        Match destinationType,
        Match state,
        Match icmpType,
        String target,
        String toDestination,
        String toSource,
        boolean understood) {
    /** ICMP type names iptables prints or accepts, as the numbers a packet carries. */
    private static final java.util.Map<String, String> ICMP_TYPES = java.util.Map.of(
            "echo-reply", "0", "destination-unreachable", "3", "echo-request", "8", "time-exceeded", "11");

    /** One condition, perhaps negated with "!"; a null value matches everything, an unknown actual nothing. */
    public record Match(String value, boolean negated) {
        static final Match ANY = new Match(null, false);

        boolean matches(String actual, BiPredicate<String, String> test) {
            if (value == null) {
                return true;
            }
            return actual != null && negated != test.test(value, actual);
        }
    }

    /**
     * A packet as a hook sees it. Null fields are unknown there (no input interface on a locally made
     * packet); {@code destinationType} is LOCAL or UNICAST ({@code -m addrtype}), {@code state} NEW or
     * ESTABLISHED ({@code -m conntrack --ctstate}).
     */
    public record Packet(
            String source,
            String destination,
            String in,
            String out,
            String protocol,
            Integer destinationPort,
            String destinationType,
            String state,
            String icmpType) {
        public Packet(
                String source,
                String destination,
                String in,
                String out,
                String protocol,
                Integer destinationPort,
                String destinationType,
                String state) {
            this(source, destination, in, out, protocol, destinationPort, destinationType, state, null);
        }
    }

    /** Whitespace collapsed, so that a lesson's rule text compares with iptables-save's. */
    public static String normalise(String text) {
        return Arrays.stream(text.strip().split("\\s+")).collect(Collectors.joining(" "));
    }

    public static RuleSpec parse(String text) {
        List<String> words = List.of(normalise(text).split(" "));
        String chain = null;
        Match source = Match.ANY;
        Match destination = Match.ANY;
        Match in = Match.ANY;
        Match out = Match.ANY;
        Match destinationType = Match.ANY;
        Match state = Match.ANY;
        Match icmpType = Match.ANY;
        String protocol = null;
        Integer port = null;
        String target = null;
        String toDestination = null;
        String toSource = null;
        boolean understood = true;
        boolean negate = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i + 1 >= words.size() && !word.equals("!")) {
                understood = false; // every option known here takes a value
                break;
            }
            switch (word) {
                case "!" -> {
                    negate = true;
                    continue;
                }
                case "-A" -> chain = words.get(++i);
                case "-s" -> source = new Match(words.get(++i), negate);
                case "-d" -> destination = new Match(words.get(++i), negate);
                case "-i" -> in = new Match(words.get(++i), negate);
                case "-o" -> out = new Match(words.get(++i), negate);
                case "-p" -> protocol = words.get(++i);
                case "-m" -> i++;
                case "--dport" -> port = Integer.valueOf(words.get(++i));
                case "--dst-type" -> destinationType = new Match(words.get(++i), negate);
                case "--ctstate", "--state" -> state = new Match(words.get(++i), negate);
                case "--comment", "--reject-with" -> i++;
                case "--icmp-type" -> icmpType = new Match(icmpTypeNumber(words.get(++i)), negate);
                case "-j" -> target = words.get(++i);
                case "--to-destination" -> toDestination = words.get(++i);
                case "--to-source" -> toSource = words.get(++i);
                default -> understood = false;
            }
            negate = false;
        }
        return new RuleSpec(
                chain,
                source,
                destination,
                in,
                out,
                protocol,
                port,
                destinationType,
                state,
                icmpType,
                target,
                toDestination,
                toSource,
                understood);
    }

    /** "8", "8/0" and "echo-request" are one type; an unknown name stays as it is and matches nothing. */
    private static String icmpTypeNumber(String text) {
        String type = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        return ICMP_TYPES.getOrDefault(type, type);
    }

    /** Whether the packet hits the rule; a condition on something unknown at that hook does not match. */
    public boolean matches(Packet packet) {
        return understood
                && source.matches(packet.source(), Addresses::contains)
                && destination.matches(packet.destination(), Addresses::contains)
                && in.matches(packet.in(), String::equals)
                && out.matches(packet.out(), String::equals)
                && (protocol == null || protocol.equals(packet.protocol()))
                && (destinationPort == null || destinationPort.equals(packet.destinationPort()))
                && destinationType.matches(packet.destinationType(), RuleSpec::listed)
                && state.matches(packet.state(), RuleSpec::listed)
                && icmpType.matches(packet.icmpType(), String::equals);
    }

    /** "RELATED,ESTABLISHED" lists ESTABLISHED. */
    private static boolean listed(String list, String actual) {
        return Arrays.asList(list.split(",")).contains(actual);
    }
}
