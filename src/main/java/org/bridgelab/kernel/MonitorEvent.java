package org.bridgelab.kernel;

import java.util.Map;
import java.util.Optional;

/**
 * One notification from the kernel's monitors, classified: {@code ip monitor label link address route netconf neigh},
 * {@code ip netns monitor} and {@code xtables-monitor -e}. Continuation lines (indented) and banners are
 * not events. {@code namespace} is where the monitor that saw it runs.
 */
public record MonitorEvent(Kind kind, String namespace, String line) {

    public enum Kind {
        LINK,
        ADDRESS,
        ROUTE,
        NETCONF,
        NAMESPACE_ADDED,
        NAMESPACE_DELETED,
        RULESET,
        /** A bridge learned, moved or forgot a MAC address (aged out, deleted). */
        NEIGHBOUR,
        /**
         * Not a notification: packets were captured crossing the namespace, so its counters and connections
         * moved, which the kernel announces to no monitor.
         */
        TRAFFIC
    }

    /** The tags {@code ip monitor label} puts before each event's first line; continuation lines have none. */
    private static final Map<String, Kind> LABELS = Map.of(
            "[LINK]",
            Kind.LINK,
            "[ADDR]",
            Kind.ADDRESS,
            "[ROUTE]",
            Kind.ROUTE,
            "[NETCONF]",
            Kind.NETCONF,
            "[NEIGH]",
            Kind.NEIGHBOUR);

    /**
     * A line of {@code ip monitor label link address route netconf neigh}: the kernel's own tag says its kind.
     * Of the neighbour lines only a bridge's MAC entries are events ("dev veth1 lladdr … REACHABLE", no
     * address first): ARP and neighbour-discovery entries ("172.18.0.3 dev br0 lladdr … STALE") change with
     * every exchange and nothing the diagram shows depends on them.
     */
    public static Optional<MonitorEvent> ofIpMonitor(String namespace, String line) {
        int end = line.startsWith("[") ? line.indexOf(']') : -1;
        if (end < 0) {
            return Optional.empty();
        }
        String text = line.substring(end + 1).strip();
        return Optional.ofNullable(LABELS.get(line.substring(0, end + 1)))
                .filter(kind -> kind != Kind.NEIGHBOUR || isMacEntry(text))
                .map(kind -> new MonitorEvent(kind, namespace, text));
    }

    private static boolean isMacEntry(String neighbour) {
        String entry = neighbour.startsWith("Deleted ") ? neighbour.substring("Deleted ".length()) : neighbour;
        return entry.startsWith("dev ");
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
        return Optional.of(new MonitorEvent(
                Kind.RULESET, namespace, text.substring("EVENT:".length()).strip()));
    }
}
