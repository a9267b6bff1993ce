package org.bridgelab.capture;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A capture store's frames decoded again for the rows being drawn or looked at; the last few thousand are
 * kept (the newest packets, which the timeline shows while following, are put in as they arrive).
 */
public final class StoredEvents implements TimelineRow.EventSource {
    private static final int CACHED = 4096;

    private final PacketStore store;
    private final Map<Long, PacketEvent> recent = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PacketEvent> eldest) {
            return size() > CACHED;
        }
    };

    public StoredEvents(PacketStore store) {
        this.store = store;
    }

    public PacketStore store() {
        return store;
    }

    /** An event as it arrived from the capture (it is what decoding its frame again would give). */
    public synchronized void remember(PacketEvent event) {
        recent.put(event.sequence(), event);
    }

    /** The event, or null once the store has dropped its frame to stay within its bounds. */
    @Override
    public synchronized PacketEvent event(long sequence) {
        PacketEvent event = recent.get(sequence);
        if (event == null && sequence >= store.firstSequence() && sequence < store.nextSequence()) {
            try {
                event = store.event(sequence);
            } catch (IndexOutOfBoundsException droppedMeanwhile) {
                // the store dropped it between the check and the read: null says so
                return null;
            }
            recent.put(sequence, event);
        }
        return event;
    }
}
