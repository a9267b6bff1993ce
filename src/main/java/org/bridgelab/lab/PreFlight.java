package org.bridgelab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A look at a real lab host before the lab is built there: what of the machine's own setup will change
 * what the lessons show. Each finding says what it is, what it does to the lessons and how to fix it. It
 * only reads; it changes nothing.
 */
public final class PreFlight {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PreFlight.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The address ranges the lessons and the outside world use, with what uses them. */
    private static final Map<String, String> LAB_RANGES = Map.of(
            "172.18.0.0/24", "the containers' LAN (br0)",
            "192.0.2.0/24", "the LAN of the host, the router and the remote machine",
            "198.51.100.0/24", "the internet server's network",
            "10.1.1.0/24", "the LAN of lessons c2–c5",
            "10.1.2.0/24", "the far side of lesson c5's router");

    /** One thing about the machine that matters to the lessons. */
    public record Finding(String what, String effect, String fix) {
        @Override
        public String toString() {
            return what + ": " + effect + " Fix: " + fix;
        }
    }

    private final LabHost host;
    private final List<Finding> findings = new ArrayList<>();

    private PreFlight(LabHost host) {
        this.host = host;
    }

    /** Every finding on the lab host, none when it is ready for the lessons as they are written. */
    public static List<Finding> check(LabHost host) {
        PreFlight check = new PreFlight(host);
        check.tools();
        check.bridgeNetfilter();
        check.otherIptables();
        check.docker();
        check.unreadableRules();
        check.userNamespaces();
        check.addressRanges();
        return List.copyOf(check.findings);
    }

    private void tools() {
        List<String> commands =
                Arrays.stream(RequiredTool.values()).map(RequiredTool::command).toList();
        List<String> argv = new ArrayList<>(List.of("which"));
        argv.addAll(commands);
        CommandResult which = host.run(LabHost.HOST, argv);
        if (which.exitCode() > 1) {
            findings.add(new Finding(
                    "cannot tell which tools are installed (which: " + which.evidence() + ")",
                    "a lesson whose program is missing fails at that step.",
                    "install debianutils, or check by hand."));
            return;
        }
        List<String> found = which.stdout().lines().map(String::strip).toList();
        List<RequiredTool> missing = Arrays.stream(RequiredTool.values())
                .filter(tool -> found.stream().noneMatch(path -> path.endsWith("/" + tool.command())))
                .toList();
        if (!missing.isEmpty()) {
            findings.add(new Finding(
                    "missing programs: "
                            + String.join(
                                    ", ",
                                    missing.stream().map(RequiredTool::command).toList()),
                    "every step that runs one of them fails.",
                    "sudo apt-get install "
                            + String.join(
                                    " ",
                                    missing.stream()
                                            .map(RequiredTool::debianPackage)
                                            .distinct()
                                            .toList())));
        }
    }

    /** br_netfilter hands bridged frames to iptables: br0's traffic then meets FORWARD and its policy. */
    private void bridgeNetfilter() {
        CommandResult callIptables = host.run(LabHost.HOST, "cat", "/proc/sys/net/bridge/bridge-nf-call-iptables");
        if (!callIptables.succeeded() || !callIptables.stdout().strip().equals("1")) {
            return;
        }
        boolean drops = forwardPolicy().equals("DROP");
        findings.add(
                new Finding(
                        "br_netfilter is loaded and bridge-nf-call-iptables is 1",
                        "frames bridged by br0 between two containers pass iptables FORWARD"
                                + (drops
                                        ? ", whose policy here is DROP: the pings of s1 and s2 fail until s3 accepts forwarding."
                                        : ", so FORWARD's counters also count them, which the lessons do not expect."),
                        "on a lab VM: sudo sysctl -w net.bridge.bridge-nf-call-iptables=0 (Docker sets it to 1 again when it starts)."));
    }

    private String forwardPolicy() {
        CommandResult forward = host.run(LabHost.HOST, "iptables", "-S", "FORWARD");
        return forward.stdout()
                .lines()
                .filter(line -> line.startsWith("-P FORWARD "))
                .findFirst()
                .map(line -> line.substring("-P FORWARD ".length()).strip())
                .orElse("");
    }

    /** iptables-nft and iptables-legacy are two rule sets; the kernel applies both, BridgeLab reads one. */
    private void otherIptables() {
        CommandResult version = host.run(LabHost.HOST, "iptables", "-V");
        if (!version.succeeded()) {
            return;
        }
        boolean nft = version.stdout().contains("nf_tables");
        String other = nft ? "iptables-legacy-save" : "iptables-nft-save";
        CommandResult save = host.run(LabHost.HOST, other);
        long rules = save.succeeded()
                ? save.stdout().lines().filter(line -> line.startsWith("-A ")).count()
                : 0;
        if (rules > 0) {
            String used = nft ? "iptables (nf_tables)" : "iptables (legacy)";
            findings.add(new Finding(
                    rules + " rule(s) in " + other.replace("-save", "") + " while " + used + " is in use",
                    "the kernel applies both rule sets, but the diagram and the checks show only " + used
                            + "'s: one of those rules can drop or rewrite a packet the lesson expects to pass.",
                    "list them with sudo " + other + " and remove them, or use a lab VM without them."));
        }
    }

    private void docker() {
        CommandResult filter = host.run(LabHost.HOST, "iptables", "-S");
        if (!filter.succeeded() || filter.stdout().lines().noneMatch(line -> line.equals("-N DOCKER-USER"))) {
            return;
        }
        String policy = forwardPolicy();
        findings.add(
                new Finding(
                        "Docker is installed (its DOCKER-USER chain exists)",
                        "its FORWARD policy " + (policy.isEmpty() ? "" : "(" + policy + ") ")
                                + "and chains stay around the lessons' rules: traffic of the lab may meet Docker's rules first,"
                                + " and the diagram shows them beside the lessons' own. What BridgeLab changes is undone at the end;"
                                + " Docker's own rules are never touched.",
                        "use a lab VM without Docker to see the lessons exactly as written (the docker lesson explains Docker's rules)."));
    }

    /** A table made by a newer iptables or by nft itself: iptables-save says so instead of listing it. */
    private void unreadableRules() {
        CommandResult save = host.run(LabHost.HOST, "iptables-save");
        save.stdout()
                .lines()
                .filter(line -> line.startsWith("#") && line.contains("incompatible"))
                .findFirst()
                .ifPresent(
                        line -> findings.add(
                                new Finding(
                                        "iptables cannot read a table ("
                                                + line.substring(1).strip() + ")",
                                        "iptables-save leaves its rules out, so the diagram and the checks do not show them, though the"
                                                + " kernel applies them to the lab's packets.",
                                        "see them with sudo nft list ruleset; on a lab VM, remove them or use the iptables that made them.")));
    }

    /** The sandbox needs unprivileged user namespaces for an ordinary user. */
    private void userNamespaces() {
        CommandResult restricted =
                host.run(LabHost.HOST, "cat", "/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        if (restricted.succeeded() && restricted.stdout().strip().equals("1")) {
            findings.add(
                    new Finding(
                            "AppArmor restricts unprivileged user namespaces",
                            "the sandbox (--lab-host sandbox) cannot start for an ordinary user, unless BridgeLab runs under"
                                    + " its own AppArmor profile (the .deb installs it).",
                            "install the .deb, or run as root, or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0."));
        }
        CommandResult max = host.run(LabHost.HOST, "cat", "/proc/sys/user/max_user_namespaces");
        if (max.succeeded() && max.stdout().strip().equals("0")) {
            findings.add(new Finding(
                    "user namespaces are switched off (user.max_user_namespaces = 0)",
                    "the sandbox cannot start here, for anyone.",
                    "sudo sysctl -w user.max_user_namespaces=15000."));
        }
    }

    /** An address or route of the machine inside a range the lab uses makes two networks of one. */
    private void addressRanges() {
        List<String> inUse = new ArrayList<>();
        for (JsonNode link : json(host.run(LabHost.HOST, "ip", "-j", "addr", "show"))) {
            for (JsonNode address : link.path("addr_info")) {
                if ("inet".equals(address.path("family").asText())) {
                    inUse.add(address.path("local").asText() + "/"
                            + address.path("prefixlen").asInt() + " on "
                            + link.path("ifname").asText());
                }
            }
        }
        for (JsonNode route : json(host.run(LabHost.HOST, "ip", "-j", "route", "show"))) {
            String destination = route.path("dst").asText();
            if (!destination.equals("default")) {
                inUse.add(destination + " routed via " + route.path("dev").asText());
            }
        }
        LAB_RANGES.forEach((range, use) -> {
            List<String> clashes = inUse.stream()
                    .filter(entry -> overlaps(entry.split(" ")[0], range))
                    .toList();
            if (!clashes.isEmpty()) {
                findings.add(new Finding(
                        range + " is already in use on this machine (" + String.join(", ", clashes) + ")",
                        "the lab uses it for " + use
                                + ": the machine's routes and the lab's collide, and a packet of the"
                                + " lesson may leave through the machine's own interface.",
                        "use a lab VM whose own network is not in " + range + "."));
            }
        });
    }

    private static JsonNode json(CommandResult result) {
        if (!result.succeeded()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            LOG.warn("{} printed invalid JSON, read as nothing: {}", String.join(" ", result.argv()), e.getMessage());
            return JSON.createArrayNode();
        }
    }

    /** Whether two IPv4 prefixes ("a.b.c.d/n", a lone address being /32) share any address. */
    static boolean overlaps(String a, String b) {
        long[] first = prefix(a);
        long[] second = prefix(b);
        if (first == null || second == null) {
            return false;
        }
        long bits = Math.min(first[1], second[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (first[0] & mask) == (second[0] & mask);
    }

    private static long[] prefix(String text) {
        String[] parts = text.split("/");
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) {
            return null;
        }
        try {
            long address = 0;
            for (String octet : octets) {
                address = address << 8 | Integer.parseInt(octet);
            }
            return new long[] {address, parts.length > 1 ? Integer.parseInt(parts[1]) : 32};
        } catch (NumberFormatException e) {
            // not an IPv4 prefix (an IPv6 one, say): not one the lab's ranges can overlap
            return null;
        }
    }
}
