package org.bridgelab.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;

/**
 * Live changes of the lab: the kernel's own notifications ({@code ip monitor} in every namespace, also in
 * namespaces created later, {@code ip netns monitor}, {@code xtables-monitor}) wake it, a short quiet
 * period gathers a burst of them (one command often causes several), then a fresh snapshot is taken
 * — re-reading only what the events may have changed ({@link StateReader#readAfter}) — and its differences
 * from the last one are delivered. Nothing runs while the lab is idle: the monitors
 * block in the kernel. {@link #close()} stops every monitor it started.
 */
public final class KernelMonitor implements LiveKernel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KernelMonitor.class);
    /** Quiet time after the last notification before the snapshot; a burst of one command fits in it. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(25);
    /** A steady stream of notifications still gets a snapshot this often (or after the quiet time, if longer). */
    private static final Duration MAX_WAIT = Duration.ofMillis(100);
    /**
     * Packets seen in a namespace are read for at most this long before its counters are read again: a burst
     * of traffic costs one read, and a counter is never more than this behind the packet that moved it.
     */
    private static final Duration TRAFFIC_GATHERING = Duration.ofMillis(200);
    /** A monitor that has not subscribed by then is left running unconfirmed (a lab host that stalls). */
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    /** Links, addresses, routes, forwarding, and the bridges' MAC tables (neigh: learned, moved, aged out). */
    private static final List<String> IP_MONITOR =
            List.of("monitor", "label", "link", "address", "route", "netconf", "neigh");
    /** These tools buffer their stdout when it is a pipe; line buffering makes each event arrive at once. */
    private static final List<String> LINE_BUFFERED = List.of("stdbuf", "-oL");

    private final LabHost lab;
    private final StateReader reader;
    private final Duration quiet;
    private final List<Consumer<TopologyChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LiveProcess> monitors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService debounce = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bridgelab-kernel-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final List<MonitorEvent> pending = new ArrayList<>();
    /** Held while a snapshot is read and delivered: {@link #settle()} waits for one in progress. */
    private final Object reading = new Object();
    /** Namespaces whose traffic is being gathered before their counters are read again. */
    private final Set<String> trafficGathering = new HashSet<>();
    /** Namespaces where packets were seen while such reads are deferred ({@link #deferTrafficReads}). */
    private final Set<String> trafficDeferred = new HashSet<>();

    private ScheduledFuture<?> scheduled;
    private long firstPendingNanos;
    private volatile Topology current;
    private volatile boolean closed;
    /** Whether packets are reported ({@link #trafficSeen}): then only traffic moves the tables no event announces. */
    private volatile boolean trafficReported;

    private boolean deferringTraffic;

    private int failedReads;

    private KernelMonitor(LabHost lab, StateReader reader, Duration quiet) {
        this.lab = lab;
        this.reader = reader;
        this.quiet = quiet;
    }

    /** Starts the monitors, then takes the first snapshot once they listen (so nothing between the two is missed). */
    public static KernelMonitor start(LabHost lab, StateReader reader, Duration quiet) {
        KernelMonitor monitor = new KernelMonitor(lab, reader, quiet);
        try {
            monitor.startMonitors();
            monitor.current = reader.read();
            return monitor;
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
    }

    public static KernelMonitor start(LabHost lab, StateReader reader) {
        return start(lab, reader, DEFAULT_QUIET);
    }

    /** Listeners are called on the monitor's own thread, never on a UI thread: hand over from there. */
    @Override
    public void subscribe(Consumer<TopologyChange> listener) {
        listeners.add(listener);
    }

    /** The latest snapshot. */
    @Override
    public Topology current() {
        return current;
    }

    /** The namespaces being watched ("host" and the named ones). */
    public List<String> watched() {
        return List.copyOf(monitors.keySet().stream()
                .filter(key -> !key.startsWith("#"))
                .sorted()
                .toList());
    }

    private void startMonitors() {
        monitors.put(
                "#netns",
                lab.start(
                        LabHost.HOST,
                        concat(LINE_BUFFERED, List.of("ip", "netns", "monitor")),
                        (stream, line) -> MonitorEvent.ofNetnsMonitor(line).ifPresent(this::namespaceEvent)));
        watchListening(LabHost.HOST);
        namespaces().forEach(this::watchListening);
    }

    /**
     * Watches a namespace and returns once the kernel counts its monitor among the namespace's listeners:
     * a change made before that is in the snapshot that follows, one made after it is notified. A new
     * namespace's file appears before the namespace is mounted on it ({@code ip netns add}'s own order), so
     * a monitor started in that instant finds no namespace and ends: it is started again.
     */
    private void watchListening(String namespace) {
        Listeners others = listeners(namespace).orElse(new Listeners(0, 0));
        long deadline = System.nanoTime() + SUBSCRIBE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<LiveProcess> started = watch(namespace);
            if (started == null) {
                return;
            }
            Optional<Listeners> now = listeners(namespace);
            if (now.isPresent()
                    && now.get().route() > others.route()
                    && now.get().netfilter() > others.netfilter()) {
                return;
            }
            if (now.isEmpty() && !namespaces().contains(namespace) && !LabHost.HOST.equals(namespace)) {
                return;
            }
            // a monitor started before the namespace was mounted ended at once: it is started again
            started.stream().filter(process -> !process.isAlive()).forEach(monitors.values()::remove);
        }
        LOG.warn(
                "the monitor of namespace {} did not subscribe within {} s: changes there may be missed",
                namespace,
                SUBSCRIBE_TIMEOUT.toSeconds());
    }

    /** The monitors subscribed in a namespace: route-netlink (ip monitor) and netfilter (xtables-monitor). */
    private record Listeners(int route, int netfilter) {}

    private Optional<Listeners> listeners(String namespace) {
        CommandResult listing = lab.run(namespace, "cat", "/proc/net/netlink");
        return listing.succeeded()
                ? Optional.of(new Listeners(
                        NetlinkSockets.routeListeners(listing.stdout()),
                        NetlinkSockets.netfilterListeners(listing.stdout())))
                : Optional.empty();
    }

    private static String rulesKey(String namespace) {
        return "#xtables:" + namespace;
    }

    private List<String> namespaces() {
        return IpJsonParser.namespaces(
                lab.run(LabHost.HOST, "ip", "-j", "netns", "list").orThrow().stdout());
    }

    /**
     * The namespace's monitors — ip monitor for links, addresses, routes, forwarding and MAC tables,
     * xtables-monitor for its rules — each started if it is not running; null once closed. Synchronized with
     * {@link #close()}: a namespace event racing with close must not start a monitor after it.
     */
    private synchronized List<LiveProcess> watch(String namespace) {
        if (closed) {
            return null;
        }
        LiveProcess links = monitors.computeIfAbsent(namespace, ns -> {
            List<String> argv = new ArrayList<>(List.of("ip"));
            if (!LabHost.HOST.equals(ns)) {
                argv.addAll(List.of("-n", ns));
            }
            argv.addAll(IP_MONITOR);
            return lab.start(
                    LabHost.HOST,
                    argv,
                    (stream, line) -> MonitorEvent.ofIpMonitor(ns, line).ifPresent(this::event));
        });
        LiveProcess rules = monitors.computeIfAbsent(
                rulesKey(namespace),
                key -> lab.start(
                        namespace,
                        concat(LINE_BUFFERED, List.of("xtables-monitor", "-e")),
                        (stream, line) ->
                                MonitorEvent.ofXtablesMonitor(namespace, line).ifPresent(this::event)));
        return List.of(links, rules);
    }

    private void namespaceEvent(MonitorEvent event) {
        if (event.kind() == MonitorEvent.Kind.NAMESPACE_ADDED) {
            watchListening(event.namespace());
        } else {
            // a monitor holds its namespace alive: stop them so that the namespace really goes away
            Optional.ofNullable(monitors.remove(event.namespace())).ifPresent(LiveProcess::stop);
            Optional.ofNullable(monitors.remove(rulesKey(event.namespace()))).ifPresent(LiveProcess::stop);
        }
        event(event);
    }

    /**
     * Packets were captured on {@code iface} of {@code namespace}: the rules' counters and connections moved
     * there and at the cable's other end, which no kernel notification says (a MAC a bridge learns is one).
     * Both are read again shortly, once for a whole burst of packets, and no other namespace is; the listeners
     * hear of it as a change without lab changes when only such numbers moved.
     */
    @Override
    public void trafficSeen(String namespace, String iface) {
        current.cableEnds(namespace, iface).forEach(this::trafficSeenIn);
    }

    private synchronized void trafficSeenIn(String namespace) {
        trafficReported = true;
        if (deferringTraffic) {
            trafficDeferred.add(namespace);
            return;
        }
        if (closed || !trafficGathering.add(namespace)) {
            return;
        }
        debounce.schedule(
                () -> {
                    synchronized (this) {
                        trafficGathering.remove(namespace);
                    }
                    event(new MonitorEvent(MonitorEvent.Kind.TRAFFIC, namespace, "packets captured"));
                },
                TRAFFIC_GATHERING.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * While deferred, packets seen only note their namespaces: the counters, connections and MAC tables they
     * moved are read once, when deferring ends, rather than after each burst (earlier steps run again in a row
     * cost one read at their end). What the kernel notifies is read as always.
     */
    @Override
    public synchronized void deferTrafficReads(boolean defer) {
        deferringTraffic = defer;
        if (!defer) {
            trafficDeferred.forEach(namespace ->
                    event(new MonitorEvent(MonitorEvent.Kind.TRAFFIC, namespace, "packets captured meanwhile")));
            trafficDeferred.clear();
        }
    }

    /** The namespaces whose packets wait for deferring to end before their counters are read. */
    synchronized Set<String> trafficDeferred() {
        return Set.copyOf(trafficDeferred);
    }

    private synchronized void event(MonitorEvent event) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (pending.isEmpty()) {
            firstPendingNanos = now;
        }
        pending.add(event);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        long waited = now - firstPendingNanos;
        long maxWait = Math.max(MAX_WAIT.toNanos(), quiet.toNanos());
        long delay = Math.max(0, Math.min(quiet.toNanos(), maxWait - waited));
        scheduled = debounce.schedule(this::refresh, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * The lab as the notifications received so far describe it: those still waiting out their quiet time are
     * read now, on the caller's thread (only what they may have changed, as always), and a snapshot being read
     * is awaited. Cheaper than a full read after a step: what the step changed was notified while it ran. A
     * notification still on its way when this is called is read moments later, as any other, and delivered
     * as a change.
     */
    @Override
    public Topology settle() {
        synchronized (reading) {
            // a namespace's own notification waits until its monitors listen: one seen already is read now
            Set<String> listed = new HashSet<>(namespaces());
            Set<String> known = current.namespaces().stream()
                    .map(Topology.Namespace::name)
                    .filter(name -> !LabHost.HOST.equals(name))
                    .collect(Collectors.toSet());
            synchronized (this) {
                if (pending.isEmpty()) {
                    firstPendingNanos = System.nanoTime();
                }
                listed.stream()
                        .filter(name -> !known.contains(name))
                        .forEach(name -> pending.add(new MonitorEvent(
                                MonitorEvent.Kind.NAMESPACE_ADDED, name, "listed when the lab settled")));
                known.stream()
                        .filter(name -> !listed.contains(name))
                        .forEach(name -> pending.add(new MonitorEvent(
                                MonitorEvent.Kind.NAMESPACE_DELETED, name, "gone when the lab settled")));
            }
            refreshNow();
            return current;
        }
    }

    private void refresh() {
        synchronized (reading) {
            refreshNow();
        }
    }

    private void refreshNow() {
        List<MonitorEvent> causes;
        long first;
        synchronized (this) {
            causes = List.copyOf(pending);
            first = firstPendingNanos;
            pending.clear();
        }
        if (causes.isEmpty() || closed) {
            return;
        }
        Topology before = current;
        Topology after;
        try {
            after = reader.readAfter(causes, trafficReported);
        } catch (RuntimeException e) {
            // the lab changed under the reader (a namespace vanished mid-read): read again, a few times at most
            synchronized (this) {
                if (!closed && pending.isEmpty() && ++failedReads <= 3) {
                    LOG.debug("snapshot failed, reading again ({} of 3): {}", failedReads, e.getMessage());
                    pending.addAll(causes);
                    firstPendingNanos = first;
                    scheduled = debounce.schedule(this::refresh, quiet.toNanos(), TimeUnit.NANOSECONDS);
                } else if (!closed && failedReads > 3) {
                    // the diagram keeps the last snapshot until the next kernel event reads again
                    LOG.warn(
                            "snapshot failed 3 times after {}; the next kernel event reads again: {}",
                            causes,
                            e.getMessage());
                }
            }
            return;
        }
        failedReads = 0;
        current = after;
        if (after.equals(before)) {
            return;
        }
        // empty when only counters, MAC tables or connection states moved: the diagram's numbers follow them
        List<Change> changes = TopologyDiff.between(before, after);
        TopologyChange change = new TopologyChange(
                before, after, changes, causes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first));
        listeners.forEach(listener -> listener.accept(change));
    }

    /** Stops every monitor this object started and the snapshot thread; idempotent. */
    @Override
    public void close() {
        List<LiveProcess> running;
        synchronized (this) {
            closed = true;
            debounce.shutdownNow();
            running = new ArrayList<>(monitors.values());
            monitors.clear();
        }
        LiveProcess.stopAll(running);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
