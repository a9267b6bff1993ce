package org.bridgelab.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the output of {@code ip -all netns exec CMD}: for each namespace a line "netns: NAME" (after an
 * empty line), then what CMD printed there. Namespaces keep the order iproute2 visited them in.
 */
final class AllNetnsOutput {
    private static final String HEADER = "netns: ";

    private AllNetnsOutput() {}

    static Map<String, String> split(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(HEADER)
                    && !line.substring(HEADER.length()).isBlank()
                    && line.substring(HEADER.length()).strip().matches("\\S+")) {
                if (current != null) {
                    sections.put(current, body.toString().strip());
                }
                current = line.substring(HEADER.length()).strip();
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(
                        "ip -all netns exec: output before the first \"netns:\" line: " + line);
            }
        }
        if (current != null) {
            sections.put(current, body.toString().strip());
        }
        return sections;
    }
}
