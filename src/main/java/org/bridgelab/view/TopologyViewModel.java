package org.bridgelab.view;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.bridgelab.kernel.Change;
import org.bridgelab.kernel.Topology;
import org.bridgelab.kernel.TopologyDiff;

/**
 * The diagram's state: the kernel's topology as last read, and which interfaces the last update changed (to
 * glow for a moment), taken from the typed changes the kernel monitor reported, or worked out between the two
 * snapshots when a step or a command read the kernel itself. FX thread only.
 */
public final class TopologyViewModel {
    /** The changes an interface shows: it appeared, moved, went up or down, gained or lost a port or an address. */
    private static final Set<Change.Kind> OF_A_LINK = EnumSet.of(
            Change.Kind.LINK_ADDED,
            Change.Kind.LINK_MOVED,
            Change.Kind.LINK_UP,
            Change.Kind.LINK_DOWN,
            Change.Kind.CARRIER_GAINED,
            Change.Kind.CARRIER_LOST,
            Change.Kind.PORT_ADDED,
            Change.Kind.PORT_REMOVED,
            Change.Kind.ADDRESS_ADDED,
            Change.Kind.ADDRESS_REMOVED);

    /**
     * A topology and the interfaces ("namespace/link") its arrival changed; none for the first one drawn.
     * {@code numbersOnly}: nothing drawn changed but numbers — the rules' counters moved by traffic, a MAC
     * learned, a connection tracked — so the diagram updates its counters in place instead of redrawing.
     */
    public record Update(Topology topology, Set<String> changedLinks, boolean numbersOnly) {
        public Update {
            changedLinks = Set.copyOf(changedLinks);
        }
    }

    private final ReadOnlyObjectWrapper<Update> update =
            new ReadOnlyObjectWrapper<>(new Update(new Topology(List.of()), Set.of(), false));
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(new Topology(List.of()));

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** The latest topology with what it changed; set after {@link #topologyProperty()}. */
    public ReadOnlyObjectProperty<Update> updateProperty() {
        return update.getReadOnlyProperty();
    }

    /** The kernel monitor reported these changes, ending in {@code after}. */
    void changed(Topology after, List<Change> changes) {
        boolean first = topology.get().namespaces().isEmpty();
        set(after, first ? Set.of() : linksIn(changes));
    }

    /** A step or a command read the kernel: what changed is worked out against the topology shown. */
    void read(Topology after) {
        Topology before = topology.get();
        changed(after, before.namespaces().isEmpty() ? List.of() : TopologyDiff.between(before, after));
    }

    private void set(Topology after, Set<String> changedLinks) {
        Topology before = topology.get();
        boolean numbersOnly = !before.namespaces().isEmpty() && drawn(before).equals(drawn(after));
        topology.set(after);
        update.set(new Update(after, changedLinks, numbersOnly));
    }

    /** What the diagram draws of a topology: all but counters, MAC tables, connections and nft chains. */
    private static Topology drawn(Topology topology) {
        return new Topology(topology.namespaces().stream()
                .map(ns -> ns.withoutTrafficNumbers()
                        .withNftables(ns.nftables().stream()
                                .map(table -> new Topology.NftTable(table.family(), table.name(), List.of()))
                                .toList()))
                .toList());
    }

    static Set<String> linksIn(List<Change> changes) {
        return changes.stream()
                .filter(change -> OF_A_LINK.contains(change.kind()))
                .map(change -> change.namespace() + "/" + change.subject())
                .collect(Collectors.toSet());
    }
}
