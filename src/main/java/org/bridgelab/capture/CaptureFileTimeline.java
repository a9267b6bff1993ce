package org.bridgelab.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bridgelab.kernel.Topology;

/**
 * A capture file laid out as the timeline {@code run --timeline} writes: every frame in kernel-time order
 * across the file's capture points (a stable sort, so frames of one instant keep their file order),
 * correlated into journeys and NAT pairs, kept in a store sized to the file. A file knows no netfilter paths
 * and no lab nodes, so the timeline has neither.
 */
public final class CaptureFileTimeline {
    private CaptureFileTimeline() {
    }

    /**
     * @throws PcapFormatException when the file is empty, not a capture, corrupt or truncated
     * @throws IOException         when it cannot be read
     */
    public static Timeline read(Path file) throws IOException {
        List<CaptureFileReader.Frame> frames = new ArrayList<>();
        long[] bytes = new long[1];
        CaptureFileReader.read(file, (point, record) -> {
            frames.add(new CaptureFileReader.Frame(point, record));
            bytes[0] += record.data().length;
        });
        frames.sort(Comparator.comparingLong(frame -> frame.record().timestampNanos()));
        PacketStore store = new PacketStore(Math.max(1, frames.size()), Math.max(PacketStore.SEGMENT_BYTES, bytes[0] * 2));
        PacketCorrelator correlator = new PacketCorrelator();
        for (CaptureFileReader.Frame frame : frames) {
            PacketEvent event = PacketDecoder.decode(frame.point(), store.nextSequence(), frame.record());
            store.append(frame.point(), frame.record(), correlator.accept(event).travel());
        }
        return Timeline.of(store, correlator.natPairs(), List.of(), LabNodes.of(new Topology(List.of())));
    }
}
