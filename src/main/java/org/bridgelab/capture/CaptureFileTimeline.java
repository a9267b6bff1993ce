package org.bridgelab.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A capture file laid out as the timeline {@code run --timeline} writes: every frame in kernel-time order
 * across the file's capture points (a stable sort, so frames of one instant keep their file order),
 * correlated into journeys and NAT pairs. A file knows no netfilter paths and no lab nodes, so the timeline
 * has neither. Frames wait in a {@link PacketStore} (a few large arrays, not two objects per frame). Two
 * passes over them in kernel order: the first decodes and correlates, keeping only each frame's travel
 * number; the second decodes again (cheap on the fast path) into rows that are written and let go, now that
 * every NAT pair is known. A million frames need no million events or rows alive at once.
 */
public final class CaptureFileTimeline {
    private static final LabNodes.Hop NO_NODES = new LabNodes.Hop(null, null);

    private final PacketStore inFileOrder;
    private final long[] kernelOrder;
    private final long[] travels;
    private final List<CapturePoint> points = new ArrayList<>();
    private final List<NatPair> pairs;

    /** Receives the rows in kernel order. */
    @FunctionalInterface
    private interface RowSink {
        void row(Timeline.Row row) throws IOException;
    }

    private CaptureFileTimeline(PacketStore inFileOrder, long[] kernelOrder) {
        this.inFileOrder = inFileOrder;
        this.kernelOrder = kernelOrder;
        this.travels = new long[kernelOrder.length];
        PacketCorrelator correlator = new PacketCorrelator();
        for (int sequence = 0; sequence < kernelOrder.length; sequence++) {
            CapturePoint point = inFileOrder.point(kernelOrder[sequence]);
            if (!points.contains(point)) {
                points.add(point);
            }
            travels[sequence] = correlator.accept(event(sequence, point)).travel();
        }
        this.pairs = correlator.natPairs();
    }

    /**
     * Reads the file, puts its frames in kernel order and correlates them (the first pass).
     *
     * @throws PcapFormatException when the file is empty, not a capture, corrupt or truncated
     * @throws IOException         when it cannot be read
     */
    public static CaptureFileTimeline lay(Path file) throws IOException {
        PacketStore inFileOrder = new PacketStore(Integer.MAX_VALUE, Long.MAX_VALUE);
        CaptureFileReader.read(file, (point, record) -> inFileOrder.append(point, record, 0));
        return new CaptureFileTimeline(inFileOrder, inFileOrder.sequencesInKernelOrder());
    }

    /** {@code lay(file).timeline()}: the whole timeline in memory (for tests and small files). */
    public static Timeline read(Path file) throws IOException {
        return lay(file).timeline();
    }

    public Timeline timeline() {
        List<Timeline.Row> rows = new ArrayList<>(kernelOrder.length);
        try {
            rows(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException("adding to a list does no I/O", e);
        }
        return new Timeline(List.of(), pointLabels(), rows, TimelineBuilder.pairRows(pairs), List.of());
    }

    /**
     * Streams the timeline to {@code json} (see {@link TimelineJson}), row by row; returns the number of rows.
     *
     * @throws IOException when the JSON cannot be written
     */
    public int write(Path json) throws IOException {
        try (TimelineJson out = TimelineJson.start(json, List.of(), pointLabels())) {
            rows(out::row);
            out.finish(TimelineBuilder.pairRows(pairs), List.of());
            return out.rows();
        }
    }

    private PacketEvent event(int sequence, CapturePoint point) {
        return PacketDecoder.decode(point, sequence, inFileOrder.record(kernelOrder[sequence]));
    }

    /** The second pass: each frame decoded again into its row, with its travel and NAT pair. */
    private void rows(RowSink sink) throws IOException {
        Map<Long, Integer> pairBySequence = TimelineBuilder.pairIndexBySequence(pairs);
        Map<CapturePoint, String> labels = new HashMap<>();
        for (int sequence = 0; sequence < kernelOrder.length; sequence++) {
            CapturePoint point = inFileOrder.point(kernelOrder[sequence]);
            PacketEvent event = event(sequence, point).withTravel(travels[sequence]);
            sink.row(TimelineBuilder.rowOf(event, labels.computeIfAbsent(point, CapturePoint::label), NO_NODES,
                    event.srcMac(), event.dstMac(), pairBySequence.get((long) sequence)));
        }
    }

    private List<String> pointLabels() {
        return points.stream().map(CapturePoint::label).toList();
    }
}
