package org.bridgelab.kernel;

import java.util.function.Consumer;
import org.bridgelab.lab.JoinedLabHost;
import org.bridgelab.lab.LabHost;

/**
 * The lab's kernel followed as it changes: the latest snapshot, each change delivered as it happens, and the
 * packets seen telling it where counters moved. One lab host's kernel ({@link KernelMonitor}), or the
 * kernels of lab hosts joined for a lesson's hosts ({@link JoinedKernelMonitor}), as one lab.
 */
public interface LiveKernel extends AutoCloseable {

    /** Follows the kernel of {@code lab}, read by {@code reader} (the same lab's). */
    static LiveKernel watch(LabHost lab, StateReader reader) {
        return lab instanceof JoinedLabHost joined
                ? JoinedKernelMonitor.start(joined.members(), reader.joinedReaders())
                : KernelMonitor.start(lab, reader);
    }

    /** The latest snapshot. */
    Topology current();

    /** Listeners are called on a thread of the monitor's, never on a UI thread: hand over from there. */
    void subscribe(Consumer<TopologyChange> listener);

    /** The lab as the notifications received so far describe it, read at once (see {@link KernelMonitor#settle}). */
    Topology settle();

    /** Packets were captured on {@code iface} of {@code namespace} (see {@link KernelMonitor#trafficSeen}). */
    void trafficSeen(String namespace, String iface);

    /** Packets seen move no read until deferring ends (see {@link KernelMonitor#deferTrafficReads}). */
    void deferTrafficReads(boolean defer);

    /** Stops every monitor started. */
    @Override
    void close();
}
