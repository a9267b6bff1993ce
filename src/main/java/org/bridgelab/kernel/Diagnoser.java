package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bridgelab.lab.LabHost;
import org.bridgelab.words.Phrase;

/**
 * Explains from a snapshot whether traffic from a namespace gets to an address (and TCP port), by
 * following the packet the way the kernel decides, namespace by namespace: DNAT in PREROUTING (in nat
 * OUTPUT for a packet the namespace makes itself), local delivery and filter INPUT, forwarding switch,
 * route lookup, FORWARD chain, MASQUERADE or SNAT in POSTROUTING, then the layer-2 way to the next hop
 * (veth peer, bridge ports). Each chain is walked rule by rule with its jumps ({@link ChainWalker}). When
 * the packet arrives, the reply is followed back the same way, with connection tracking undoing the
 * translations, because a packet whose reply cannot return is as lost as one that never arrived. The
 * first obstacle is the verdict.
 */
public final class Diagnoser {
    private static final int MAX_HOPS = 8;
    /** Tunnels followed within one another at most (a VXLAN whose underlay is itself a tunnel's segment). */
    private static final int MAX_TUNNELS = 2;

    private final Topology topology;
    private final ListenerProbe listeners;
    private int tunnelsFollowed;

    public Diagnoser(Topology topology, ListenerProbe listeners) {
        this.topology = topology;
        this.listeners = listeners;
    }

    public Diagnosis explain(String from, String to, Integer port) {
        List<Phrase> path = new ArrayList<>();
        Walk forward = new Walk(path, false);
        Verdict verdict = forward.run(from, null, to, port);
        if (verdict == null) {
            Walk reply = new Walk(path, true);
            reply.undo.putAll(forward.translations);
            path.add(Phrase.of("diag.path.reply", forward.arrivedAt, forward.dst, forward.src));
            reply.protocol = forward.protocol;
            Verdict back = reply.run(forward.arrivedAt, forward.dst, forward.src, null);
            verdict = back == null
                    ? new Verdict(
                            Verdict.Kind.REACHABLE,
                            Phrase.of("diag.reachable", from, to + (port == null ? "" : ":" + port), forward.arrivedAt),
                            List.of(forward.arrivedAt),
                            "")
                    : replyProblem(back, forward);
        }
        Optional<Verdict> duplicate = duplicateAddress(forward.dst == null ? to : forward.dst);
        if (duplicate.isPresent() && (verdict.reachable() || verdict.kind() == Verdict.Kind.NOTHING_LISTENING)) {
            verdict = duplicate.get();
        }
        return new Diagnosis(from, to, port, path, verdict);
    }

    /**
     * Two namespaces holding one address on one LAN both answer ARP for it: packets go to whichever answer
     * the sender kept, so the same ping may work and the connection fail. Named as such, whatever the walk
     * found, because no reading of routes and rules can tell which of the two gets the packet.
     */
    private Optional<Verdict> duplicateAddress(String address) {
        List<Topology.Endpoint> holders = new ArrayList<>();
        for (Topology.Namespace ns : topology.namespaces()) {
            for (Topology.Link link : ns.links()) {
                if (!"loopback".equals(link.kind())
                        && link.addresses().stream()
                                .anyMatch(a -> Addresses.withoutPrefix(a).equals(address))) {
                    holders.add(new Topology.Endpoint(ns.name(), link.name()));
                }
            }
        }
        if (holders.size() < 2) {
            return Optional.empty();
        }
        // the one that holds it as an extra address is the likelier mistake: named second, with its removal
        holders.sort(Comparator.comparing((Topology.Endpoint e) -> !isFirstAddress(e, address))
                .thenComparing(Topology.Endpoint::namespace));
        Topology.Endpoint second = holders.get(1);
        String held = topology.namespace(second.namespace())
                .flatMap(ns -> ns.link(second.link()))
                .flatMap(l -> l.addresses().stream()
                        .filter(a -> Addresses.withoutPrefix(a).equals(address))
                        .findFirst())
                .orElse(address);
        return Optional.of(new Verdict(
                Verdict.Kind.DUPLICATE_ADDRESS,
                Phrase.of("diag.duplicate", address, endpoint(holders.get(0)), endpoint(second)),
                holders.stream().map(e -> e.link() + " in " + e.namespace()).toList(),
                in(second.namespace(), "ip addr del " + held + " dev " + second.link())));
    }

    /** A reply lost outside the lab, to a container's private address, is a missing MASQUERADE. */
    private Verdict replyProblem(Verdict back, Walk forward) {
        if (back.kind() == Verdict.Kind.NO_ROUTE
                && forward.origin != null
                && forward.origin.role() == Topology.Role.CONTAINER
                && back.objects().stream().anyMatch(o -> namespaceRole(o) == Topology.Role.OUTSIDE)) {
            String network = forward.originAddress == null ? forward.src : Addresses.network(forward.originAddress);
            String bridge = hostBridgeFor(forward.originAddress).orElse("br0");
            return new Verdict(
                    Verdict.Kind.NO_MASQUERADE,
                    Phrase.of(
                            "diag.noMasquerade",
                            forward.src,
                            back.objects().get(0).replace("routes of ", ""),
                            network,
                            back.explanation()),
                    List.of("nat POSTROUTING in host", back.objects().get(0)),
                    "sudo iptables -t nat -A POSTROUTING -s " + network + " ! -o " + bridge + " -j MASQUERADE");
        }
        return new Verdict(back.kind(), Phrase.of("diag.replyLost", back.explanation()), back.objects(), back.fix());
    }

    /** One direction of the packet's journey. */
    private final class Walk {
        final List<Phrase> path;
        final boolean reply;
        /** Per namespace: a masquerading address → the original source, for conntrack on the way back. */
        final Map<String, Map<String, String>> translations = new HashMap<>();

        final Map<String, Map<String, String>> undo = new HashMap<>();
        String src;
        String dst;
        Integer dport;
        String protocol;
        String arrivedAt;
        Topology.Namespace origin;
        String originAddress;

        Walk(List<Phrase> path, boolean reply) {
            this.path = path;
            this.reply = reply;
        }

        /** Null when the packet arrives; otherwise the first obstacle. */
        Verdict run(String from, String source, String destination, Integer port) {
            src = source;
            dst = destination;
            dport = port;
            if (protocol == null) {
                protocol = port == null ? "icmp" : "tcp";
            }
            String ns = from;
            String in = null;
            boolean translated = false;
            for (int hop = 0; hop < MAX_HOPS; hop++) {
                Optional<Topology.Namespace> found = topology.namespace(ns);
                if (found.isEmpty()) {
                    return new Verdict(
                            Verdict.Kind.NO_NAMESPACE,
                            Phrase.of("diag.noNamespace", ns),
                            List.of(ns),
                            "sudo ip netns add " + ns);
                }
                Topology.Namespace n = found.get();
                if (hop == 0 && !reply) {
                    origin = n;
                }
                if (!reply) {
                    // DNAT: PREROUTING for a packet that arrived, OUTPUT for one the namespace makes itself
                    String hook = in == null ? "OUTPUT" : "PREROUTING";
                    translated |= destinationNat(n, ChainWalker.decide(n, "nat", hook, packet(n, in, null)));
                }
                if (in != null && reply && undo.containsKey(ns) && undo.get(ns).containsKey(dst)) {
                    String original = undo.get(ns).get(dst);
                    path.add(Phrase.of("diag.path.conntrack", ns, dst, original));
                    dst = original;
                }
                if (isLocal(n, dst)) {
                    return arrive(n, in, translated);
                }
                if (in != null && !n.forwarding()) {
                    return new Verdict(
                            Verdict.Kind.FORWARDING_OFF,
                            Phrase.of("diag.forwardingOff", ns, dst, in),
                            List.of("ip_forward in " + ns),
                            in(ns, "sysctl net.ipv4.conf.all.forwarding=1"));
                }
                Optional<Topology.Route> route = lookup(n, dst);
                if (route.isEmpty() && !reply && n.role() == Topology.Role.OUTSIDE) {
                    Optional<Verdict> behindTheHost = privateAddress(n, dst);
                    if (behindTheHost.isPresent()) {
                        return behindTheHost.get();
                    }
                }
                if (route.isEmpty()) {
                    return noRoute(n);
                }
                Topology.Link egress = n.link(route.get().device()).orElse(null);
                if (egress == null) {
                    return noRoute(n);
                }
                if (!egress.isUp()) {
                    return down(n, egress);
                }
                if (in != null) {
                    ChainWalker.Decision forwardChain =
                            ChainWalker.decide(n, "filter", "FORWARD", packet(n, in, egress.name()));
                    unreadable(n, "FORWARD");
                    if (forwardChain.drops()) {
                        return dropped(
                                n,
                                forwardChain,
                                Verdict.Kind.FORWARD_DROP,
                                Phrase.of("diag.way.forward", in, egress.name()));
                    }
                }
                if (src == null) {
                    if (egress.addresses().isEmpty()) {
                        return noAddress(n, egress);
                    }
                    src = Addresses.withoutPrefix(egress.addresses().get(0));
                    originAddress = egress.addresses().get(0);
                }
                // a reply belongs to a tracked connection: conntrack translates it, the nat rules are not consulted
                if (!reply) {
                    sourceNat(n, egress, ChainWalker.decide(n, "nat", "POSTROUTING", packet(n, in, egress.name())));
                }
                String nextHop = route.get().gateway() != null ? route.get().gateway() : dst;
                path.add(Phrase.of("diag.path.route", ns, dst, TopologyDiff.text(route.get())));
                Verdict l2 = null;
                Topology.Endpoint next = null;
                Phrase tunnel = null;
                for (Reach reach : segment(n, egress)) {
                    Topology.Namespace owner =
                            topology.namespace(reach.target().namespace()).orElseThrow();
                    Topology.Link link = owner.link(reach.target().link()).orElseThrow();
                    if (link.addresses().stream()
                            .anyMatch(a -> Addresses.withoutPrefix(a).equals(nextHop))) {
                        for (Topology.Endpoint on : reach.through()) {
                            Topology.Namespace at =
                                    topology.namespace(on.namespace()).orElseThrow();
                            Topology.Link l = at.link(on.link()).orElseThrow();
                            if (!l.isUp()) {
                                l2 = down(at, l);
                                break;
                            }
                        }
                        next = reach.target();
                        tunnel = reach.tunnel();
                        break;
                    }
                }
                if (l2 != null) {
                    return l2;
                }
                if (next == null) {
                    return notOnSegment(n, egress, nextHop);
                }
                path.add(Phrase.of("diag.path.hop", ns, egress.name(), endpoint(next)));
                if (tunnel != null) {
                    path.add(tunnel);
                }
                ns = next.namespace();
                in = next.link();
            }
            return new Verdict(Verdict.Kind.NO_SUCH_HOST, Phrase.of("diag.loop", dst), List.of(), "");
        }

        private Verdict arrive(Topology.Namespace n, String in, boolean translated) {
            arrivedAt = n.name();
            path.add(Phrase.of("diag.path.local", n.name(), dst));
            if (in != null) {
                ChainWalker.Decision input = ChainWalker.decide(n, "filter", "INPUT", packet(n, in, null));
                unreadable(n, "INPUT");
                if (input.drops()) {
                    return dropped(n, input, Verdict.Kind.INPUT_DROP, Phrase.of("diag.way.input", in));
                }
            }
            if (reply || dport == null || listeners.listens(n.name(), dport)) {
                return null;
            }
            if (n.role() == Topology.Role.HOST && !translated && (in == null || !isBridge(n, in))) {
                Verdict unpublished = in == null ? ownConnectionWithoutDnat(n) : withoutDnat(n);
                if (unpublished != null) {
                    return unpublished;
                }
            }
            return new Verdict(
                    Verdict.Kind.NOTHING_LISTENING,
                    Phrase.of("diag.nothingListening", n.name(), dport),
                    List.of(n.name(), "port " + dport),
                    in(n.name(), "nc -lp " + dport));
        }

        /** From outside to the host's port, with no DNAT: propose one to the container that listens there. */
        private Verdict withoutDnat(Topology.Namespace n) {
            String target = listeningContainer(dport).orElse("172.18.0.2");
            return new Verdict(
                    Verdict.Kind.NO_DNAT,
                    Phrase.of("diag.noDnat", n.name(), dport, dst),
                    List.of("nat PREROUTING in " + n.name(), "port " + dport),
                    "sudo iptables -t nat -A PREROUTING ! -i "
                            + hostBridgeFor(target + "/32").orElse("br0") + " -p tcp -m tcp --dport " + dport
                            + " -j DNAT --to-destination " + target + ":" + dport);
        }

        /**
         * The host connecting to its own published port: PREROUTING would send a packet arriving on the
         * interface that holds the address on to a container, but the host's own packet passes nat OUTPUT.
         * Null when the port is not published at all (then, plainly, nothing listens).
         */
        private Verdict ownConnectionWithoutDnat(Topology.Namespace n) {
            Optional<Topology.Link> holder = n.links().stream()
                    .filter(l -> !"bridge".equals(l.kind()) && !"loopback".equals(l.kind()))
                    .filter(l -> l.addresses().stream()
                            .anyMatch(a -> Addresses.withoutPrefix(a).equals(dst)))
                    .findFirst();
            if (holder.isEmpty()) {
                return null;
            }
            ChainWalker.Decision arriving = ChainWalker.decide(
                    n, "nat", "PREROUTING", packet(n, holder.get().name(), null));
            if (!"DNAT".equals(arriving.target()) || arriving.rule().toDestination() == null) {
                return null;
            }
            String target = arriving.rule().toDestination();
            return new Verdict(
                    Verdict.Kind.NO_DNAT,
                    Phrase.of(
                            "diag.noOutputDnat",
                            holder.get().name(),
                            dst + ":" + dport,
                            target,
                            arriving.chain(),
                            n.name()),
                    List.of("nat OUTPUT in " + n.name(), "port " + dport),
                    in(
                            n.name(),
                            "iptables -t nat -A OUTPUT -d " + dst + " -p tcp --dport " + dport
                                    + " -j DNAT --to-destination " + target));
        }

        /**
         * A dropping rule this reading cannot evaluate is assumed not to match; the path says so, so that an
         * unknown is shown as unknown (the probe decides whether it matched).
         */
        private void unreadable(Topology.Namespace n, String chain) {
            n.chain("filter", chain)
                    .ifPresent(c -> c.rules().stream()
                            .filter(rule -> !RuleSpec.parse(rule.text()).understood())
                            .filter(rule -> List.of("DROP", "REJECT")
                                    .contains(RuleSpec.parse(rule.text()).target()))
                            .forEach(rule -> path.add(Phrase.of(
                                    "diag.path.unreadable", n.name(), chain, RuleSpec.normalise(rule.text())))));
        }

        /** The packet as namespace n's hooks see it now; an interface it has none of is "" (made or delivered here). */
        private RuleSpec.Packet packet(Topology.Namespace n, String in, String out) {
            return new RuleSpec.Packet(
                    src,
                    dst,
                    in == null ? "" : in,
                    out == null && in != null ? "" : out,
                    protocol,
                    dport,
                    isLocal(n, dst) ? "LOCAL" : "UNICAST",
                    reply ? "ESTABLISHED" : "NEW",
                    "icmp".equals(protocol) ? (reply ? "0" : "8") : null);
        }

        /** Rewrites the destination when a DNAT decided; true if it did. */
        private boolean destinationNat(Topology.Namespace n, ChainWalker.Decision decision) {
            if (!"DNAT".equals(decision.target()) || decision.rule().toDestination() == null) {
                return false;
            }
            String[] to = decision.rule().toDestination().split(":");
            path.add(Phrase.of(
                    "diag.path.dnat",
                    n.name(),
                    decision.chain(),
                    dst + (dport == null ? "" : ":" + dport),
                    decision.rule().toDestination()));
            dst = to[0];
            dport = to.length > 1 && dport != null ? Integer.valueOf(to[1]) : dport;
            return true;
        }

        /** Rewrites the source on MASQUERADE or SNAT, remembered for conntrack to undo on the reply. */
        private void sourceNat(Topology.Namespace n, Topology.Link egress, ChainWalker.Decision decision) {
            String translated = switch (decision.target()) {
                case "MASQUERADE" ->
                    egress.addresses().isEmpty()
                            ? null
                            : Addresses.withoutPrefix(egress.addresses().get(0));
                case "SNAT" ->
                    decision.rule().toSource() == null
                            ? null
                            : decision.rule().toSource().split("[-:]")[0];
                default -> null;
            };
            if (translated == null) {
                return;
            }
            path.add(Phrase.of("diag.path.snat", n.name(), decision.chain(), decision.target(), src, translated));
            translations.computeIfAbsent(n.name(), k -> new HashMap<>()).put(translated, src);
            src = translated;
        }

        /** A filter chain dropped the packet: by its policy, or by a rule, which is named with its removal. */
        private Verdict dropped(Topology.Namespace n, ChainWalker.Decision decision, Verdict.Kind kind, Phrase way) {
            String hook = kind == Verdict.Kind.INPUT_DROP ? "INPUT" : "FORWARD";
            if (decision.byPolicy()) {
                return new Verdict(
                        kind,
                        Phrase.of("diag.dropPolicy", hook, n.name(), decision.target(), way),
                        List.of("filter " + hook + " in " + n.name()),
                        in(n.name(), "iptables -P " + hook + " ACCEPT"));
            }
            String rule = RuleSpec.normalise(decision.ruleText());
            return new Verdict(
                    kind,
                    Phrase.of(
                            "DROP".equals(decision.target()) ? "diag.dropRule" : "diag.rejectRule",
                            rule,
                            n.name(),
                            way),
                    List.of("filter " + decision.chain() + " in " + n.name()),
                    in(n.name(), "iptables " + rule.replaceFirst("^-A ", "-D ")));
        }

        private Verdict notOnSegment(Topology.Namespace n, Topology.Link egress, String nextHop) {
            Optional<Topology.Endpoint> owner = ownerOf(nextHop);
            // our cable's other end is loose, or the next hop's cable is: which bridge should it be on?
            Topology.Endpoint ours = egress.peer();
            Optional<Topology.Link> ourPeer = link(ours);
            if (ourPeer.isPresent() && ourPeer.get().master() == null && owner.isPresent()) {
                Optional<String> bridge = bridgeNear(owner.get(), ours.namespace());
                if (bridge.isPresent()) {
                    return notOnBridge(ours, bridge.get());
                }
            }
            if (owner.isPresent()) {
                Optional<Topology.Link> theirs = link(owner.get());
                Optional<Topology.Link> theirPeer =
                        theirs.map(Topology.Link::peer).flatMap(Diagnoser.this::link);
                if (theirPeer.isPresent()
                        && theirPeer.get().master() == null
                        && ourPeer.isPresent()
                        && ourPeer.get().master() != null) {
                    return notOnBridge(theirs.get().peer(), ourPeer.get().master());
                }
            }
            return new Verdict(
                    Verdict.Kind.NO_SUCH_HOST,
                    Phrase.of("diag.noSuchHost", egress.name(), n.name(), nextHop),
                    List.of(egress.name() + " in " + n.name()),
                    "");
        }

        private Verdict notOnBridge(Topology.Endpoint loose, String bridge) {
            return new Verdict(
                    Verdict.Kind.NOT_ON_BRIDGE,
                    Phrase.of("diag.notOnBridge", endpoint(loose), bridge),
                    List.of(loose.toString(), bridge),
                    in(loose.namespace(), "brctl addif " + bridge + " " + loose.link()));
        }
    }

    /**
     * The outside world has no route to a container's private address, as no real network has: BridgeLab's
     * own router needs no default route; from outside, a container is reached through a port the host
     * publishes (DNAT to it).
     */
    private Optional<Verdict> privateAddress(Topology.Namespace n, String dst) {
        Optional<Topology.Endpoint> owner = ownerOf(dst);
        if (owner.isEmpty() || namespaceRole(owner.get().namespace()) != Topology.Role.CONTAINER) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(
                Verdict.Kind.PRIVATE_ADDRESS,
                Phrase.of("diag.privateAddress", dst, owner.get().namespace(), n.name()),
                List.of("routes of " + n.name()),
                ""));
    }

    private boolean isFirstAddress(Topology.Endpoint endpoint, String address) {
        return link(endpoint)
                .map(l -> !l.addresses().isEmpty()
                        && Addresses.withoutPrefix(l.addresses().get(0)).equals(address))
                .orElse(false);
    }

    /** No route: because a link is down, because nothing has an address, or because the route is missing. */
    private Verdict noRoute(Topology.Namespace n) {
        List<Topology.Link> real =
                n.links().stream().filter(l -> !"loopback".equals(l.kind())).toList();
        Optional<Topology.Link> down = real.stream().filter(l -> !l.isUp()).findFirst();
        if (down.isPresent()
                && real.stream().noneMatch(l -> l.isUp() && !l.addresses().isEmpty())) {
            return down(n, down.get());
        }
        Optional<Topology.Link> bare =
                real.stream().filter(l -> l.isUp() && l.addresses().isEmpty()).findFirst();
        if (bare.isPresent() && real.stream().allMatch(l -> l.addresses().isEmpty())) {
            return noAddress(n, bare.get());
        }
        // an address, but not in the subnet of the bridge the cable is plugged into: no route can use it
        Optional<Topology.Link> misaddressed = real.stream()
                .filter(Topology.Link::isUp)
                .filter(l -> bridgeNetwork(l)
                        .map(net -> l.addresses().stream()
                                .noneMatch(a -> Addresses.contains(net, Addresses.withoutPrefix(a))))
                        .orElse(false))
                .findFirst();
        if (misaddressed.isPresent()) {
            return noAddress(n, misaddressed.get());
        }
        // the right address with the wrong netmask: the gateway is no longer on the link, so its route went
        Optional<Topology.Link> wrongMask = real.stream()
                .filter(Topology.Link::isUp)
                .filter(l -> bridgeNetwork(l)
                        .map(net -> l.addresses().stream()
                                .anyMatch(a -> !Addresses.network(a).equals(net)))
                        .orElse(false))
                .findFirst();
        if (wrongMask.isPresent()) {
            return wrongNetmask(n, wrongMask.get());
        }
        Optional<String> gateway = gatewayFor(n);
        String fix = gateway.map(g -> in(n.name(), "route add default gw " + g.split(" ")[0] + " " + g.split(" ")[1]))
                .orElse(in(n.name(), "ip route add default via GATEWAY"));
        return new Verdict(
                Verdict.Kind.NO_ROUTE, Phrase.of("diag.noRoute", n.name()), List.of("routes of " + n.name()), fix);
    }

    private Verdict down(Topology.Namespace n, Topology.Link link) {
        return new Verdict(
                Verdict.Kind.INTERFACE_DOWN,
                Phrase.of("diag.down", link.name(), n.name()),
                List.of(link.name() + " in " + n.name()),
                in(n.name(), "ip link set " + link.name() + " up"));
    }

    private Verdict noAddress(Topology.Namespace n, Topology.Link link) {
        String network = bridgeNetwork(link).orElse("SUBNET");
        return new Verdict(
                Verdict.Kind.NO_ADDRESS,
                Phrase.of("diag.noAddress", link.name(), n.name(), network),
                List.of(link.name() + " in " + n.name()),
                in(n.name(), "ip addr add ADDRESS-IN-" + network + " dev " + link.name()));
    }

    private Verdict wrongNetmask(Topology.Namespace n, Topology.Link link) {
        String network = bridgeNetwork(link).orElseThrow();
        String address = link.addresses().stream()
                .filter(a -> !Addresses.network(a).equals(network))
                .findFirst()
                .orElseThrow();
        String right = Addresses.withoutPrefix(address) + "/" + Addresses.prefixLength(network);
        return new Verdict(
                Verdict.Kind.WRONG_NETMASK,
                Phrase.of("diag.wrongNetmask", link.name(), n.name(), address, network),
                List.of(link.name() + " in " + n.name()),
                in(n.name(), "ip addr del " + address + " dev " + link.name()) + "; "
                        + in(n.name(), "ip addr add " + right + " dev " + link.name()));
    }

    /** The subnet of the bridge a link's veth peer is plugged into (172.18.0.0/24 for docker0's veth0). */
    private Optional<String> bridgeNetwork(Topology.Link link) {
        return link(link.peer())
                .map(Topology.Link::master)
                .flatMap(bridge -> topology.namespace(link.peer().namespace()).flatMap(ns -> ns.link(bridge)))
                .flatMap(bridge -> bridge.addresses().stream().findFirst())
                .map(Addresses::network);
    }

    /** "172.18.0.1 veth0": the host's address on the bridge this namespace's cable is plugged into. */
    private Optional<String> gatewayFor(Topology.Namespace n) {
        for (Topology.Link link : n.links()) {
            Optional<Topology.Link> peer = link(link.peer());
            if (peer.isPresent() && peer.get().master() != null) {
                Optional<Topology.Link> bridge = topology.namespace(link.peer().namespace())
                        .flatMap(ns -> ns.link(peer.get().master()));
                if (bridge.isPresent() && !bridge.get().addresses().isEmpty()) {
                    return Optional.of(
                            Addresses.withoutPrefix(bridge.get().addresses().get(0)) + " " + link.name());
                }
            }
        }
        return Optional.empty();
    }

    /** What is reachable at layer 2 from a link, and the links on the way that must be up. */
    private List<Reach> segment(Topology.Namespace n, Topology.Link egress) {
        List<Reach> reaches = new ArrayList<>();
        Topology.Endpoint self = new Topology.Endpoint(n.name(), egress.name());
        if ("bridge".equals(egress.kind())) {
            for (Topology.Link port : n.portsOf(egress.name())) {
                if (port.peer() != null) {
                    reaches.add(
                            new Reach(port.peer(), List.of(new Topology.Endpoint(n.name(), port.name()), port.peer())));
                }
            }
            return reaches;
        }
        Optional<Topology.Link> peer = link(egress.peer());
        if (peer.isEmpty()) {
            return reaches;
        }
        Topology.Endpoint peerEnd = egress.peer();
        reaches.add(new Reach(peerEnd, List.of(peerEnd)));
        if (peer.get().master() != null) {
            Topology.Namespace bridgeNs =
                    topology.namespace(peerEnd.namespace()).orElseThrow();
            Topology.Endpoint bridge =
                    new Topology.Endpoint(bridgeNs.name(), peer.get().master());
            reaches.add(new Reach(bridge, List.of(peerEnd, bridge)));
            for (Topology.Link port : bridgeNs.portsOf(peer.get().master())) {
                if (port.peer() != null && !port.peer().equals(self)) {
                    Topology.Endpoint portEnd = new Topology.Endpoint(bridgeNs.name(), port.name());
                    reaches.add(new Reach(port.peer(), List.of(peerEnd, bridge, portEnd, port.peer())));
                }
                if (port.tunnel() != null) {
                    reaches.addAll(throughTunnel(bridgeNs, port, List.of(peerEnd, bridge)));
                }
            }
        }
        return reaches;
    }

    /**
     * What a bridge's VXLAN port carries the segment to: the far end is the namespace that owns the tunnel's
     * remote address, reached on the underlay through the tunnel's device, with a VXLAN link of the same VNI
     * plugged into a bridge of its own; that bridge's ports are on the segment too. Nothing when the remote is
     * no one's, not on the underlay, or has no such end.
     */
    private List<Reach> throughTunnel(Topology.Namespace near, Topology.Link vxlan, List<Topology.Endpoint> before) {
        Topology.Tunnel tunnel = vxlan.tunnel();
        if (tunnel.remote() == null || tunnelsFollowed >= MAX_TUNNELS) {
            return List.of();
        }
        // a tunnel's underlay could itself hold a tunnel leading back: follow a few, never round in circles
        tunnelsFollowed++;
        List<Topology.Endpoint> underlay;
        try {
            underlay = underlayTo(near, tunnel);
        } finally {
            tunnelsFollowed--;
        }
        if (underlay == null) {
            return List.of();
        }
        String farName = underlay.get(underlay.size() - 1).namespace();
        Topology.Namespace far = topology.namespace(farName).orElseThrow();
        List<Reach> reaches = new ArrayList<>();
        for (Topology.Link end : far.links()) {
            if (end.tunnel() == null || end.tunnel().vni() != tunnel.vni() || end.master() == null) {
                continue;
            }
            Topology.Endpoint farBridge = new Topology.Endpoint(far.name(), end.master());
            List<Topology.Endpoint> way = new ArrayList<>(before);
            way.add(new Topology.Endpoint(near.name(), vxlan.name()));
            way.addAll(underlay);
            way.add(new Topology.Endpoint(far.name(), end.name()));
            way.add(farBridge);
            for (Topology.Link port : far.portsOf(end.master())) {
                if (port.peer() != null) {
                    List<Topology.Endpoint> through = new ArrayList<>(way);
                    through.add(new Topology.Endpoint(far.name(), port.name()));
                    through.add(port.peer());
                    reaches.add(new Reach(
                            port.peer(),
                            through,
                            Phrase.of(
                                    "diag.path.tunnel",
                                    near.name(),
                                    endpoint(new Topology.Endpoint(near.name(), vxlan.name())),
                                    endpoint(new Topology.Endpoint(far.name(), end.name())),
                                    String.valueOf(tunnel.vni()),
                                    tunnel.remote())));
                }
            }
        }
        return reaches;
    }

    /** The way on the underlay from the tunnel's device to the link that has its remote address, or null. */
    private List<Topology.Endpoint> underlayTo(Topology.Namespace near, Topology.Tunnel tunnel) {
        return near.links().stream()
                .filter(link -> tunnel.device() == null || link.name().equals(tunnel.device()))
                .filter(link -> link.tunnel() == null && !"bridge".equals(link.kind()))
                .flatMap(link -> segment(near, link).stream())
                .filter(reach -> link(reach.target())
                        .map(far -> far.addresses().stream()
                                .anyMatch(address ->
                                        Addresses.withoutPrefix(address).equals(tunnel.remote())))
                        .orElse(false))
                .findFirst()
                .map(Reach::through)
                .orElse(null);
    }

    /** A link reachable at layer 2, the links on the way that must be up, and the tunnel it is reached through (or null). */
    private record Reach(Topology.Endpoint target, List<Topology.Endpoint> through, Phrase tunnel) {
        Reach(Topology.Endpoint target, List<Topology.Endpoint> through) {
            this(target, through, null);
        }
    }

    /** "veth0 in docker0", worded per language. */
    private static Phrase endpoint(Topology.Endpoint endpoint) {
        return Phrase.of("diag.endpoint", endpoint.link(), endpoint.namespace());
    }

    private Optional<Topology.Link> link(Topology.Endpoint endpoint) {
        return endpoint == null
                ? Optional.empty()
                : topology.namespace(endpoint.namespace()).flatMap(ns -> ns.link(endpoint.link()));
    }

    private Optional<Topology.Endpoint> ownerOf(String address) {
        for (Topology.Namespace ns : topology.namespaces()) {
            for (Topology.Link link : ns.links()) {
                if (link.addresses().stream()
                        .anyMatch(a -> Addresses.withoutPrefix(a).equals(address))) {
                    return Optional.of(new Topology.Endpoint(ns.name(), link.name()));
                }
            }
        }
        return Optional.empty();
    }

    /** The bridge in {@code namespace} that the owner is, or that the owner's cable is plugged into. */
    private Optional<String> bridgeNear(Topology.Endpoint owner, String namespace) {
        Optional<Topology.Link> link = link(owner);
        if (link.isPresent()
                && owner.namespace().equals(namespace)
                && "bridge".equals(link.get().kind())) {
            return Optional.of(owner.link());
        }
        return link.map(Topology.Link::peer).flatMap(this::link).map(Topology.Link::master);
    }

    /** The host's bridge whose subnet holds an address (br0 for 172.18.0.2). */
    private Optional<String> hostBridgeFor(String address) {
        if (address == null) {
            return Optional.empty();
        }
        return topology.namespace(LabHost.HOST).stream()
                .flatMap(ns -> ns.links().stream())
                .filter(l -> "bridge".equals(l.kind()))
                .filter(l -> l.addresses().stream()
                        .anyMatch(a -> Addresses.contains(Addresses.network(a), Addresses.withoutPrefix(address))))
                .map(Topology.Link::name)
                .findFirst();
    }

    private Optional<String> listeningContainer(int port) {
        return topology.namespaces().stream()
                .filter(ns -> ns.role() == Topology.Role.CONTAINER)
                .filter(ns -> listeners.listens(ns.name(), port))
                .flatMap(ns -> ns.links().stream().flatMap(l -> l.addresses().stream()))
                .map(Addresses::withoutPrefix)
                .findFirst();
    }

    private Topology.Role namespaceRole(String object) {
        String ns = object.startsWith("routes of ") ? object.substring("routes of ".length()) : object;
        return topology.namespace(ns).map(Topology.Namespace::role).orElse(null);
    }

    private static boolean isBridge(Topology.Namespace n, String link) {
        return n.link(link).map(l -> "bridge".equals(l.kind())).orElse(false);
    }

    private static boolean isLocal(Topology.Namespace n, String address) {
        return address.startsWith("127.")
                || n.links().stream()
                        .flatMap(l -> l.addresses().stream())
                        .anyMatch(a -> Addresses.withoutPrefix(a).equals(address));
    }

    /** The most specific route for an address, as the kernel's lookup picks it (main table). */
    static Optional<Topology.Route> lookup(Topology.Namespace n, String address) {
        return n.routes().stream()
                .filter(r -> Addresses.isIpv4(r.destination()) || "default".equals(r.destination()))
                .filter(r -> Addresses.contains(r.destination(), address))
                .max(Comparator.comparingInt(r -> Addresses.prefixLength(r.destination())));
    }

    /** A command as the tutorial writes it: plain on the host, through ip netns exec in a namespace. */
    public static String in(String namespace, String command) {
        return LabHost.HOST.equals(namespace) ? "sudo " + command : "sudo ip netns exec " + namespace + " " + command;
    }
}
