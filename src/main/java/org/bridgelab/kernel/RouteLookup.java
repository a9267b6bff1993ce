package org.bridgelab.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;

/**
 * The routing decision as the kernel makes it, asked with {@code ip route get}: it knows policy rules
 * ({@code ip rule}), blackhole, unreachable and prohibit routes, the forwarding switch and the reverse-path
 * filter, none of which a walk over the main table sees. When the kernel refuses, its answer is an errno;
 * {@link #refusingRoute} finds the route that gave it.
 */
public final class RouteLookup {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RouteLookup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REFUSING_TYPES = List.of("blackhole", "unreachable", "prohibit");

    /** The kernel's answer: the route it chose, or its refusal ("No route to host"). */
    public record Answer(String route, String error) {
        public boolean refused() {
            return error != null;
        }
    }

    /** A route whose type makes the kernel refuse: "blackhole 198.51.100.0/28", with its table when not main. */
    public record RefusingRoute(String type, String destination, String table) {
        @Override
        public String toString() {
            return type + " " + destination + (table == null ? "" : " table " + table);
        }

        /** The command that removes it, for a namespace. */
        public String removal(String namespace) {
            return Diagnoser.in(namespace, "ip route del " + this);
        }
    }

    private final LabHost lab;

    public RouteLookup(LabHost lab) {
        this.lab = lab;
    }

    /** For a packet the namespace sends itself. */
    public Answer get(String namespace, String destination) {
        return answer(lab.run(namespace, List.of("ip", "route", "get", destination)));
    }

    /** For a packet from {@code source} that came in on {@code in}: forwarding and rp_filter are judged too. */
    public Answer get(String namespace, String destination, String source, String in) {
        return answer(lab.run(namespace, List.of("ip", "route", "get", destination, "from", source, "iif", in)));
    }

    static Answer answer(CommandResult result) {
        if (result.succeeded()) {
            return new Answer(result.stdout().lines().findFirst().orElse("").strip(), null);
        }
        String error = result.stderr().strip();
        return new Answer(null, error.replaceFirst("^RTNETLINK answers: ", ""));
    }

    /**
     * The most specific route in any table that holds the destination and whose type gives the kernel's
     * refusal: a blackhole answers "Invalid argument", unreachable "No route to host", prohibit "Permission
     * denied". A route of another type cannot be what refused the packet, so it is never named.
     */
    public Optional<RefusingRoute> refusingRoute(String namespace, String destination, String refusal) {
        CommandResult routes = lab.run(namespace, List.of("ip", "-4", "-j", "route", "show", "table", "all"));
        return routes.succeeded() ? refusingRouteIn(routes.stdout(), destination, refusal) : Optional.empty();
    }

    private static final java.util.Map<String, String> ERRNO_OF_TYPE = java.util.Map.of(
            "blackhole", "Invalid argument", "unreachable", "No route to host", "prohibit", "Permission denied");

    /** The same, from {@code ip -4 -j route show table all}'s output. */
    static Optional<RefusingRoute> refusingRouteIn(String json, String destination, String refusal) {
        String type = ERRNO_OF_TYPE.entrySet().stream()
                .filter(e -> refusal.contains(e.getValue()))
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        return refusingRouteIn(json, destination).filter(route -> route.type().equals(type));
    }

    /** The most specific blackhole, unreachable or prohibit route in any table that holds the destination. */
    static Optional<RefusingRoute> refusingRouteIn(String json, String destination) {
        List<RefusingRoute> refusing = new ArrayList<>();
        try {
            for (JsonNode route : JSON.readTree(json)) {
                String type = route.path("type").asText("");
                String dst = route.path("dst").asText("");
                String table = route.path("table").asText("main");
                if (REFUSING_TYPES.contains(type)
                        && (dst.equals("default") || Addresses.isIpv4(dst))
                        && Addresses.contains(dst, destination)) {
                    refusing.add(new RefusingRoute(type, dst, table.equals("main") ? null : table));
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warn(
                    "ip route show table all printed invalid JSON, so no route is known to refuse: {}",
                    e.getOriginalMessage());
            return Optional.empty();
        }
        return refusing.stream().max(Comparator.comparingInt(r -> Addresses.prefixLength(r.destination())));
    }
}
