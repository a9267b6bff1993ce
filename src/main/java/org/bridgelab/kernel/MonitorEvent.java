package org.bridgelab.kernel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One notification from the kernel's monitors, classified: {@code ip monitor link address route netconf},
 * {@code ip netns monitor} and {@code xtables-monitor -e}. Continuation lines (indented) and banners are
 * not events. {@code namespace} is where the monitor that saw it runs.
 */
public record MonitorEvent(Kind kind, String namespace, String line) {

    public enum Kind { LINK, ADDRESS, ROUTE, NETCONF, NAMESPACE_ADDED, NAMESPACE_DELETED, RULESET }

    private static final Pattern LINK = Pattern.compile("^(Deleted )?\\d+: [^\\s:]+: <.*");
    private static final Pattern ADDRESS = Pattern.compile("^(Deleted )?\\d+: \\S+\\s+inet6? .*");
    private static final Pattern NETCONF = Pattern.compile("^(Deleted )?(inet6?|ipv4|ipv6) \\S+( \\S+ \\S+)*\\s*$");
    private static final Pattern ROUTE = Pattern.compile(
            "^(Deleted )?((local|broadcast|multicast|unicast|unreachable|prohibit|blackhole) )?"
                    + "(default|[0-9.]+(/\\d+)?|[0-9a-f:]+(/\\d+)?) (via|dev|table|proto) .*");

    /** A line of {@code ip monitor link address route netconf}. */
    public static Optional<MonitorEvent> ofIpMonitor(String namespace, String line) {
        if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
            return Optional.empty();
        }
        if (LINK.matcher(line).matches()) {
            return Optional.of(new MonitorEvent(Kind.LINK, namespace, line.strip()));
        }
        if (ADDRESS.matcher(line).matches()) {
            return Optional.of(new MonitorEvent(Kind.ADDRESS, namespace, line.strip()));
        }
        if (ROUTE.matcher(line).matches()) {
            return Optional.of(new MonitorEvent(Kind.ROUTE, namespace, line.strip()));
        }
        if (NETCONF.matcher(line).matches()) {
            return Optional.of(new MonitorEvent(Kind.NETCONF, namespace, line.strip()));
        }
        return Optional.empty();
    }

    /** A line of {@code ip netns monitor}: "add docker0" or "delete docker0". */
    public static Optional<MonitorEvent> ofNetnsMonitor(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length != 2) {
            return Optional.empty();
        }
        return switch (words[0]) {
            case "add" -> Optional.of(new MonitorEvent(Kind.NAMESPACE_ADDED, words[1], line.strip()));
            case "delete" -> Optional.of(new MonitorEvent(Kind.NAMESPACE_DELETED, words[1], line.strip()));
            default -> Optional.empty();
        };
    }

    /** A line of {@code xtables-monitor -e}: an " EVENT: …" for every rule, chain or policy change. */
    public static Optional<MonitorEvent> ofXtablesMonitor(String namespace, String line) {
        String text = line.strip();
        if (!text.startsWith("EVENT:")) {
            return Optional.empty();
        }
        return Optional.of(new MonitorEvent(Kind.RULESET, namespace, text.substring("EVENT:".length()).strip()));
    }
}
