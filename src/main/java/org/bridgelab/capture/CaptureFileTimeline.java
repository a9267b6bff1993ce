package org.bridgelab.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bridgelab.kernel.Topology;

/**
 * A capture file laid out as the timeline {@code run --timeline} writes: every frame in kernel-time order
 * across the file's capture points (a stable sort, so frames of one instant keep their file order),
 * correlated into journeys and NAT pairs. A file knows no netfilter paths and no lab nodes, so the timeline
 * has neither. Frames wait in a {@link PacketStore} (a few large arrays, not two objects per frame), and each
 * is decoded once, into its row, and let go: a million frames need no million events alive at once.
 */
public final class CaptureFileTimeline {
    private CaptureFileTimeline() {
    }

    /**
     * @throws PcapFormatException when the file is empty, not a capture, corrupt or truncated
     * @throws IOException         when it cannot be read
     */
    public static Timeline read(Path file) throws IOException {
        PacketStore inFileOrder = new PacketStore(Integer.MAX_VALUE, Long.MAX_VALUE);
        long[][] times = {new long[1024]};
        int[] count = new int[1];
        CaptureFileReader.read(file, (point, record) -> {
            if (count[0] == times[0].length) {
                times[0] = Arrays.copyOf(times[0], count[0] * 2);
            }
            times[0][count[0]++] = record.timestampNanos();
            inFileOrder.append(point, record, 0);
        });
        int[] kernelOrder = stableOrder(times[0], count[0]);
        PacketCorrelator correlator = new PacketCorrelator();
        TimelineBuilder timeline = new TimelineBuilder(LabNodes.of(new Topology(List.of())), List.of());
        List<CapturePoint> points = new ArrayList<>();
        for (int sequence = 0; sequence < kernelOrder.length; sequence++) {
            CapturePoint point = inFileOrder.point(kernelOrder[sequence]);
            if (!points.contains(point)) {
                points.add(point);
            }
            PacketEvent event = PacketDecoder.decode(point, sequence, inFileOrder.record(kernelOrder[sequence]));
            timeline.add(event.withTravel(correlator.accept(event).travel()));
        }
        return timeline.build(points, correlator.natPairs());
    }

    /** The indexes of {@code times[0..count)} in time order, equal times in index order (a merge sort). */
    static int[] stableOrder(long[] times, int count) {
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        boolean sorted = true;
        for (int i = 1; i < count && sorted; i++) {
            sorted = times[i - 1] <= times[i];
        }
        if (sorted) {
            return order;
        }
        int[] spare = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int from = 0; from < count; from += 2 * width) {
                int middle = Math.min(from + width, count);
                int to = Math.min(from + 2 * width, count);
                int left = from;
                int right = middle;
                for (int k = from; k < to; k++) {
                    if (left < middle && (right >= to || times[order[left]] <= times[order[right]])) {
                        spare[k] = order[left++];
                    } else {
                        spare[k] = order[right++];
                    }
                }
            }
            int[] swap = order;
            order = spare;
            spare = swap;
        }
        return order;
    }
}
