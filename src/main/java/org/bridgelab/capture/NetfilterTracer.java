package org.bridgelab.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;

/**
 * Traces chosen packets through one namespace's netfilter: {@code iptables -t raw -A PREROUTING|OUTPUT MATCH
 * -j TRACE} plus {@code xtables-monitor --trace} read line by line. The trace rules are always removed on
 * {@link #close()}, and on a failed start; a raw table that only existed for them is removed too, so tracing
 * leaves the ruleset as it found it.
 */
public final class NetfilterTracer implements AutoCloseable {
    static final List<String> HOOKS = List.of("PREROUTING", "OUTPUT");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(2);
    private static final int ATTEMPTS = 5;

    private final LabHost lab;
    private final String namespace;
    private final boolean first;
    private final List<String> match;
    private final NetfilterTraceParser parser = new NetfilterTraceParser();
    private final List<String> addedTo = new ArrayList<>();
    private LiveProcess monitor;
    private boolean rawTableWasThere = true;

    private NetfilterTracer(LabHost lab, String namespace, boolean first, List<String> match) {
        this.lab = lab;
        this.namespace = namespace;
        this.first = first;
        this.match = List.copyOf(match);
    }

    /**
     * Starts tracing the host's packets that {@code match} selects (iptables match arguments, e.g.
     * {@code -p icmp}) after the raw table's own rules; returns once the monitor is known to see the trace rules.
     */
    public static NetfilterTracer start(LabHost lab, List<String> match) {
        return start(new NetfilterTracer(lab, LabHost.HOST, false, match));
    }

    /**
     * Starts tracing a namespace's packets that {@code match} selects before any rule can touch them: the trace
     * rules go first in raw PREROUTING and OUTPUT, so a packet a raw rule drops is seen dropped.
     */
    public static NetfilterTracer startFirst(LabHost lab, String namespace, List<String> match) {
        return start(new NetfilterTracer(lab, namespace, true, match));
    }

    private static NetfilterTracer start(NetfilterTracer tracer) {
        try {
            tracer.begin();
            return tracer;
        } catch (RuntimeException e) {
            tracer.close();
            throw e;
        }
    }

    /**
     * The monitor prints nothing when it is ready, but with {@code --event} it echoes rule changes: a trace
     * rule echoed back proves it is subscribed. A rule added before that is taken out and added again.
     */
    private void begin() {
        rawTableWasThere =
                lab.run(namespace, List.of("nft", "list", "table", "ip", "raw")).exitCode() == 0;
        // into a pipe xtables-monitor's stdio buffers 4 KB before printing anything: line-buffer it
        monitor = lab.start(
                namespace,
                List.of("stdbuf", "-oL", "xtables-monitor", "--trace", "--event", "-4"),
                (stream, line) -> accept(line));
        for (String hook : HOOKS) {
            boolean seen = false;
            for (int attempt = 0; attempt < ATTEMPTS && !seen && monitor.isAlive(); attempt++) {
                if (addedTo.contains(hook)) {
                    remove(hook);
                }
                int before = countEvents("-A", hook, monitor.output());
                rule("-A", hook).orThrow();
                addedTo.add(hook);
                seen = monitor.awaitOutput(text -> countEvents("-A", hook, text) > before, EVENT_TIMEOUT);
            }
            if (!seen) {
                throw new CaptureException("xtables-monitor does not report the trace rule in " + hook + " of "
                        + namespace + ": " + monitor.output().strip());
            }
        }
    }

    /** How many times the monitor echoed a trace rule added (-A, also for -I) to or deleted (-D) from a hook. */
    private static int countEvents(String action, String hook, String text) {
        int count = 0;
        for (String line : text.split("\n")) {
            if (line.contains("EVENT:")
                    && line.contains("-t raw " + action + " " + hook + " ")
                    && line.contains("-j TRACE")) {
                count++;
            }
        }
        return count;
    }

    private synchronized void accept(String line) {
        parser.accept(line);
        notifyAll();
    }

    private CommandResult rule(String action, String hook) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-t", "raw", action, hook));
        if (first && action.equals("-A")) {
            argv.set(3, "-I");
            argv.add("1");
        }
        argv.addAll(match);
        argv.addAll(List.of("-j", "TRACE"));
        return lab.run(namespace, argv);
    }

    private void remove(String hook) {
        rule("-D", hook);
        addedTo.remove(hook);
    }

    /**
     * Removes the trace rules and waits until the monitor has echoed their removal. The monitor reads the
     * traces and the rule changes from one netlink socket, in the order the kernel made them, so by then it
     * has printed every trace of a packet the kernel handled before: the paths are complete, with no sleep.
     */
    public List<NetfilterPath> finish() {
        for (String hook : List.copyOf(addedTo)) {
            int before = countEvents("-D", hook, monitor.output());
            remove(hook);
            monitor.awaitOutput(text -> countEvents("-D", hook, text) > before, EVENT_TIMEOUT);
        }
        return paths();
    }

    public synchronized List<NetfilterPath> paths() {
        return parser.paths();
    }

    /** The traced path of the packet in this event, if it was traced and no other path fits it as well. */
    public synchronized Optional<NetfilterPath> pathOf(PacketEvent event) {
        List<NetfilterPath> fitting = parser.paths().stream()
                .filter(path -> path.describes(event))
                .limit(2)
                .toList();
        return fitting.size() == 1 ? Optional.of(fitting.get(0)) : Optional.empty();
    }

    /** Waits until a traced path satisfies the condition (for checks and tests). */
    public synchronized Optional<NetfilterPath> awaitPath(Predicate<NetfilterPath> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<NetfilterPath> found =
                        parser.paths().stream().filter(condition).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Removes the trace rules first (so nothing is left tracing), then stops the monitor. */
    @Override
    public void close() {
        for (String hook : List.copyOf(addedTo)) {
            if (lab.isAlive()) {
                remove(hook);
            }
        }
        if (!rawTableWasThere
                && lab.isAlive()
                && !hasRules(lab.run(namespace, List.of("iptables", "-t", "raw", "-S"))
                        .stdout())) {
            lab.run(namespace, List.of("nft", "delete", "table", "ip", "raw"));
        }
        if (monitor != null && monitor.isAlive()) {
            monitor.stop();
        }
    }

    /** Whether {@code iptables -S} output holds a rule (not only the chains' policies). */
    static boolean hasRules(String listing) {
        return listing.lines().anyMatch(line -> line.startsWith("-A "));
    }
}
