package org.bridgelab.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an iptables rule matches and does, read from its iptables-save text: enough of the match
 * language for the lab's rules (addresses, interfaces, protocol, destination port, with "!") to decide
 * whether a packet would hit it. Options it does not know make {@link #understood()} false, so the
 * diagnosis never claims a rule matches when it cannot tell.
 */
public record RuleSpec(String chain, Match source, Match destination, Match in, Match out, String protocol,
                       Integer destinationPort, String target, String toDestination, boolean understood) {

    /** One condition, perhaps negated with "!"; a null value matches everything. */
    public record Match(String value, boolean negated) {
        static final Match ANY = new Match(null, false);

        boolean matches(String actual, java.util.function.BiPredicate<String, String> test) {
            if (value == null) {
                return true;
            }
            boolean hit = actual != null && test.test(value, actual);
            return negated != hit;
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
        String protocol = null;
        Integer port = null;
        String target = null;
        String toDestination = null;
        boolean understood = true;
        boolean negate = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
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
                case "--dport" -> port = next == null ? null : Integer.valueOf(words.get(++i));
                case "-j" -> target = words.get(++i);
                case "--to-destination" -> toDestination = words.get(++i);
                default -> understood = false;
            }
            negate = false;
        }
        return new RuleSpec(chain, source, destination, in, out, protocol, port, target, toDestination, understood);
    }

    /** Whether a packet with these properties hits the rule; null properties are unknown at that hook. */
    public boolean matches(String src, String dst, String inIface, String outIface, String proto, Integer dport) {
        return understood
                && source.matches(src, Addresses::contains)
                && destination.matches(dst, Addresses::contains)
                && in.matches(inIface, String::equals)
                && out.matches(outIface, String::equals)
                && (protocol == null || protocol.equals(proto))
                && (destinationPort == null || destinationPort.equals(dport));
    }
}
