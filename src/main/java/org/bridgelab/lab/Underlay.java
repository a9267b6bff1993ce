package org.bridgelab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lesson's hosts, each on a lab host of its own, joined through the network those lab hosts share: the
 * underlay that one machine's lesson builds with a bridge. Each host is a namespace named after it on its lab
 * host, whose eth0 sits on the lab host's interface towards the others (an ipvlan where the kernel has it, as
 * it keeps the lab host's MAC address, which some clouds require; a macvlan otherwise), with the same address
 * the one-machine lesson gives it: 203.0.113.11, .12, … in the lesson's order. The lab host's own interfaces,
 * addresses and routes are not changed. The join is proven by a ping from the first host to each other one.
 */
public final class Underlay {
    /** The underlay's network, as the overlay lesson builds it on one machine. */
    public static final String NETWORK = "203.0.113.0/24";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Underlay() {}

    /** The address of the lesson's {@code index}th host (from 0) on the underlay. */
    public static String address(int index) {
        return "203.0.113." + (11 + index);
    }

    /** Builds each host on its lab host ({@code members}: host name → lab host, in order) and proves the join. */
    static void join(Map<String, LabHost> members) {
        List<String> hosts = List.copyOf(members.keySet());
        for (int i = 0; i < hosts.size(); i++) {
            LabHost lab = members.get(hosts.get(i));
            LabHost other = members.get(hosts.get(i == 0 ? 1 : 0));
            String device = towards(lab, other, hosts.get(i));
            build(lab, hosts.get(i), device, address(i));
        }
        LabHost first = members.get(hosts.get(0));
        for (int i = 1; i < hosts.size(); i++) {
            CommandResult ping = first.run(hosts.get(0), List.of("ping", "-c", "1", "-W", "2", address(i)));
            if (!ping.succeeded()) {
                throw new LabException(hosts.get(0) + " (" + first.description() + ") cannot reach " + hosts.get(i)
                        + " (" + members.get(hosts.get(i)).description() + ") at " + address(i)
                        + " over the network the two lab hosts share: " + ping.evidence());
            }
        }
    }

    /**
     * The interface of {@code lab} on a network {@code other} is on too: the device of a route to one of the
     * other's addresses that goes there directly, without a gateway.
     */
    private static String towards(LabHost lab, LabHost other, String host) {
        for (String address : addresses(other)) {
            Optional<String> device = directDevice(
                    lab.run(LabHost.HOST, "ip", "-j", "route", "get", address).stdout());
            if (device.isPresent()) {
                return device.get();
            }
        }
        throw new LabException("the lab host for " + host + " (" + lab.description() + ") shares no network with "
                + other.description() + " (none of its addresses " + addresses(other) + " is reached directly)");
    }

    /** A lab host's global IPv4 addresses. */
    static List<String> addresses(LabHost lab) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode link : json(lab.run(LabHost.HOST, "ip", "-j", "-4", "addr", "show", "scope", "global")
                .stdout())) {
            for (JsonNode info : link.path("addr_info")) {
                if (!info.path("local").asText().isEmpty()) {
                    addresses.add(info.path("local").asText());
                }
            }
        }
        return addresses;
    }

    /** The device of {@code ip -j route get}'s answer when it needs no gateway (and is no loopback). */
    static Optional<String> directDevice(String routeGet) {
        for (JsonNode route : json(routeGet)) {
            String device = route.path("dev").asText();
            if (route.path("gateway").isMissingNode() && !device.isEmpty() && !device.equals("lo")) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    private static void build(LabHost lab, String host, String device, String address) {
        String made = "bl-" + host;
        run(lab, "ip", "netns", "add", host);
        run(lab, "ip", "-n", host, "link", "set", "lo", "up");
        if (!lab.run(LabHost.HOST, "ip", "link", "add", made, "link", device, "type", "ipvlan", "mode", "l2")
                .succeeded()) {
            run(lab, "ip", "link", "add", made, "link", device, "type", "macvlan", "mode", "bridge");
        }
        run(lab, "ip", "link", "set", made, "netns", host);
        run(lab, "ip", "-n", host, "link", "set", made, "name", "eth0");
        run(lab, "ip", "-n", host, "addr", "add", address + "/24", "dev", "eth0");
        run(lab, "ip", "-n", host, "link", "set", "eth0", "up");
    }

    private static void run(LabHost lab, String... argv) {
        lab.run(LabHost.HOST, argv).orThrow();
    }

    private static JsonNode json(String text) {
        try {
            return text.isBlank() ? JSON.createArrayNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new LabException("unreadable ip -j output: " + e.getMessage());
        }
    }
}
