package org.bridgelab.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterStep;
import org.bridgelab.kernel.RuleSpec;
import org.bridgelab.kernel.Topology;

/**
 * A namespace's netfilter where it acts: for each hook of the packet path (PREROUTING where packets enter,
 * INPUT and OUTPUT for the host's own processes, FORWARD, POSTROUTING where they leave) the rules the kernel
 * keeps there, table by table in the order the kernel runs them, in iptables-save's own text with their
 * counters; then the user chains those rules jump to. BridgeLab's own TRACE rules (how packet paths are seen)
 * are left out, and said to be.
 */
record NetfilterHooks(List<Group> groups, boolean traceRulesLeftOut) {

    /** The hooks in the order a forwarded packet meets them, INPUT and OUTPUT between for the host's own. */
    static final List<String> HOOKS = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    /** The tables at a hook in the kernel's order: nat's source NAT runs after filter, its destination NAT before. */
    private static final List<String> DESTINATION_NAT_FIRST = List.of("raw", "mangle", "nat", "filter", "security");

    private static final List<String> SOURCE_NAT_LAST = List.of("raw", "mangle", "filter", "security", "nat");

    /** The words a rule of a trace starts with that iptables-save leaves out: "-4 -t nat ". */
    private static final Pattern TRACE_PREFIX = Pattern.compile("^(-[46]\\s+)?(-t\\s+\\S+\\s+)?");

    /** A hook or a user chain, with what it holds. */
    record Group(String chain, boolean hook, List<Entry> entries) {
        Group {
            entries = List.copyOf(entries);
        }
    }

    /**
     * A rule as iptables-save prints it, or a chain's policy, with the packets it has counted.
     *
     * @param key what a trace step is matched against: "nat PREROUTING -A PREROUTING …", "filter FORWARD policy"
     */
    record Entry(String key, String table, String text, long packets, boolean policy) {}

    NetfilterHooks {
        groups = List.copyOf(groups);
    }

    static NetfilterHooks of(Topology.Namespace namespace) {
        Map<String, List<Entry>> byChain = new LinkedHashMap<>();
        HOOKS.forEach(hook -> byChain.put(hook, new ArrayList<>()));
        boolean traceRules = false;
        for (String table : DESTINATION_NAT_FIRST) {
            for (Topology.Table kept : namespace.iptables()) {
                if (!kept.name().equals(table)) {
                    continue;
                }
                for (Topology.Chain chain : kept.chains()) {
                    List<Entry> entries = byChain.computeIfAbsent(chain.name(), name -> new ArrayList<>());
                    for (Topology.Rule rule : chain.rules()) {
                        if (rule.text().strip().endsWith("-j TRACE")) {
                            traceRules = true;
                        } else {
                            entries.add(new Entry(
                                    ruleKey(table, chain.name(), rule.text()),
                                    table,
                                    rule.text(),
                                    rule.packets(),
                                    false));
                        }
                    }
                    if (showsPolicy(table, chain)) {
                        entries.add(new Entry(
                                policyKey(table, chain.name()),
                                table,
                                "policy " + chain.policy(),
                                chain.packets(),
                                true));
                    }
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        byChain.forEach((chain, entries) -> {
            boolean hook = HOOKS.contains(chain);
            if (hook || !entries.isEmpty()) {
                List<Entry> ordered = new ArrayList<>(entries);
                if (hook) {
                    List<String> order = chain.equals("INPUT") || chain.equals("POSTROUTING")
                            ? SOURCE_NAT_LAST
                            : DESTINATION_NAT_FIRST;
                    ordered.sort((a, b) -> Integer.compare(order.indexOf(a.table()), order.indexOf(b.table())));
                }
                groups.add(new Group(chain, hook, ordered));
            }
        });
        return new NetfilterHooks(groups, traceRules);
    }

    /**
     * A policy is what a packet no rule took meets: shown where it decides something a learner must see —
     * filter FORWARD always (Docker sets it to DROP), any other chain whose policy is not ACCEPT.
     */
    private static boolean showsPolicy(String table, Topology.Chain chain) {
        return chain.policy() != null
                && (!"ACCEPT".equals(chain.policy())
                        || table.equals("filter") && chain.name().equals("FORWARD"));
    }

    boolean hasEntries() {
        return groups.stream().anyMatch(group -> !group.entries().isEmpty());
    }

    /** Every entry's counter, by key. */
    Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        groups.forEach(group -> group.entries().forEach(entry -> counters.put(entry.key(), entry.packets())));
        return counters;
    }

    /** The entries whose counter grew since {@code before} (keys); a new entry has not "grown". */
    Set<String> countedSince(Map<String, Long> before) {
        Set<String> grown = new HashSet<>();
        counters().forEach((key, packets) -> {
            Long was = before.get(key);
            if (was != null && packets > was) {
                grown.add(key);
            }
        });
        return grown;
    }

    /** The hooks a traced packet crossed and the entries (rules it matched, policies applied) it met, by key. */
    static Met met(NetfilterPath path) {
        Set<String> entries = new HashSet<>();
        for (NetfilterStep step : path.steps()) {
            if (step.isTraceRule()) {
                continue;
            }
            if ("rule".equals(step.kind())) {
                entries.add(ruleKey(
                        step.table(),
                        step.chain(),
                        TRACE_PREFIX.matcher(step.rule().strip()).replaceFirst("")));
            } else if ("policy".equals(step.kind())) {
                entries.add(policyKey(step.table(), step.chain()));
            }
        }
        return new Met(Set.copyOf(path.hooks()), Set.copyOf(entries));
    }

    /** What a selected packet lights: hook names and entry keys. */
    record Met(Set<String> hooks, Set<String> entries) {
        static final Met NOTHING = new Met(Set.of(), Set.of());
    }

    private static String ruleKey(String table, String chain, String text) {
        return table + " " + chain + " " + RuleSpec.normalise(text);
    }

    private static String policyKey(String table, String chain) {
        return table + " " + chain + " policy";
    }

    /**
     * A rule's text in lines of at most {@code columns} characters, broken only between options: an option
     * stays whole with its values and a "!" before it ("! -i br0", "--to-destination 172.18.0.2:80"), even
     * where it alone is longer than a line.
     */
    static List<String> wrap(String text, int columns) {
        List<String> units = new ArrayList<>();
        StringBuilder unit = new StringBuilder();
        boolean negated = false;
        for (String word : text.strip().split("\\s+")) {
            boolean startsOption = word.startsWith("-") || word.equals("!");
            if (startsOption && !negated && unit.length() > 0) {
                units.add(unit.toString());
                unit.setLength(0);
            }
            if (unit.length() > 0) {
                unit.append(' ');
            }
            unit.append(word);
            negated = word.equals("!");
        }
        if (unit.length() > 0) {
            units.add(unit.toString());
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String option : units) {
            if (line.length() > 0 && line.length() + 1 + option.length() > columns) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(option);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
