package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code iptables-save [-c]} output strictly: any line it does not understand is an error, not a guess. */
public final class IptablesSaveParser {
    private static final Pattern CHAIN = Pattern.compile(":(\\S+) (\\S+) \\[(\\d+):(\\d+)]");
    /** iptables-save -c puts each rule's counters first: "[packets:bytes] -A …". */
    private static final Pattern RULE_COUNTERS = Pattern.compile("^\\[(\\d+):(\\d+)] ");

    private IptablesSaveParser() {}

    public static List<Topology.Table> parse(String text) {
        List<Topology.Table> tables = new ArrayList<>();
        String table = null;
        Map<String, ChainBuilder> chains = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            long rulePackets = 0;
            long ruleBytes = 0;
            Matcher counters = RULE_COUNTERS.matcher(line);
            if (counters.find()) {
                rulePackets = Long.parseLong(counters.group(1));
                ruleBytes = Long.parseLong(counters.group(2));
                line = line.substring(counters.end());
            }
            if (line.startsWith("*")) {
                if (table != null) {
                    throw error(number, "table " + line.substring(1) + " starts before " + table + " was committed");
                }
                table = line.substring(1).strip();
                chains = new LinkedHashMap<>();
            } else if (table == null) {
                throw error(number, "\"" + line + "\" outside any table");
            } else if (line.startsWith(":")) {
                Matcher m = CHAIN.matcher(line);
                if (!m.matches()) {
                    throw error(number, "malformed chain line \"" + line + "\"");
                }
                String policy = m.group(2).equals("-") ? null : m.group(2);
                chains.put(
                        m.group(1),
                        new ChainBuilder(m.group(1), policy, Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
            } else if (line.startsWith("-A ")) {
                String chain = line.substring(3).split(" ", 2)[0];
                ChainBuilder builder = chains.get(chain);
                if (builder == null) {
                    throw error(number, "rule for undeclared chain " + chain);
                }
                builder.rules.add(new Topology.Rule(line, rulePackets, ruleBytes));
            } else if (line.equals("COMMIT")) {
                tables.add(new Topology.Table(
                        table, chains.values().stream().map(ChainBuilder::build).toList()));
                table = null;
            } else {
                throw error(number, "unexpected line \"" + line + "\"");
            }
        }
        if (table != null) {
            throw new IllegalArgumentException("iptables-save output ends inside table " + table + " (no COMMIT)");
        }
        return tables;
    }

    private static IllegalArgumentException error(int line, String problem) {
        return new IllegalArgumentException("iptables-save line " + line + ": " + problem);
    }

    private static final class ChainBuilder {
        private final String name;
        private final String policy;
        private final long packets;
        private final long bytes;
        private final List<Topology.Rule> rules = new ArrayList<>();

        ChainBuilder(String name, String policy, long packets, long bytes) {
            this.name = name;
            this.policy = policy;
            this.packets = packets;
            this.bytes = bytes;
        }

        Topology.Chain build() {
            return new Topology.Chain(name, policy, packets, bytes, rules);
        }
    }
}
