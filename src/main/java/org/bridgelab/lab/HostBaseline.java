package org.bridgelab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a real lab host (this machine with {@code --lab-host local}, or a VM over SSH) held before BridgeLab
 * used it: its network namespaces, its own interfaces, its iptables chains, policies and rules, and IP
 * forwarding. Taken before anything is built there, so that what BridgeLab and its lessons made — what is
 * there now and was not then — can be removed at the end of a run, or at the start of the next one when a
 * run was cut short (a dropped SSH connection, BridgeLab killed). Only that: what was there before is the
 * user's, and stays, even when it has a lab's name.
 *
 * @param iptables per table, its chains with their policies ({@code ":FORWARD DROP"}, {@code ":DOCKER -"})
 *                 and its rules ({@code "-A FORWARD -i br0 -j ACCEPT"}), as iptables-save prints them
 */
public record HostBaseline(
        List<String> namespaces, List<String> links, Map<String, List<String>> iptables, String ipForward) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HostBaseline {
        namespaces = List.copyOf(namespaces);
        links = List.copyOf(links);
        Map<String, List<String>> tables = new LinkedHashMap<>();
        iptables.forEach((table, lines) -> tables.put(table, List.copyOf(lines)));
        iptables = java.util.Collections.unmodifiableMap(tables);
    }

    /** Reads the lab host's state now. */
    public static HostBaseline read(LabHost host) {
        return new HostBaseline(
                names(host, List.of("ip", "-j", "netns", "list"), "name"),
                names(host, List.of("ip", "-j", "link", "show"), "ifname"),
                iptablesSave(host.run(LabHost.HOST, "iptables-save")),
                host.run(LabHost.HOST, "sysctl", "-n", "net.ipv4.ip_forward")
                        .stdout()
                        .strip());
    }

    /**
     * Removes from the lab host what is there now and was not in this baseline, and puts back the policies
     * and the forwarding switch it changed; returns what it did, one phrase each (empty when nothing).
     */
    public List<String> undoOn(LabHost host) {
        List<String> done = new ArrayList<>();
        HostBaseline now = read(host);
        for (String ns : now.namespaces) {
            if (!namespaces.contains(ns)
                    && host.run(LabHost.HOST, "ip", "netns", "del", ns).succeeded()) {
                done.add("namespace " + ns);
            }
        }
        // the namespaces took their veth pairs with them: what is left is read again (once). An interface plugged
        // into a bridge that was there before is someone else's (Docker's veth of a container started
        // meanwhile on docker0): it stays
        Map<String, String> masters = masters(host);
        for (Map.Entry<String, String> link : masters.entrySet()) {
            boolean ofAnOldBridge = link.getValue() != null && links.contains(link.getValue());
            if (!links.contains(link.getKey())
                    && !ofAnOldBridge
                    && host.run(LabHost.HOST, "ip", "link", "del", link.getKey())
                            .succeeded()) {
                done.add("interface " + link.getKey());
            }
        }
        now.iptables.forEach((table, lines) -> undoTable(host, table, lines, done));
        if (!now.ipForward.equals(ipForward)
                && !ipForward.isEmpty()
                && host.run(LabHost.HOST, "sysctl", "-q", "-w", "net.ipv4.ip_forward=" + ipForward)
                        .succeeded()) {
            done.add("ip_forward back to " + ipForward);
        }
        return done;
    }

    private void undoTable(LabHost host, String table, List<String> lines, List<String> done) {
        List<String> before = iptables.getOrDefault(table, List.of());
        // a rule added to a chain of someone else's that was there before (Docker's DOCKER chains, which it
        // fills as containers start) stays; the lessons add to the built-in chains and to chains they make
        List<String> rules = lines.stream()
                .filter(line -> line.startsWith("-A ") && !before.contains(line))
                .filter(line -> isBuiltIn(words(line).get(1))
                        || !hasChain(before, words(line).get(1)))
                .toList();
        // from the last, so that a rule's position does not matter
        for (int i = rules.size() - 1; i >= 0; i--) {
            List<String> delete = new ArrayList<>(List.of("iptables", "-t", table, "-D"));
            List<String> words = words(rules.get(i));
            delete.addAll(words.subList(1, words.size()));
            if (host.run(LabHost.HOST, delete).succeeded()) {
                done.add("rule " + table + " " + rules.get(i));
            }
        }
        for (String chain : lines.stream().filter(line -> line.startsWith(":")).toList()) {
            String name = words(chain).get(0).substring(1);
            String policy = words(chain).get(1);
            String old = before.stream()
                    .filter(line -> line.startsWith(":" + name + " "))
                    .findFirst()
                    .orElse(null);
            if (old == null) {
                host.run(LabHost.HOST, "iptables", "-t", table, "-F", name);
                if (host.run(LabHost.HOST, "iptables", "-t", table, "-X", name).succeeded()) {
                    done.add("chain " + table + " " + name);
                }
            } else if (!old.equals(chain) && !policy.equals("-")) {
                String oldPolicy = words(old).get(1);
                if (host.run(LabHost.HOST, "iptables", "-t", table, "-P", name, oldPolicy)
                        .succeeded()) {
                    done.add("policy of " + table + " " + name + " back to " + oldPolicy);
                }
            }
        }
    }

    private static final List<String> BUILT_IN_CHAINS =
            List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    private static boolean isBuiltIn(String chain) {
        return BUILT_IN_CHAINS.contains(chain);
    }

    private static boolean hasChain(List<String> tableLines, String chain) {
        return tableLines.stream().anyMatch(line -> line.startsWith(":" + chain + " "));
    }

    /** Each interface with its bridge ({@code ip -j link show}'s "master"; null when plugged into none), in order. */
    private static Map<String, String> masters(LabHost host) {
        Map<String, String> masters = new LinkedHashMap<>();
        CommandResult result = host.run(LabHost.HOST, "ip", "-j", "link", "show");
        if (!result.succeeded() || result.stdout().isBlank()) {
            return masters;
        }
        try {
            for (JsonNode link : JSON.readTree(result.stdout())) {
                masters.put(
                        link.path("ifname").asText(),
                        link.hasNonNull("master") ? link.path("master").asText() : null);
            }
        } catch (IOException e) {
            throw new LabException("cannot read ip -j link show: " + e.getMessage(), e);
        }
        return masters;
    }

    /** Per table, the chain lines without their counters and the rule lines, as iptables-save prints them. */
    static Map<String, List<String>> iptablesSave(CommandResult saved) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        if (!saved.succeeded()) {
            return tables;
        }
        List<String> current = null;
        for (String line : saved.stdout().lines().toList()) {
            if (line.startsWith("*")) {
                current = tables.computeIfAbsent(line.substring(1).strip(), table -> new ArrayList<>());
            } else if (current != null && line.startsWith(":")) {
                List<String> words = words(line);
                current.add(words.get(0) + " " + (words.size() > 1 ? words.get(1) : "-"));
            } else if (current != null && line.startsWith("-A ")) {
                current.add(line.strip());
            }
        }
        return tables;
    }

    /** iptables-save's words: spaces separate them, double quotes group them, a backslash escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> names(LabHost host, List<String> argv, String field) {
        CommandResult result = host.run(LabHost.HOST, argv);
        List<String> names = new ArrayList<>();
        if (!result.succeeded() || result.stdout().isBlank()) {
            return names;
        }
        try {
            for (JsonNode item : JSON.readTree(result.stdout())) {
                names.add(item.path(field).asText());
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        return names;
    }
}
