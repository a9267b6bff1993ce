package org.bridgelab.kernel;

import java.util.List;

/**
 * What the live monitor delivers: the snapshot before and after, the differences in the lab's words,
 * the kernel notifications that caused it, and how long after the first of them the snapshot was ready.
 */
public record TopologyChange(
        Topology before, Topology after, List<Change> changes, List<MonitorEvent> causes, long millisSinceFirstEvent) {
    public TopologyChange {
        changes = List.copyOf(changes);
        causes = List.copyOf(causes);
    }
}
