package org.bridgelab.view;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.CommandText;

/**
 * Tab in the console: completes the word being typed, as a shell does — the first word (or the one after
 * sudo) from the lab's programs, any other from the lab's namespaces and interfaces, as the kernel has them
 * now, and the words ip and iptables take.
 */
final class CommandCompletion {
    private static final List<String> WORDS = List.of(
            "link",
            "addr",
            "address",
            "route",
            "netns",
            "exec",
            "neigh",
            "monitor",
            "show",
            "list",
            "add",
            "del",
            "set",
            "master",
            "nomaster",
            "up",
            "down",
            "type",
            "veth",
            "bridge",
            "peer",
            "name",
            "dev",
            "via",
            "default",
            "fdb",
            "nat",
            "filter",
            "raw",
            "mangle",
            "PREROUTING",
            "INPUT",
            "FORWARD",
            "OUTPUT",
            "POSTROUTING",
            "MASQUERADE",
            "DNAT",
            "SNAT",
            "ACCEPT",
            "DROP",
            "REJECT",
            "TRACE");

    /** What Tab does: the line with the word completed as far as it is unambiguous, and the choices left. */
    record Result(String text, List<String> choices) {}

    private CommandCompletion() {}

    static Result complete(String text, Topology topology) {
        int start = text.lastIndexOf(' ') + 1;
        String word = text.substring(start);
        String before = text.substring(0, start).strip();
        boolean command = before.isEmpty() || before.equals("sudo");
        Set<String> candidates = new TreeSet<>();
        (command
                        ? Stream.concat(Stream.of("sudo"), CommandText.labPrograms().stream())
                        : Stream.concat(WORDS.stream(), names(topology)))
                .filter(candidate -> candidate.startsWith(word))
                .forEach(candidates::add);
        if (candidates.isEmpty()) {
            return new Result(text, List.of());
        }
        if (candidates.size() == 1) {
            return new Result(text.substring(0, start) + candidates.iterator().next() + " ", List.of());
        }
        return new Result(text.substring(0, start) + commonPrefix(candidates), List.copyOf(candidates));
    }

    private static Stream<String> names(Topology topology) {
        return topology.namespaces().stream()
                .flatMap(ns ->
                        Stream.concat(Stream.of(ns.name()), ns.links().stream().map(Topology.Link::name)));
    }

    private static String commonPrefix(Set<String> words) {
        String prefix = words.iterator().next();
        for (String word : words) {
            int i = 0;
            while (i < prefix.length() && i < word.length() && prefix.charAt(i) == word.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }
}
