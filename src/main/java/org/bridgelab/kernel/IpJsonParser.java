package org.bridgelab.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads iproute2's JSON ({@code ip -j -d addr show}, {@code ip -j route show}, {@code ip -j netns list}, {@code ip -j netconf show}). */
public final class IpJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpJsonParser() {}

    /** A link as one namespace sees it; the peer is still a raw (index, namespace id) reference. */
    public record RawLink(
            int index,
            String name,
            String kind,
            String state,
            List<String> flags,
            String mac,
            int mtu,
            String master,
            int peerIndex,
            Integer peerNetnsId,
            String peerName,
            List<String> addresses,
            Topology.Tunnel tunnel) {}

    public static List<RawLink> links(String json) {
        List<RawLink> links = new ArrayList<>();
        for (JsonNode node : array(json, "ip -j -d addr show")) {
            List<String> flags = new ArrayList<>();
            node.path("flags").forEach(flag -> flags.add(flag.asText()));
            List<String> addresses = new ArrayList<>();
            node.path("addr_info").forEach(addr -> {
                if ("inet".equals(addr.path("family").asText())) {
                    addresses.add(addr.path("local").asText() + "/"
                            + addr.path("prefixlen").asInt());
                }
            });
            String kind = node.path("linkinfo")
                    .path("info_kind")
                    .asText(node.path("link_type").asText("unknown"));
            links.add(new RawLink(
                    node.path("ifindex").asInt(),
                    node.path("ifname").asText(),
                    kind,
                    node.path("operstate").asText("UNKNOWN"),
                    flags,
                    node.path("address").asText(""),
                    node.path("mtu").asInt(),
                    node.hasNonNull("master") ? node.get("master").asText() : null,
                    node.path("link_index").asInt(-1),
                    node.hasNonNull("link_netnsid") ? node.get("link_netnsid").asInt() : null,
                    node.hasNonNull("link") ? node.get("link").asText() : null,
                    addresses,
                    "vxlan".equals(kind) ? tunnel(node.path("linkinfo").path("info_data")) : null));
        }
        return links;
    }

    /** {@code ip -d}'s details of a VXLAN interface: "id", "remote", "local", "port", "link". */
    private static Topology.Tunnel tunnel(JsonNode data) {
        return new Topology.Tunnel(
                data.path("id").asInt(-1),
                data.hasNonNull("remote") ? data.get("remote").asText() : null,
                data.hasNonNull("local") ? data.get("local").asText() : null,
                data.path("port").asInt(0),
                data.hasNonNull("link") ? data.get("link").asText() : null);
    }

    public static List<Topology.Route> routes(String json) {
        List<Topology.Route> routes = new ArrayList<>();
        for (JsonNode node : array(json, "ip -j route show")) {
            routes.add(new Topology.Route(
                    node.path("dst").asText(),
                    node.hasNonNull("gateway") ? node.get("gateway").asText() : null,
                    node.hasNonNull("dev") ? node.get("dev").asText() : null,
                    node.path("protocol").asText(null),
                    node.path("scope").asText(null)));
        }
        return routes;
    }

    /**
     * {@code net.ipv4.ip_forward} of a namespace, from {@code ip -j netconf show}: the IPv4 "all" row,
     * which is the same switch as ip_forward (ip -n reads it without a process inside the namespace).
     */
    public static boolean forwarding(String json) {
        for (JsonNode row : array(json, "ip -j netconf show")) {
            if ("inet".equals(row.path("family").asText())
                    && "all".equals(row.path("interface").asText())) {
                if (!row.path("forwarding").isBoolean()) {
                    throw new IllegalArgumentException("ip -j netconf show: the \"all\" row has no forwarding switch");
                }
                return row.get("forwarding").asBoolean();
            }
        }
        throw new IllegalArgumentException("ip -j netconf show printed no IPv4 \"all\" row");
    }

    /** The named namespaces, in the order iproute2 lists them. */
    public static List<String> namespaces(String json) {
        List<String> names = new ArrayList<>();
        array(json, "ip -j netns list")
                .forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    /**
     * A namespace's own numbers for the namespaces its veths lead into ({@code ip -j netns list-id}): id → name.
     * A number without a name, seen from a named namespace, is the lab host's own namespace (the one namespace of
     * the lab without a name); seen from the host it is unknown and left out. Empty for output that is not
     * the list (an iproute2 without list-id): peers are then matched by their indexes alone.
     */
    public static Map<Integer, String> namespaceIds(String json, boolean seenFromTheHost) {
        Map<Integer, String> ids = new HashMap<>();
        JsonNode list;
        try {
            list = array(json, "ip -j netns list-id");
        } catch (IllegalArgumentException notTheList) {
            // the indexes still match most peers (see StateReader.peer)
            return Map.of();
        }
        for (JsonNode node : list) {
            if (node.hasNonNull("name")) {
                ids.put(node.path("nsid").asInt(), node.path("name").asText());
            } else if (!seenFromTheHost) {
                ids.put(node.path("nsid").asInt(), "host");
            }
        }
        return Map.copyOf(ids);
    }

    static JsonNode array(String json, String command) {
        if (json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isArray()) {
                throw new IllegalArgumentException(command + " did not print a JSON array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(command + " printed invalid JSON: " + e.getOriginalMessage());
        }
    }
}
