package org.bridgelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;

/**
 * Asks the kernel of a lab host what it really has, namespace by namespace, and builds a {@link Topology}.
 * The reads of one namespace are independent of the others', so namespaces are read side by side;
 * iproute2 reads use {@code ip -n NS}, which enters the namespace itself instead of through another process.
 */
public final class StateReader implements AutoCloseable {
    /** Four reads at a time: enough to hide process start-up, few enough for a 2-core machine. */
    private static final int PARALLEL_READS = 4;

    private final LabHost lab;
    private final Set<String> outside;
    /** Its threads end after a second of idleness, so a reader that is never closed leaves nothing behind. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(PARALLEL_READS, PARALLEL_READS, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "bridgelab-state-reader");
                thread.setDaemon(true);
                return thread;
            });

    /** {@code outside}: the namespaces BridgeLab built as the outside world (router, internet, remote). */
    public StateReader(LabHost lab, Set<String> outside) {
        this.lab = lab;
        this.outside = Set.copyOf(outside);
        pool.allowCoreThreadTimeOut(true);
    }

    public Topology read() {
        List<String> names = new ArrayList<>();
        names.add(LabHost.HOST);
        names.addAll(IpJsonParser.namespaces(ask(LabHost.HOST, "ip", "-j", "netns", "list")));
        List<CompletableFuture<RawNamespace>> reads = names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> readNamespace(name), pool)).toList();
        List<RawNamespace> raw = new ArrayList<>();
        try {
            reads.forEach(read -> raw.add(read.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return new Topology(raw.stream().map(ns -> resolve(ns, raw)).toList());
    }

    /** One namespace's reads, one after the other (namespaces are read side by side). */
    private RawNamespace readNamespace(String name) {
        List<IpJsonParser.RawLink> links = IpJsonParser.links(ask(LabHost.HOST, ip(name, "-j", "-d", "addr", "show")));
        List<Topology.Route> routes = IpJsonParser.routes(ask(LabHost.HOST, ip(name, "-j", "route", "show")));
        boolean forwarding = IpJsonParser.forwarding(ask(LabHost.HOST, ip(name, "-j", "netconf", "show")));
        List<Topology.Table> tables = IptablesSaveParser.parse(ask(name, "iptables-save", "-c"));
        boolean hasBridge = links.stream().anyMatch(link -> "bridge".equals(link.kind()));
        List<Topology.FdbEntry> fdb = hasBridge
                ? BridgeFdbParser.parse(ask(LabHost.HOST, inNamespace("bridge", name, "-j", "fdb", "show")))
                : List.of();
        // connection tracking matters where addresses are translated: read it where the nat table has rules
        boolean translates = tables.stream().filter(t -> t.name().equals("nat"))
                .flatMap(t -> t.chains().stream()).anyMatch(chain -> !chain.rules().isEmpty());
        List<Topology.Flow> flows = translates ? ConntrackParser.parse(askConntrack(name)) : List.of();
        return new RawNamespace(name, links, routes, forwarding, tables, fdb, flows);
    }

    /** {@code ip -n NS …} in the host for a named namespace, plain {@code ip …} for the host itself. */
    private static String[] ip(String namespace, String... args) {
        return inNamespace("ip", namespace, args);
    }

    /** iproute2's {@code -n NS}: the tool enters the namespace itself, no extra process. */
    private static String[] inNamespace(String tool, String namespace, String... args) {
        List<String> argv = new ArrayList<>(List.of(tool));
        if (!LabHost.HOST.equals(namespace)) {
            argv.addAll(List.of("-n", namespace));
        }
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    private String askConntrack(String node) {
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
            throw new LabException("cannot read the kernel's state in " + node + ": "
                    + String.join(" ", argv) + ": " + result.evidence());
        }
        return result.stdout();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private Topology.Namespace resolve(RawNamespace ns, List<RawNamespace> all) {
        List<Topology.Link> links = ns.links().stream().map(link -> new Topology.Link(link.index(), link.name(),
                link.kind(), link.state(), link.flags(), link.mac(), link.mtu(), link.master(), peer(ns, link, all),
                link.addresses())).toList();
        Topology.Role role = ns.name().equals(LabHost.HOST) ? Topology.Role.HOST
                : outside.contains(ns.name()) ? Topology.Role.OUTSIDE : Topology.Role.CONTAINER;
        return new Topology.Namespace(ns.name(), role, ns.forwarding(), links, ns.routes(), ns.iptables(), ns.fdb(),
                ns.conntrack());
    }

    /**
     * The other end of a veth. In the same namespace iproute2 names it; across namespaces it gives only an
     * index, and indexes are per namespace, so the peer is the veth in another namespace whose index is this
     * link's peer index and whose own peer index points back at this link.
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
        for (RawNamespace other : all) {
            boolean sameNamespace = other == ns;
            if (sameNamespace != (link.peerNetnsId() == null)) {
                continue;
            }
            for (IpJsonParser.RawLink candidate : other.links()) {
                if ("veth".equals(candidate.kind()) && candidate.index() == link.peerIndex()
                        && candidate.peerIndex() == link.index() && candidate != link) {
                    return new Topology.Endpoint(other.name(), candidate.name());
                }
            }
        }
        return null;
    }

    record RawNamespace(String name, List<IpJsonParser.RawLink> links, List<Topology.Route> routes, boolean forwarding,
                        List<Topology.Table> iptables, List<Topology.FdbEntry> fdb, List<Topology.Flow> conntrack) {
    }
}
