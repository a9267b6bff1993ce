package org.bridgelab.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code xtables-monitor --trace} output line by line into {@link NetfilterPath}s. The kernel prints a
 * {@code PACKET:} line per hook visit (with a trace id that may change from hook to hook) followed by
 * {@code TRACE:} lines, one per rule or policy:
 * <pre>
 * PACKET: 2 8db31e52 IN=br0 OUT=eth0 MACSRC=… SRC=172.18.0.2 DST=198.51.100.10 LEN=84 TOS=0x0 TTL=63 ID=31043 DF
 *  TRACE: 2 8db31e52 nat:POSTROUTING:rule:0x2:ACCEPT  -4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE
 * </pre>
 * A packet is traced because it met a TRACE rule in raw PREROUTING or raw OUTPUT, the first table of the
 * hook it enters by, so a visit that begins there begins a new path. Any other visit continues the path its
 * trace id was last on, or else the latest path of a packet with the same IP id and length and an address
 * in common (NAT changes one address at a time). The TRACE rules themselves are not steps of the packet.
 * Lines it does not know (EVENT, NEWGEN) are skipped; a malformed line never throws. Not thread-safe.
 */
public final class NetfilterTraceParser {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NetfilterTraceParser.class);
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
    private final ArrayDeque<Building> paths = new ArrayDeque<>();

    /** One hook visit: the packet's header there and, once its first step is read, the path it belongs to. */
    private static final class Visit {
        final NetfilterPath.Header header;
        final Building previousPath;
        Building path;

        Visit(NetfilterPath.Header header, Building previousPath) {
            this.header = header;
            this.previousPath = previousPath;
        }
    }

    /** A path under construction. */
    private static final class Building {
        final int ipId;
        final List<String> addresses = new ArrayList<>();
        final List<NetfilterPath.Header> headers = new ArrayList<>();
        final List<NetfilterStep> steps = new ArrayList<>();
        final List<String> tracedBy = new ArrayList<>();

        Building(int ipId) {
            this.ipId = ipId;
        }

        void add(NetfilterPath.Header header) {
            headers.add(header);
            for (String address : new String[] {header.src(), header.dst()}) {
                if (address != null && !addresses.contains(address)) {
                    addresses.add(address);
                }
            }
        }

        boolean continuedBy(NetfilterPath.Header header) {
            NetfilterPath.Header last = headers.get(headers.size() - 1);
            return last.ipId() == header.ipId()
                    && last.length() == header.length()
                    && (addresses.contains(header.src()) || addresses.contains(header.dst()));
        }

        NetfilterPath path() {
            return new NetfilterPath(ipId, addresses, headers, steps, tracedBy);
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
            LOG.debug("trace line not understood, left out: {} ({})", trimmed, e.toString());
        }
    }

    public List<NetfilterPath> paths() {
        return paths.stream()
                .filter(p -> !p.steps.isEmpty())
                .map(Building::path)
                .toList();
    }

    private void packet(String line) {
        String[] words = line.split("\\s+");
        String traceId = words[2];
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 3; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            // the first ID= is the IP header's; ICMP and TCP fields follow it
            if (eq > 0 && !fields.containsKey(words[i].substring(0, eq))) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        NetfilterPath.Header header = new NetfilterPath.Header(
                fields.get("SRC"),
                fields.get("DST"),
                Integer.parseInt(fields.getOrDefault("LEN", "-1")),
                Integer.parseInt(fields.getOrDefault("ID", "-1")),
                fields.getOrDefault("IN", ""),
                fields.getOrDefault("OUT", ""));
        Visit previous = visits.get(traceId);
        visits.put(traceId, new Visit(header, previous == null ? null : previous.path));
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
        String verdict = where.length == 3 ? "" : where[where.length - 1];
        String rule = words.length > 4 ? words[4].strip() : "";
        if (visit.path == null) {
            visit.path = pathOf(visit, table, chain);
            visit.path.add(visit.header);
        }
        if (!rule.endsWith("-j TRACE")) {
            visit.path.steps.add(
                    new NetfilterStep(table, chain, kind, verdict, rule, visit.header.in(), visit.header.out()));
        } else if (!visit.path.tracedBy.contains(rule)) {
            visit.path.tracedBy.add(rule);
        }
    }

    /** The path a visit belongs to, decided by its first step (see the class comment). */
    private Building pathOf(Visit visit, String table, String chain) {
        boolean entry = "raw".equals(table) && ("PREROUTING".equals(chain) || "OUTPUT".equals(chain));
        if (!entry) {
            if (visit.previousPath != null && visit.previousPath.continuedBy(visit.header)) {
                return visit.previousPath;
            }
            Optional<Building> recent = recentContinuing(visit.header);
            if (recent.isPresent()) {
                return recent.get();
            }
        }
        Building path = new Building(visit.header.ipId());
        paths.addLast(path);
        if (paths.size() > MAX_PATHS) {
            paths.removeFirst();
        }
        return path;
    }

    private Optional<Building> recentContinuing(NetfilterPath.Header header) {
        Iterator<Building> newestFirst = paths.descendingIterator();
        for (int seen = 0; seen < RECENT && newestFirst.hasNext(); seen++) {
            Building candidate = newestFirst.next();
            if (candidate.continuedBy(header)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
