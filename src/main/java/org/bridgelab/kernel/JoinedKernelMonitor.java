package org.bridgelab.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bridgelab.lab.LabHost;

/**
 * The kernels of lab hosts joined for a lesson's hosts, followed as one lab: a {@link KernelMonitor} on each
 * lab host, and each change one of them sees delivered as a change of the whole lab, its state put together
 * again from each lab host's latest ({@link JoinedTopology}). Each monitor reads only its own machine.
 */
final class JoinedKernelMonitor implements LiveKernel {
    /** Each lesson host's monitor (of the lab host that holds it), in the lesson's order. */
    private final Map<String, KernelMonitor> members = new LinkedHashMap<>();

    private final List<Consumer<TopologyChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile Topology current;

    private JoinedKernelMonitor() {}

    /** {@code hosts} and {@code readers}: each lesson host's lab host and its reader, in the lesson's order. */
    static JoinedKernelMonitor start(Map<String, LabHost> hosts, Map<String, StateReader> readers) {
        JoinedKernelMonitor joined = new JoinedKernelMonitor();
        try {
            hosts.forEach((host, lab) -> joined.members.put(host, KernelMonitor.start(lab, readers.get(host))));
            joined.current = joined.merged();
            joined.members.values().forEach(member -> member.subscribe(joined::memberChanged));
            return joined;
        } catch (RuntimeException e) {
            joined.close();
            throw e;
        }
    }

    private Topology merged() {
        Map<String, Topology> each = new LinkedHashMap<>();
        members.forEach((host, member) -> each.put(host, member.current()));
        return JoinedTopology.merge(each);
    }

    /** One lab host's kernel changed: the whole lab's change, delivered in the order the members report them. */
    private synchronized void memberChanged(TopologyChange change) {
        Topology before = current;
        Topology after = merged();
        current = after;
        if (after.equals(before)) {
            return;
        }
        TopologyChange whole = new TopologyChange(
                before, after, TopologyDiff.between(before, after), change.causes(), change.millisSinceFirstEvent());
        listeners.forEach(listener -> listener.accept(whole));
    }

    @Override
    public Topology current() {
        return current;
    }

    @Override
    public void subscribe(Consumer<TopologyChange> listener) {
        listeners.add(listener);
    }

    /** Each lab host's monitor settles (their changes are delivered as they do), then the whole lab is put together. */
    @Override
    public Topology settle() {
        members.values().forEach(KernelMonitor::settle);
        synchronized (this) {
            current = merged();
            return current;
        }
    }

    /** The packets were in the namespace of one lab host: its monitor reads them again. */
    @Override
    public void trafficSeen(String namespace, String iface) {
        members.values().stream()
                .filter(member -> member.current().namespace(namespace).isPresent())
                .findFirst()
                .ifPresent(member -> member.trafficSeen(namespace, iface));
    }

    @Override
    public void deferTrafficReads(boolean defer) {
        members.values().forEach(member -> member.deferTrafficReads(defer));
    }

    @Override
    public void close() {
        members.values().forEach(KernelMonitor::close);
    }
}
