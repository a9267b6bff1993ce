package org.bridgelab.kernel;

import java.util.List;

/** The answer to "can A reach B?": the path the packet (and its reply) takes as far as it gets, and the verdict. */
public record Diagnosis(String from, String to, Integer port, List<String> path, Verdict verdict) {
    public Diagnosis {
        path = List.copyOf(path);
    }

    public boolean reachable() {
        return verdict.reachable();
    }

    /** Several lines for a terminal: the path, the verdict, and the fix. */
    public String explain() {
        StringBuilder text = new StringBuilder(from + " → " + to + (port == null ? "" : ":" + port) + "\n");
        path.forEach(step -> text.append("  ").append(step).append('\n'));
        text.append(verdict.reachable() ? "REACHABLE: " : "NOT REACHABLE (" + verdict.kind() + "): ")
                .append(verdict.explanation()).append('\n');
        if (!verdict.fix().isEmpty()) {
            text.append("fix: ").append(verdict.fix()).append('\n');
        }
        return text.toString();
    }
}
