package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code xtables-monitor --trace} output line by line into {@link NetfilterPath}s. The kernel prints a
 * {@code PACKET:} line per hook visit (with a trace id that changes from hook to hook, so paths are joined on
 * the IP id and an address in common) followed by {@code TRACE:} lines, one per rule or policy:
 * <pre>
 * PACKET: 2 8db31e52 IN=br0 OUT=eth0 MACSRC=… SRC=172.18.0.2 DST=198.51.100.10 LEN=84 TOS=0x0 TTL=63 ID=31043 DF
 *  TRACE: 2 8db31e52 nat:POSTROUTING:rule:0x2:ACCEPT  -4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE
 * </pre>
 * Lines it does not know (EVENT, NEWGEN) are skipped; a malformed line never throws. Not thread-safe.
 */
public final class NetfilterTraceParser {
    /** A packet's hook visits follow each other within a few lines; older ones need not be searched. */
    private static final int RECENT = 256;
    /** Bounds for a long trace: the oldest paths go first. */
    static final int MAX_PATHS = 100_000;

    private final Map<String, Visit> visits = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Visit> eldest) {
            return size() > RECENT;
        }
    };
    private final java.util.ArrayDeque<Building> paths = new java.util.ArrayDeque<>();

    /** One hook visit: the packet's fields at that hook. */
    private record Visit(Map<String, String> fields, Building path) {
    }

    /** A path under construction. */
    private static final class Building {
        final int ipId;
        final List<String> addresses = new ArrayList<>();
        final List<NetfilterStep> steps = new ArrayList<>();

        Building(int ipId) {
            this.ipId = ipId;
        }

        NetfilterPath path() {
            return new NetfilterPath(ipId, addresses, steps);
        }
    }

    public void accept(String line) {
        String trimmed = line.strip();
        try {
            if (trimmed.startsWith("PACKET:")) {
                packet(trimmed);
            } else if (trimmed.startsWith("TRACE:")) {
                trace(trimmed);
            }
        } catch (RuntimeException e) {
            // a line cut short or in a format we do not know: the trace is a help, not a must
        }
    }

    public List<NetfilterPath> paths() {
        return paths.stream().filter(p -> !p.steps.isEmpty()).map(Building::path).toList();
    }

    private void packet(String line) {
        String[] words = line.split("\\s+");
        String traceId = words[2];
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 3; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        int ipId = Integer.parseInt(fields.getOrDefault("ID", "-1"));
        String src = fields.get("SRC");
        String dst = fields.get("DST");
        Building path = null;
        java.util.Iterator<Building> newestFirst = paths.descendingIterator();
        for (int seen = 0; seen < RECENT && path == null && newestFirst.hasNext(); seen++) {
            Building candidate = newestFirst.next();
            if (candidate.ipId == ipId && (candidate.addresses.contains(src) || candidate.addresses.contains(dst))) {
                path = candidate;
            }
        }
        if (path == null) {
            path = new Building(ipId);
            paths.addLast(path);
            if (paths.size() > MAX_PATHS) {
                paths.removeFirst();
            }
        }
        for (String address : new String[] {src, dst}) {
            if (address != null && !path.addresses.contains(address)) {
                path.addresses.add(address);
            }
        }
        visits.put(traceId, new Visit(fields, path));
    }

    private void trace(String line) {
        String[] words = line.split("\\s+", 5);
        Visit visit = visits.get(words[2]);
        if (visit == null) {
            return;
        }
        String[] where = words[3].split(":");
        String table = where[0];
        String chain = where[1];
        String kind = where[2];
        String verdict = where[where.length - 1];
        if (where.length == 3) {
            verdict = "";
        }
        String rule = words.length > 4 ? words[4].strip() : "";
        visit.path().steps.add(new NetfilterStep(table, chain, kind, verdict, rule,
                visit.fields().getOrDefault("IN", ""), visit.fields().getOrDefault("OUT", "")));
    }
}
