package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code conntrack -L} (or {@code /proc/net/nf_conntrack}) strictly, one flow per line:
 * <pre>tcp 6 431999 ESTABLISHED src=192.0.2.50 dst=192.0.2.183 sport=40000 dport=80 src=172.18.0.2 dst=192.0.2.50 sport=80 dport=40000 [ASSURED] mark=0 use=1</pre>
 * The first src/dst group is the original direction, the second the reply the kernel expects; where
 * they differ, NAT happened. The summary line conntrack prints on stderr is not part of the input.
 */
public final class ConntrackParser {
    private ConntrackParser() {}

    public static List<Topology.Flow> parse(String text) {
        List<Topology.Flow> flows = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (!line.isBlank()) {
                flows.add(flow(line.strip(), number));
            }
        }
        return flows;
    }

    private static Topology.Flow flow(String line, int number) {
        String[] words = line.split("\\s+");
        // /proc/net/nf_conntrack adds the layer-3 protocol first ("ipv4 2 tcp 6 …"); conntrack -L leaves it out
        if (words.length > 2 && (words[0].equals("ipv4") || words[0].equals("ipv6")) && words[1].matches("\\d+")) {
            words = java.util.Arrays.copyOfRange(words, 2, words.length);
        }
        if (words.length < 4 || !words[1].matches("\\d+") || !words[2].matches("\\d+")) {
            throw error(number, "expected \"PROTOCOL NUMBER TIMEOUT …\": " + line);
        }
        String protocol = words[0];
        String state = null;
        List<String> flags = new ArrayList<>();
        List<Map<String, String>> directions = new ArrayList<>();
        Map<String, String> current = null;
        for (int i = 3; i < words.length; i++) {
            String word = words[i];
            if (word.startsWith("[") && word.endsWith("]")) {
                flags.add(word.substring(1, word.length() - 1));
            } else if (word.contains("=")) {
                String key = word.substring(0, word.indexOf('='));
                String value = word.substring(word.indexOf('=') + 1);
                if (key.equals("src")) {
                    current = new LinkedHashMap<>();
                    directions.add(current);
                }
                if (current != null && !current.containsKey(key)) {
                    current.put(key, value);
                }
            } else if (i == 3 && word.matches("[A-Z_]+")) {
                state = word;
            } else {
                throw error(number, "unexpected word \"" + word + "\": " + line);
            }
        }
        if (directions.size() != 2) {
            throw error(
                    number,
                    "expected an original and a reply direction (two src=…), found " + directions.size() + ": " + line);
        }
        return new Topology.Flow(
                protocol, state, tuple(directions.get(0), number), tuple(directions.get(1), number), flags);
    }

    private static Topology.Tuple tuple(Map<String, String> fields, int number) {
        String src = fields.get("src");
        String dst = fields.get("dst");
        if (dst == null) {
            throw error(number, "a direction without dst=");
        }
        String id = fields.get("id");
        return new Topology.Tuple(
                src, dst, port(fields.get("sport")), port(fields.get("dport")), id == null ? -1 : Integer.parseInt(id));
    }

    private static int port(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static IllegalArgumentException error(int line, String problem) {
        return new IllegalArgumentException("conntrack -L line " + line + ": " + problem);
    }
}
