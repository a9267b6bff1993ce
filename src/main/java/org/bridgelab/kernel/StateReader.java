package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.JoinedLabHost;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;

/**
 * Asks the kernel of a lab host what it really has, namespace by namespace, and builds a {@link Topology}.
 * Each kind of read runs once for the host and once for all named namespaces ({@code ip -all netns exec}),
 * and the reads run side by side: starting processes is what a snapshot costs, not parsing their output.
 */
public final class StateReader implements AutoCloseable {
    private static final List<String> ALL_NETNS = List.of("ip", "-all", "netns", "exec");
    /** What a namespace just added may hold: everything a notification can announce, read once. */
    private static final Set<MonitorEvent.Kind> EVERYTHING = EnumSet.of(
            MonitorEvent.Kind.LINK,
            MonitorEvent.Kind.ROUTE,
            MonitorEvent.Kind.NETCONF,
            MonitorEvent.Kind.RULESET,
            MonitorEvent.Kind.NEIGHBOUR);
    /** Four reads at a time: enough to hide process start-up, few enough for a 2-core machine. */
    private static final int PARALLEL_READS = 4;

    private final LabHost lab;
    private final Set<String> outside;
    private volatile Boolean nftInstalled;
    /** Set once a cat of /proc/net/nf_conntrack failed: conntrack -L reads the table from then on. */
    private volatile boolean procHidesConntrack;
    /** What the last read found, before veth peers were resolved: the base a read after events patches. */
    private List<RawNamespace> last;
    /** Its threads end after a second of idleness, so a reader that is never closed leaves nothing behind. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            PARALLEL_READS, PARALLEL_READS, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "bridgelab-state-reader");
                thread.setDaemon(true);
                return thread;
            });

    /** On a joined lab, a reader for each lab host, by the lesson host it holds; empty otherwise. */
    private final Map<String, StateReader> joined = new LinkedHashMap<>();

    /** {@code outside}: the namespaces BridgeLab built as the outside world (router, internet, remote). */
    public StateReader(LabHost lab, Set<String> outside) {
        this.lab = lab;
        this.outside = Set.copyOf(outside);
        pool.allowCoreThreadTimeOut(true);
        if (lab instanceof JoinedLabHost hosts) {
            hosts.members().forEach((host, member) -> joined.put(host, new StateReader(member, outside)));
        }
    }

    /** On a joined lab, the reader of each lab host by the lesson host it holds, in the lesson's order. */
    Map<String, StateReader> joinedReaders() {
        return java.util.Collections.unmodifiableMap(joined);
    }

    /** What a read can cover, kind by kind; a {@link StateCheck} names what its fact is judged on. */
    public enum Part {
        /** Links with their flags, MACs, bridge masters, veth peers and addresses. */
        LINKS,
        ROUTES,
        /** ip_forward. */
        FORWARDING,
        /** iptables (and, in a full read, nft) rules, chain policies and counters. */
        RULES,
        /** The bridges' MAC tables (read where the links show a bridge). */
        FDB,
        /** Connection tracking (read where the nat table has rules). */
        CONNTRACK;

        public static final Set<Part> ALL = Set.copyOf(EnumSet.allOf(Part.class));
    }

    /** Reads everything, in every namespace. */
    public Topology read() {
        return read(Part.ALL);
    }

    /**
     * Reads these kinds of state in every namespace; the others are left empty (no links, no routes,
     * forwarding off, no rules). Every namespace is listed whatever is read. Only a full read is the base of
     * {@link #readAfter}.
     */
    public synchronized Topology read(Set<Part> parts) {
        if (!joined.isEmpty()) {
            Map<String, Topology> each = new LinkedHashMap<>();
            joined.forEach((host, reader) -> each.put(host, reader.read(parts)));
            return JoinedTopology.merge(each);
        }
        boolean full = parts.containsAll(Part.ALL);
        boolean links = parts.contains(Part.LINKS) || parts.contains(Part.FDB);
        boolean rulesToo = parts.contains(Part.RULES) || parts.contains(Part.CONNTRACK);
        // every kind of read once for the host and once for all named namespaces together
        // (ip -all netns exec): each process costs milliseconds, far more than its output
        CompletableFuture<Map<String, String>> addr = links
                ? sectionsAsync(
                        async(LabHost.HOST, "ip", "-j", "-d", "addr", "show"),
                        async(LabHost.HOST, ALL_NETNS, "ip", "-j", "-d", "addr", "show"))
                : namespacesOnly();
        // each namespace's own numbers for the namespaces its veths lead into: a peer is named by one of them
        CompletableFuture<Map<String, String>> ids = links
                ? sectionsAsync(
                        tolerantAsync(LabHost.HOST, List.of(), "ip", "-j", "netns", "list-id"),
                        tolerantAsync(LabHost.HOST, ALL_NETNS, "ip", "-j", "netns", "list-id"))
                : done(Map.of());
        CompletableFuture<Map<String, String>> route = parts.contains(Part.ROUTES)
                ? sectionsAsync(
                        async(LabHost.HOST, "ip", "-j", "route", "show"),
                        async(LabHost.HOST, ALL_NETNS, "ip", "-j", "route", "show"))
                : done(Map.of());
        CompletableFuture<Map<String, String>> netconf = parts.contains(Part.FORWARDING)
                ? sectionsAsync(
                        async(LabHost.HOST, "ip", "-j", "netconf", "show"),
                        async(LabHost.HOST, ALL_NETNS, "ip", "-j", "netconf", "show"))
                : done(Map.of());
        CompletableFuture<Map<String, String>> rules = rulesToo
                ? sectionsAsync(
                        async(LabHost.HOST, "iptables-save", "-c"),
                        async(LabHost.HOST, ALL_NETNS, "iptables-save", "-c"))
                : done(Map.of());
        // nft in the host only: it takes ~8 ms a start, and the lab's NAT and filtering live in the host
        CompletableFuture<Map<String, String>> nftables = full && nftInstalled()
                ? sectionsAsync(async(LabHost.HOST, "nft", "-j", "list", "ruleset"), done(""))
                : done(Map.of());

        List<CompletableFuture<RawNamespace>> extras = new ArrayList<>();
        // the namespaces are those the first read saw; one deleted meanwhile simply has no routes or rules
        for (Map.Entry<String, String> namespace : join(addr).entrySet()) {
            String name = namespace.getKey();
            List<IpJsonParser.RawLink> nsLinks = IpJsonParser.links(namespace.getValue());
            Map<Integer, String> nsIds =
                    IpJsonParser.namespaceIds(join(ids).getOrDefault(name, ""), LabHost.HOST.equals(name));
            List<Topology.Route> routes = IpJsonParser.routes(join(route).getOrDefault(name, ""));
            boolean forwarding = join(netconf).containsKey(name)
                    && IpJsonParser.forwarding(join(netconf).get(name));
            List<Topology.Table> tables = IptablesSaveParser.parse(join(rules).getOrDefault(name, ""));
            List<Topology.NftTable> nftTables =
                    NftRulesetParser.parse(join(nftables).getOrDefault(name, ""));
            extras.add(CompletableFuture.supplyAsync(
                    () -> new RawNamespace(
                            name,
                            nsLinks,
                            routes,
                            forwarding,
                            tables,
                            parts.contains(Part.FDB) ? fdb(name, nsLinks) : List.of(),
                            parts.contains(Part.CONNTRACK) ? conntrack(name, tables) : List.of(),
                            nftTables,
                            nsIds),
                    pool));
        }
        List<RawNamespace> raw = joinAll(extras);
        return full ? remember(raw) : resolveAll(raw);
    }

    /** The host and every named namespace, each with an empty section: for a read that does not need links. */
    private CompletableFuture<Map<String, String>> namespacesOnly() {
        return async(LabHost.HOST, "ip", "-j", "netns", "list").thenApply(list -> {
            Map<String, String> sections = new LinkedHashMap<>();
            sections.put(LabHost.HOST, "");
            IpJsonParser.namespaces(list).forEach(name -> sections.put(name, ""));
            return sections;
        });
    }

    /** The host's output under "host", then each namespace's section of an {@code ip -all netns exec} output. */
    private static CompletableFuture<Map<String, String>> sectionsAsync(
            CompletableFuture<String> host, CompletableFuture<String> all) {
        return host.thenCombine(all, (hostText, allText) -> {
            Map<String, String> sections = new LinkedHashMap<>();
            sections.put(LabHost.HOST, hostText);
            sections.putAll(AllNetnsOutput.split(allText));
            return sections;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The state after the kernel notified these events, re-reading only what they may have changed: each
     * event's kind in its own namespace (links and addresses, routes, forwarding, rules, MAC tables), plus the
     * connection tracking tables everywhere they are kept, since traffic changes those without a notification.
     * A namespace added is read whole, on its own; one deleted, or no read before, makes it a full read.
     */
    public Topology readAfter(Collection<MonitorEvent> events) {
        return readAfter(events, false);
    }

    /**
     * {@link #readAfter(Collection)}, where {@code trafficReported} says that packets are reported as
     * {@link MonitorEvent.Kind#TRAFFIC} events (captures watch the wires): the connections are then read only
     * in the namespaces the events came from, where packets moved them or a link or a rule that changed may
     * have. Otherwise, with no word of packets, they are read everywhere.
     */
    public synchronized Topology readAfter(Collection<MonitorEvent> events, boolean trafficReported) {
        List<RawNamespace> previous = last;
        Map<String, Set<MonitorEvent.Kind>> dirty = new HashMap<>();
        events.forEach(event -> dirty.computeIfAbsent(event.namespace(), ns -> EnumSet.noneOf(MonitorEvent.Kind.class))
                .add(event.kind()));
        Set<String> known = previous == null
                ? Set.of()
                : previous.stream().map(RawNamespace::name).collect(Collectors.toSet());
        Set<String> added = events.stream()
                .filter(event -> event.kind() == MonitorEvent.Kind.NAMESPACE_ADDED)
                .map(MonitorEvent::namespace)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean deleted = events.stream().anyMatch(event -> event.kind() == MonitorEvent.Kind.NAMESPACE_DELETED);
        // a namespace added is read whole, on its own (also one known already: its notification came after the
        // lab settled on it, or it is another of the same name); one deleted (its veths' peers named in the
        // others) makes it a full read
        if (previous == null
                || deleted
                || !dirty.keySet().stream().allMatch(ns -> known.contains(ns) || added.contains(ns))) {
            return read();
        }
        boolean unnotifiedEverywhere = !trafficReported;
        List<CompletableFuture<RawNamespace>> reads = new ArrayList<>(previous.stream()
                .map(ns -> CompletableFuture.supplyAsync(
                        () -> added.contains(ns.name())
                                ? reread(RawNamespace.empty(ns.name()), EVERYTHING, true)
                                : reread(
                                        ns,
                                        dirty.getOrDefault(ns.name(), Set.of()),
                                        unnotifiedEverywhere
                                                || movesConnections(dirty.getOrDefault(ns.name(), Set.of()))),
                        pool))
                .toList());
        added.stream()
                .filter(ns -> !known.contains(ns))
                .forEach(ns -> reads.add(
                        CompletableFuture.supplyAsync(() -> reread(RawNamespace.empty(ns), EVERYTHING, true), pool)));
        try {
            return remember(joinAll(reads));
        } catch (LabException e) {
            // a namespace went away before its deletion was notified: everything, read again
            return read();
        }
    }

    /** Whether events may have moved a namespace's connections: all but a MAC learned or forgotten alone. */
    private static boolean movesConnections(Set<MonitorEvent.Kind> changed) {
        return changed.stream().anyMatch(kind -> kind != MonitorEvent.Kind.NEIGHBOUR);
    }

    /** A namespace read again: what {@code changed} says, and its connections if {@code unnotified}. */
    private RawNamespace reread(RawNamespace old, Set<MonitorEvent.Kind> changed, boolean unnotified) {
        String ns = old.name();
        boolean linksChanged = changed.contains(MonitorEvent.Kind.LINK) || changed.contains(MonitorEvent.Kind.ADDRESS);
        List<IpJsonParser.RawLink> links =
                linksChanged ? IpJsonParser.links(ask(ns, "ip", "-j", "-d", "addr", "show")) : old.links();
        // a veth moved in or out may give the namespace a number for another one; a number it had keeps naming
        // the same namespace while that lives (a namespace added or deleted is a full read)
        boolean newNumbers = linksChanged
                && links.stream()
                        .map(IpJsonParser.RawLink::peerNetnsId)
                        .anyMatch(id -> id != null && !old.namespaceIds().containsKey(id));
        Map<Integer, String> nsIds = newNumbers
                ? IpJsonParser.namespaceIds(tolerant(ns, "ip", "-j", "netns", "list-id"), LabHost.HOST.equals(ns))
                : old.namespaceIds();
        List<Topology.Route> routes = changed.contains(MonitorEvent.Kind.ROUTE)
                ? IpJsonParser.routes(ask(ns, "ip", "-j", "route", "show"))
                : old.routes();
        boolean forwarding = changed.contains(MonitorEvent.Kind.NETCONF)
                ? IpJsonParser.forwarding(ask(ns, "ip", "-j", "netconf", "show"))
                : old.forwarding();
        boolean rules = changed.contains(MonitorEvent.Kind.RULESET);
        // traffic moves the rules' counters: iptables-save again, but nft's rules did not change; a namespace
        // without tables has no counters to move (its first rule, table and all, is a ruleset event)
        boolean counters = rules
                || changed.contains(MonitorEvent.Kind.TRAFFIC)
                        && !old.iptables().isEmpty();
        List<Topology.Table> tables =
                counters ? IptablesSaveParser.parse(ask(ns, "iptables-save", "-c")) : old.iptables();
        List<Topology.NftTable> nft = rules && LabHost.HOST.equals(ns) && nftInstalled()
                ? NftRulesetParser.parse(ask(ns, "nft", "-j", "list", "ruleset"))
                : old.nftables();
        // the kernel notifies every MAC a bridge learns, moves or forgets; a port added or taken away changes
        // the table too (its own permanent entries)
        boolean macs = linksChanged || changed.contains(MonitorEvent.Kind.NEIGHBOUR);
        return new RawNamespace(
                ns,
                links,
                routes,
                forwarding,
                tables,
                macs ? fdb(ns, links) : old.fdb(),
                unnotified ? conntrack(ns, tables) : old.conntrack(),
                nft,
                nsIds);
    }

    private Topology remember(List<RawNamespace> raw) {
        last = List.copyOf(raw);
        return resolveAll(raw);
    }

    private Topology resolveAll(List<RawNamespace> raw) {
        return new Topology(raw.stream().map(ns -> resolve(ns, raw)).toList());
    }

    private static <T> List<T> joinAll(List<CompletableFuture<T>> reads) {
        return reads.stream().map(StateReader::join).toList();
    }

    /** nft is optional (iptables-save already reads nf_tables): asked once whether the lab host has it. */
    private boolean nftInstalled() {
        Boolean known = nftInstalled;
        if (known == null) {
            known = lab.run(LabHost.HOST, List.of("nft", "--version")).succeeded();
            nftInstalled = known;
        }
        return known;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** The bridge MAC table, read only where there is a bridge. */
    private List<Topology.FdbEntry> fdb(String namespace, List<IpJsonParser.RawLink> links) {
        if (links.stream().noneMatch(link -> "bridge".equals(link.kind()))) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("bridge"));
        if (!LabHost.HOST.equals(namespace)) {
            argv.addAll(List.of("-n", namespace));
        }
        argv.addAll(List.of("-j", "fdb", "show"));
        return BridgeFdbParser.parse(ask(LabHost.HOST, argv.toArray(String[]::new)));
    }

    /** Connection tracking matters where addresses are translated: read it where the nat table has rules. */
    private List<Topology.Flow> conntrack(String namespace, List<Topology.Table> tables) {
        return Topology.translates(tables) ? ConntrackParser.parse(askConntrack(namespace)) : List.of();
    }

    private CompletableFuture<String> async(String node, String... argv) {
        return CompletableFuture.supplyAsync(() -> ask(node, argv), pool);
    }

    /** What the command printed, also when it failed (an iproute2 without the command: nothing, then). */
    private String tolerant(String node, String... argv) {
        CommandResult result = lab.run(node, List.of(argv));
        return result.succeeded() || !result.stdout().isBlank() ? result.stdout() : "";
    }

    private CompletableFuture<String> tolerantAsync(String node, List<String> prefix, String... argv) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(argv));
        return CompletableFuture.supplyAsync(() -> tolerant(node, all.toArray(String[]::new)), pool);
    }

    private CompletableFuture<String> async(String node, List<String> prefix, String... argv) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(argv));
        return async(node, all.toArray(String[]::new));
    }

    /**
     * /proc/net/nf_conntrack costs a cat; conntrack -L (the same table) is the fallback where /proc hides it,
     * asked at once after the first time (every read of a lab in a user namespace paid for both).
     */
    private String askConntrack(String node) {
        if (!procHidesConntrack) {
            CommandResult proc = lab.run(node, List.of("cat", "/proc/net/nf_conntrack"));
            if (proc.succeeded()) {
                return proc.stdout();
            }
            procHidesConntrack = true;
        }
        CommandResult result = lab.run(node, List.of("conntrack", "-L"));
        // conntrack prints its summary on stderr and exits 0, also when the table is empty
        if (!result.succeeded()) {
            throw new LabException("cannot read the connection tracking table in " + node + ": " + result.evidence());
        }
        return result.stdout();
    }

    private String ask(String node, String... argv) {
        CommandResult result = lab.run(node, List.of(argv));
        if (!result.succeeded()) {
            throw new LabException("cannot read the kernel's state in " + node + ": " + String.join(" ", argv) + ": "
                    + result.evidence());
        }
        return result.stdout();
    }

    @Override
    public void close() {
        joined.values().forEach(StateReader::close);
        pool.shutdownNow();
    }

    private Topology.Namespace resolve(RawNamespace ns, List<RawNamespace> all) {
        List<Topology.Link> links = ns.links().stream()
                .map(link -> new Topology.Link(
                        link.index(),
                        link.name(),
                        link.kind(),
                        link.state(),
                        link.flags(),
                        link.mac(),
                        link.mtu(),
                        link.master(),
                        peer(ns, link, all),
                        link.addresses(),
                        link.tunnel()))
                .toList();
        Topology.Role role = ns.name().equals(LabHost.HOST)
                ? Topology.Role.HOST
                : outside.contains(ns.name()) ? Topology.Role.OUTSIDE : Topology.Role.CONTAINER;
        return new Topology.Namespace(
                ns.name(),
                role,
                ns.forwarding(),
                links,
                ns.routes(),
                ns.iptables(),
                ns.fdb(),
                ns.conntrack(),
                ns.nftables());
    }

    /**
     * The other end of a veth. In the same namespace iproute2 names it. Across namespaces it gives the peer's
     * index and the namespace's own number for the peer's namespace ({@code link_netnsid}), which
     * {@code ip netns list-id} names: the peer is the veth with that index there. Where the number is not
     * named, the peer is the one veth in another namespace whose index is this link's peer index and whose own
     * peer index points back; when two namespaces both fit (indexes are per namespace, and a lab of many
     * namespaces repeats them), the peer is unknown rather than guessed.
     */
    static Topology.Endpoint peer(RawNamespace ns, IpJsonParser.RawLink link, List<RawNamespace> all) {
        if (!"veth".equals(link.kind())) {
            return null;
        }
        if (link.peerName() != null && link.peerNetnsId() == null) {
            return new Topology.Endpoint(ns.name(), link.peerName());
        }
        if (link.peerIndex() < 0) {
            return null;
        }
        String named = link.peerNetnsId() == null ? null : ns.namespaceIds().get(link.peerNetnsId());
        List<Topology.Endpoint> fitting = new ArrayList<>();
        for (RawNamespace other : all) {
            boolean sameNamespace = other == ns;
            if (sameNamespace != (link.peerNetnsId() == null)
                    || (named != null && !other.name().equals(named))) {
                continue;
            }
            for (IpJsonParser.RawLink candidate : other.links()) {
                if ("veth".equals(candidate.kind())
                        && candidate.index() == link.peerIndex()
                        && candidate.peerIndex() == link.index()
                        && candidate != link) {
                    fitting.add(new Topology.Endpoint(other.name(), candidate.name()));
                }
            }
        }
        return fitting.size() == 1 ? fitting.get(0) : null;
    }

    record RawNamespace(
            String name,
            List<IpJsonParser.RawLink> links,
            List<Topology.Route> routes,
            boolean forwarding,
            List<Topology.Table> iptables,
            List<Topology.FdbEntry> fdb,
            List<Topology.Flow> conntrack,
            List<Topology.NftTable> nftables,
            Map<Integer, String> namespaceIds) {
        /** A namespace before anything of it is read. */
        static RawNamespace empty(String name) {
            return new RawNamespace(
                    name, List.of(), List.of(), false, List.of(), List.of(), List.of(), List.of(), Map.of());
        }
    }
}
