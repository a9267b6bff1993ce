package org.bridgelab.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code nft -j list ruleset}: tables, base chains with hook and policy, rules with their counters.
 * A rule's expressions are written back in nft's own words ("oifname != br0 ip saddr 172.18.0.0/24
 * counter masquerade"); an expression it does not know keeps its JSON, so nothing is hidden. Objects
 * other than tables, chains and rules (sets, maps, …) are skipped; anything unknown is an error.
 */
public final class NftRulesetParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SKIPPED = Set.of(
            "metainfo",
            "set",
            "map",
            "element",
            "flowtable",
            "counter",
            "quota",
            "ct helper",
            "ct timeout",
            "ct expectation",
            "limit",
            "secmark",
            "synproxy");

    private NftRulesetParser() {}

    public static List<Topology.NftTable> parse(String json) {
        if (json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("nft -j list ruleset printed invalid JSON: " + e.getOriginalMessage());
        }
        if (!root.path("nftables").isArray()) {
            throw new IllegalArgumentException("nft -j list ruleset: no \"nftables\" array");
        }
        Map<String, String> tables = new LinkedHashMap<>();
        Map<String, Map<String, ChainBuilder>> chains = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : root.get("nftables")) {
            index++;
            if (item.size() != 1) {
                throw new IllegalArgumentException("nft -j list ruleset: item " + index + " is not one object");
            }
            String kind = item.fieldNames().next();
            JsonNode body = item.get(kind);
            switch (kind) {
                case "table" -> {
                    String key = body.path("family").asText() + " "
                            + body.path("name").asText();
                    tables.put(key, body.path("family").asText());
                    chains.put(key, new LinkedHashMap<>());
                }
                case "chain" ->
                    table(chains, body, index)
                            .put(
                                    body.path("name").asText(),
                                    new ChainBuilder(
                                            body.path("name").asText(),
                                            text(body, "type"),
                                            text(body, "hook"),
                                            text(body, "policy")));
                case "rule" -> {
                    ChainBuilder chain =
                            table(chains, body, index).get(body.path("chain").asText());
                    if (chain == null) {
                        throw new IllegalArgumentException(
                                "nft -j list ruleset: item " + index + ": rule for undeclared chain "
                                        + body.path("chain").asText());
                    }
                    chain.rules.add(rule(body));
                }
                default -> {
                    if (!SKIPPED.contains(kind)) {
                        throw new IllegalArgumentException(
                                "nft -j list ruleset: item " + index + ": unknown object \"" + kind + "\"");
                    }
                }
            }
        }
        List<Topology.NftTable> result = new ArrayList<>();
        chains.forEach((key, byName) -> result.add(new Topology.NftTable(
                tables.get(key),
                key.substring(key.indexOf(' ') + 1),
                byName.values().stream().map(ChainBuilder::build).toList())));
        return result;
    }

    private static Map<String, ChainBuilder> table(
            Map<String, Map<String, ChainBuilder>> chains, JsonNode body, int index) {
        Map<String, ChainBuilder> table = chains.get(
                body.path("family").asText() + " " + body.path("table").asText());
        if (table == null) {
            throw new IllegalArgumentException("nft -j list ruleset: item " + index + ": undeclared table "
                    + body.path("family").asText() + " " + body.path("table").asText());
        }
        return table;
    }

    private static Topology.NftRule rule(JsonNode body) {
        List<String> words = new ArrayList<>();
        long packets = 0;
        long bytes = 0;
        for (JsonNode expr : body.path("expr")) {
            String kind = expr.fieldNames().next();
            JsonNode value = expr.get(kind);
            switch (kind) {
                case "match" ->
                    words.add(operand(value.get("left")) + " "
                            + operator(value.path("op").asText()) + operand(value.get("right")));
                case "counter" -> {
                    packets = value.path("packets").asLong();
                    bytes = value.path("bytes").asLong();
                    words.add("counter");
                }
                case "xt" -> words.add(value.path("name").asText().toLowerCase());
                case "accept", "drop", "return", "masquerade" -> words.add(kind);
                case "jump", "goto" ->
                    words.add(kind + " " + value.path("target").asText());
                case "dnat", "snat" ->
                    words.add(kind + " to " + operand(value.get("addr"))
                            + (value.has("port") ? ":" + operand(value.get("port")) : ""));
                default -> words.add(kind + " " + value);
            }
        }
        return new Topology.NftRule(body.path("handle").asLong(), String.join(" ", words), packets, bytes);
    }

    private static String operator(String op) {
        return op.equals("==") || op.equals("in") ? "" : op + " ";
    }

    private static String operand(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(operand(item)));
            return "{ " + String.join(", ", items) + " }";
        }
        if (node.has("meta")) {
            return node.get("meta").path("key").asText();
        }
        if (node.has("payload")) {
            return node.get("payload").path("protocol").asText() + " "
                    + node.get("payload").path("field").asText();
        }
        if (node.has("ct")) {
            return "ct " + node.get("ct").path("key").asText();
        }
        if (node.has("prefix")) {
            return node.get("prefix").path("addr").asText() + "/"
                    + node.get("prefix").path("len").asText();
        }
        if (node.has("set")) {
            return operand(node.get("set"));
        }
        return node.toString();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static final class ChainBuilder {
        private final String name;
        private final String type;
        private final String hook;
        private final String policy;
        private final List<Topology.NftRule> rules = new ArrayList<>();

        ChainBuilder(String name, String type, String hook, String policy) {
            this.name = name;
            this.type = type;
            this.hook = hook;
            this.policy = policy;
        }

        Topology.NftChain build() {
            return new Topology.NftChain(name, type, hook, policy, rules);
        }
    }
}
