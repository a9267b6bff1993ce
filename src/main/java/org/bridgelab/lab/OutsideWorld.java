package org.bridgelab.lab;

import java.util.List;

/**
 * The lab's "internet" and "LAN", built by BridgeLab itself in namespaces of its own, on documentation
 * address ranges (RFC 5737) so that no mistake can reach a real network:
 * <pre>
 *  [host] eth0 192.0.2.183 ── lan0 192.0.2.1 [router] 198.51.100.1 ── 198.51.100.10 [internet]
 *                                  └── 192.0.2.50 [remote]
 * </pre>
 */
public final class OutsideWorld {
    public static final String ROUTER = "router";
    public static final String INTERNET = "internet";
    public static final String REMOTE = "remote";
    public static final List<String> NAMESPACES = List.of(ROUTER, INTERNET, REMOTE);

    public static final String HOST_ADDRESS = "192.0.2.183";
    public static final String ROUTER_LAN_ADDRESS = "192.0.2.1";
    public static final String REMOTE_ADDRESS = "192.0.2.50";
    public static final String ROUTER_WAN_ADDRESS = "198.51.100.1";
    public static final String INTERNET_ADDRESS = "198.51.100.10";

    private final LabHost lab;
    private final String uplink;

    private OutsideWorld(LabHost lab, String uplink) {
        this.lab = lab;
        this.uplink = uplink;
    }

    /**
     * Builds the outside world. {@code uplink} is the host's interface towards the LAN: eth0 in the
     * sandbox, a tagged name on a real machine. In the sandbox the router also becomes the host's
     * default gateway; on a real machine only the documentation networks are routed there.
     */
    /** The outside world as something else built it on this host (nothing is built). */
    public static OutsideWorld alreadyThere(LabHost lab, String uplink) {
        return new OutsideWorld(lab, uplink);
    }

    public static OutsideWorld build(LabHost lab, String uplink, boolean asDefaultGateway) {
        OutsideWorld world = new OutsideWorld(lab, uplink);
        for (String ns : NAMESPACES) {
            world.host("ip", "netns", "add", ns);
            world.host("ip", "-n", ns, "link", "set", "lo", "up");
            lab.run(ns, SandboxLabHost.NO_IPV6).orThrow();
        }
        // the LAN: a switch (lan0) in the router, with the host and the remote machine plugged in
        world.host("ip", "-n", ROUTER, "link", "add", "lan0", "type", "bridge");
        world.host("ip", "link", "add", uplink, "type", "veth", "peer", "name", "lan-host", "netns", ROUTER);
        world.host(
                "ip",
                "-n",
                REMOTE,
                "link",
                "add",
                "eth0",
                "type",
                "veth",
                "peer",
                "name",
                "lan-remote",
                "netns",
                ROUTER);
        world.host("ip", "-n", ROUTER, "link", "set", "lan-host", "master", "lan0", "up");
        world.host("ip", "-n", ROUTER, "link", "set", "lan-remote", "master", "lan0", "up");
        world.host("ip", "-n", ROUTER, "addr", "add", ROUTER_LAN_ADDRESS + "/24", "dev", "lan0");
        world.host("ip", "-n", ROUTER, "link", "set", "lan0", "up");
        // the internet: one server behind the router
        world.host(
                "ip", "-n", ROUTER, "link", "add", "wan0", "type", "veth", "peer", "name", "eth0", "netns", INTERNET);
        world.host("ip", "-n", ROUTER, "addr", "add", ROUTER_WAN_ADDRESS + "/24", "dev", "wan0");
        world.host("ip", "-n", ROUTER, "link", "set", "wan0", "up");
        world.in(ROUTER, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        world.host("ip", "-n", INTERNET, "addr", "add", INTERNET_ADDRESS + "/24", "dev", "eth0");
        world.host("ip", "-n", INTERNET, "link", "set", "eth0", "up");
        world.host("ip", "-n", INTERNET, "route", "add", "default", "via", ROUTER_WAN_ADDRESS);
        world.host("ip", "-n", REMOTE, "addr", "add", REMOTE_ADDRESS + "/24", "dev", "eth0");
        world.host("ip", "-n", REMOTE, "link", "set", "eth0", "up");
        world.host("ip", "-n", REMOTE, "route", "add", "default", "via", ROUTER_LAN_ADDRESS);
        // the host's side
        world.host("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", uplink);
        world.host("ip", "link", "set", uplink, "up");
        if (asDefaultGateway) {
            world.host("ip", "route", "add", "default", "via", ROUTER_LAN_ADDRESS);
            world.asTheTutorialsMachine();
        } else {
            world.host("ip", "route", "add", "198.51.100.0/24", "via", ROUTER_LAN_ADDRESS);
        }
        return world;
    }

    /**
     * The sandbox's host starts as the tutorial's machine did, with Docker installed: FORWARD's policy is
     * DROP, so that {@code iptables -L} shows what the tutorial's figure shows and s3's {@code -P FORWARD
     * ACCEPT} changes something. Where br_netfilter is loaded (Docker loads it), bridged frames would meet
     * FORWARD too; in the sandbox br0 stays a plain switch, as s1 explains. Without the module there is no
     * such switch to set, which is the same.
     */
    private void asTheTutorialsMachine() {
        host("iptables", "-P", "FORWARD", "DROP");
        lab.run(LabHost.HOST, List.of("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0"));
    }

    public String uplink() {
        return uplink;
    }

    private void host(String... argv) {
        lab.run(LabHost.HOST, argv).orThrow();
    }

    private void in(String ns, String... argv) {
        lab.run(ns, argv).orThrow();
    }
}
