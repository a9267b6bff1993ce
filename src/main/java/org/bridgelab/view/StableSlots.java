package org.bridgelab.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows that stay put from snapshot to snapshot: a thing keeps the row it was first given for as long as it
 * exists; a new thing takes the lowest free row, in the order it is offered; a thing gone frees its row. So a
 * diagram adds what appears without moving what was there. One instance per column of the diagram.
 */
final class StableSlots {
    private final Map<String, Map<String, Integer>> rows = new HashMap<>();

    /** The row of each present thing of {@code column} ("host/left", "router"), in {@code present}'s order. */
    Map<String, Integer> assign(String column, List<String> present) {
        Map<String, Integer> kept = rows.computeIfAbsent(column, key -> new HashMap<>());
        kept.keySet().retainAll(new HashSet<>(present));
        Set<Integer> taken = new HashSet<>(kept.values());
        int next = 0;
        for (String thing : present) {
            if (!kept.containsKey(thing)) {
                while (taken.contains(next)) {
                    next++;
                }
                kept.put(thing, next);
                taken.add(next);
            }
        }
        Map<String, Integer> assigned = new HashMap<>();
        present.forEach(thing -> assigned.put(thing, kept.get(thing)));
        return assigned;
    }

    /** Forgets the columns not among {@code columns} (a namespace deleted): a new one of the name starts afresh. */
    void keepOnly(Collection<String> columns) {
        rows.keySet().retainAll(new ArrayList<>(columns));
    }

    /** How many rows the column's things take, counting the free ones between them. */
    static int height(Map<String, Integer> assigned) {
        return assigned.values().stream().mapToInt(row -> row + 1).max().orElse(0);
    }
}
