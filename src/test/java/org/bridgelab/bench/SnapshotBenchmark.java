package org.bridgelab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bridgelab.kernel.IpJsonParser;
import org.bridgelab.kernel.KernelMonitor;
import org.bridgelab.kernel.MonitorEvent;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.TopologyChange;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;

/**
 * Prints, for the scenario-4 lab in a fresh sandbox: the time of a full snapshot beside the time of the bare
 * ip / bridge / iptables-save / nf_conntrack calls it is made of (run one after the other, unparsed), the
 * time of the partial read that follows a kernel event, and the delay from a kernel change to the change event. Figures only, no assertions: see docs/benchmarks.md.
 */
public final class SnapshotBenchmark {
    private static final int WARM_UP = 5;
    private static final int ROUNDS = 20;
    private static final int EXTRA_NAMESPACES = 20;

    private SnapshotBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        try (Lab lab = Lab.open(LabHostChoice.sandbox());
                StateReader reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES))) {
            boolean built = new LessonRunner(lab.host(), RunListener.NONE)
                    .run(Curriculum.bundled().withPrerequisites(List.of("s4")))
                    .passed();
            System.out.println(
                    "scenario-4 lab built: " + built + " (" + lab.host().description() + ")");
            LabHost host = lab.host();
            List<String> namespaces = new ArrayList<>(List.of(LabHost.HOST));
            namespaces.addAll(IpJsonParser.namespaces(
                    host.run(LabHost.HOST, "ip", "-j", "netns", "list").stdout()));

            for (int i = 0; i < WARM_UP; i++) {
                reader.read();
                bareCalls(host, namespaces);
            }
            long[] snapshot = new long[ROUNDS];
            long[] bare = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                reader.read();
                snapshot[i] = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                int calls = bareCalls(host, namespaces);
                bare[i] = System.nanoTime() - t1;
                if (i == 0) {
                    System.out.println("namespaces: " + namespaces.size() + ", bare calls per snapshot: " + calls);
                }
            }
            System.out.printf(
                    "full snapshot (namespaces read side by side): median %.1f ms, min %.1f ms, max %.1f ms%n",
                    median(snapshot), min(snapshot), max(snapshot));
            System.out.printf(
                    "the same calls, bare and one after the other:   median %.1f ms, min %.1f ms, max %.1f ms%n",
                    median(bare), min(bare), max(bare));

            // what the kernel monitor reads after an event: that event's kind in its namespace, plus the MAC and
            // conntrack tables (traffic changes them without a notification)
            List<MonitorEvent> hostLink = List.of(new MonitorEvent(MonitorEvent.Kind.LINK, LabHost.HOST, "bench"));
            long[] partial = new long[ROUNDS];
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                long t0 = System.nanoTime();
                reader.readAfter(hostLink);
                if (i >= WARM_UP) {
                    partial[i - WARM_UP] = System.nanoTime() - t0;
                }
            }
            System.out.printf(
                    "read after a link event in the host (event-fed):  median %.1f ms, min %.1f ms, max %.1f ms%n",
                    median(partial), min(partial), max(partial));

            eventDelay(host, reader);
            perNamespace(host, reader, median(snapshot), median(partial));
        }
    }

    /**
     * The cost of one more namespace: the same reads with {@value #EXTRA_NAMESPACES} more namespaces, each a
     * container with a veth cable to br0 and an address, as a lesson would add them.
     */
    private static void perNamespace(LabHost host, StateReader reader, double fullBefore, double partialBefore) {
        for (int i = 0; i < EXTRA_NAMESPACES; i++) {
            String ns = "bench" + i;
            host.run(LabHost.HOST, "ip", "netns", "add", ns).orThrow();
            host.run(LabHost.HOST, "ip", "link", "add", "vb" + i, "type", "veth", "peer", "name", "eth0", "netns", ns)
                    .orThrow();
            host.run(LabHost.HOST, "ip", "link", "set", "vb" + i, "master", "br0", "up")
                    .orThrow();
            host.run(ns, "ip", "addr", "add", "172.18.0." + (100 + i) + "/24", "dev", "eth0")
                    .orThrow();
            host.run(ns, "ip", "link", "set", "eth0", "up").orThrow();
        }
        List<MonitorEvent> hostLink = List.of(new MonitorEvent(MonitorEvent.Kind.LINK, LabHost.HOST, "bench"));
        long[] full = new long[ROUNDS];
        long[] partial = new long[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long t0 = System.nanoTime();
            reader.read();
            long t1 = System.nanoTime();
            reader.readAfter(hostLink);
            long t2 = System.nanoTime();
            if (i >= WARM_UP) {
                full[i - WARM_UP] = t1 - t0;
                partial[i - WARM_UP] = t2 - t1;
            }
        }
        System.out.printf(
                "with %d more namespaces: full snapshot median %.1f ms (%.2f ms per namespace),"
                        + " read after a host link event %.1f ms (%.2f ms per namespace)%n",
                EXTRA_NAMESPACES,
                median(full),
                (median(full) - fullBefore) / EXTRA_NAMESPACES,
                median(partial),
                (median(partial) - partialBefore) / EXTRA_NAMESPACES);
    }

    /** The commands a snapshot runs (host, then all named namespaces at once), without parsing or resolving. */
    private static int bareCalls(LabHost host, List<String> namespaces) {
        List<List<String>> reads = List.of(
                List.of("ip", "-j", "-d", "addr", "show"),
                List.of("ip", "-j", "route", "show"),
                List.of("ip", "-j", "netconf", "show"),
                List.of("iptables-save", "-c"));
        int calls = 0;
        for (List<String> read : reads) {
            host.run(LabHost.HOST, read);
            host.run(LabHost.HOST, concat(List.of("ip", "-all", "netns", "exec"), read));
            calls += 2;
        }
        host.run(LabHost.HOST, "bridge", "-j", "fdb", "show");
        host.run(LabHost.HOST, "bridge", "-n", OutsideWorld.ROUTER, "-j", "fdb", "show");
        host.run(LabHost.HOST, "cat", "/proc/net/nf_conntrack");
        host.run(LabHost.HOST, "nft", "-j", "list", "ruleset");
        return calls + 4;
    }

    /** From just before the command that changes the kernel to the change event, and from just after it. */
    private static void eventDelay(LabHost host, StateReader reader) throws InterruptedException {
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        try (KernelMonitor monitor = KernelMonitor.start(host, reader)) {
            monitor.subscribe((TopologyChange change) -> arrivals.add(System.nanoTime()));
            host.run(LabHost.HOST, "ip", "link", "add", "bench0", "type", "bridge")
                    .orThrow();
            arrivals.poll(5, TimeUnit.SECONDS);
            long[] fromStart = new long[ROUNDS];
            long[] fromReturn = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                arrivals.clear();
                long before = System.nanoTime();
                host.run(LabHost.HOST, "ip", "link", "set", "bench0", i % 2 == 0 ? "up" : "down")
                        .orThrow();
                long after = System.nanoTime();
                Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
                if (arrived == null) {
                    System.out.println("no event within 5 s in round " + i);
                    return;
                }
                fromStart[i] = arrived - before;
                fromReturn[i] = arrived - after;
                // let the snapshot of this round finish before the next change
                arrivals.poll(50, TimeUnit.MILLISECONDS);
            }
            System.out.printf(
                    "change event after 'ip link set … up/down' started: median %.1f ms, max %.1f ms%n",
                    median(fromStart), max(fromStart));
            System.out.printf(
                    "change event after that command returned:          median %.1f ms, max %.1f ms%n",
                    median(fromReturn), max(fromReturn));
            System.out.println("(quiet period before the snapshot: " + KernelMonitor.DEFAULT_QUIET.toMillis() + " ms)");
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        Arrays.stream(parts).forEach(all::addAll);
        return all;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
