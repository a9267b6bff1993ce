package org.bridgelab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code bridge -j fdb show}: keeps the rows of a bridge's own MAC table (those with a master)
 * and leaves out the devices' "self" rows (their multicast and unicast filter lists), which say
 * nothing about where a MAC address lives.
 */
public final class BridgeFdbParser {
    private BridgeFdbParser() {}

    public static List<Topology.FdbEntry> parse(String json) {
        List<Topology.FdbEntry> entries = new ArrayList<>();
        for (JsonNode row : IpJsonParser.array(json, "bridge -j fdb show")) {
            if (!row.hasNonNull("master") || !row.hasNonNull("ifname") || !row.hasNonNull("mac")) {
                continue;
            }
            boolean self = false;
            for (JsonNode flag : row.path("flags")) {
                self |= "self".equals(flag.asText());
            }
            if (self) {
                continue;
            }
            String state = row.path("state").asText("");
            entries.add(new Topology.FdbEntry(
                    row.get("master").asText(),
                    row.get("ifname").asText(),
                    row.get("mac").asText(),
                    !state.equals("permanent") && !state.equals("static")));
        }
        return entries;
    }
}
