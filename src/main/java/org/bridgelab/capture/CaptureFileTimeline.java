package org.bridgelab.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A capture file laid out as the timeline {@code run --timeline} writes: every frame in kernel-time order
 * across the file's capture points (a stable sort, so frames of one instant keep their file order),
 * correlated into journeys and NAT pairs. A file knows no netfilter paths and no lab nodes, so the timeline
 * has neither. Two passes over the frames in kernel order: the first decodes and correlates, keeping only
 * each frame's travel number; the second decodes again (cheap on the fast path) into rows that are written
 * and let go, now that every NAT pair is known. A million frames need no million events or rows alive at once.
 *
 * <p>Most files are in kernel order already (one tcpdump, or BridgeLab's own export, which it sorts): their
 * frames are correlated as they are read and read again from the file for the rows, so none is kept. A file
 * whose times go back (capture points written one after the other, or interleaved as they arrived) is read
 * once more, into a {@link PacketStore} (a few large arrays, not two objects per frame), and both passes
 * visit the store in kernel order.
 */
public final class CaptureFileTimeline {
    private final Frames frames;
    private final long[] travels;
    private final List<CapturePoint> points;
    private final List<NatPair> pairs;

    /** Receives the rows in kernel order. */
    @FunctionalInterface
    private interface RowSink {
        void row(Timeline.Row row) throws IOException;
    }

    /** The file's frames in kernel order, visited as often as asked; a frame's sequence number is its place. */
    private interface Frames {
        void visit(CaptureFileReader.Sink sink) throws IOException;
    }

    private CaptureFileTimeline(Frames frames, Correlation correlation) {
        this.frames = frames;
        this.travels = correlation.travels();
        this.points = correlation.points;
        this.pairs = correlation.correlator.natPairs();
    }

    /**
     * Reads the file, puts its frames in kernel order and correlates them (the first pass).
     *
     * @throws PcapFormatException when the file is empty, not a capture, corrupt or truncated
     * @throws IOException         when it cannot be read
     */
    public static CaptureFileTimeline lay(Path file) throws IOException {
        Correlation inFileOrder = new Correlation();
        try {
            CaptureFileReader.read(file, inFileOrder::acceptInOrder);
            return new CaptureFileTimeline(new InFile(file, inFileOrder.count), inFileOrder);
        } catch (OutOfOrder e) {
            // not an error: the file is read again the slower way
            PacketStore store = new PacketStore(Integer.MAX_VALUE, Long.MAX_VALUE);
            CaptureFileReader.read(file, (point, record) -> store.append(point, record, 0));
            Frames stored = new Stored(store, store.sequencesInKernelOrder());
            Correlation inKernelOrder = new Correlation();
            stored.visit(inKernelOrder::accept);
            return new CaptureFileTimeline(stored, inKernelOrder);
        }
    }

    /** {@code lay(file).timeline()}: the whole timeline in memory (for tests and small files). */
    public static Timeline read(Path file) throws IOException {
        return lay(file).timeline();
    }

    public Timeline timeline() {
        List<Timeline.Row> rows = new ArrayList<>(travels.length);
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
     * @throws IOException when the JSON cannot be written, or the capture file can no longer be read
     */
    public int write(Path json) throws IOException {
        try (TimelineJson out = TimelineJson.start(json, List.of(), pointLabels())) {
            rows(out::row);
            out.finish(TimelineBuilder.pairRows(pairs), List.of());
            return out.rows();
        }
    }

    /** The second pass: each frame decoded again into its row, with its travel and NAT pair. */
    private void rows(RowSink sink) throws IOException {
        int[] pairByPlace = TimelineBuilder.pairIndexByPlace(pairs, travels.length);
        Map<CapturePoint, String> labels = new HashMap<>();
        int[] sequence = {0};
        try {
            frames.visit((point, record) -> {
                int at = sequence[0]++;
                if (at == travels.length) {
                    throw new UncheckedIOException(new IOException("the capture file changed while read: it has more "
                            + "than the " + travels.length + " frames it had"));
                }
                PacketEvent event = PacketDecoder.decode(point, at, record).withTravel(travels[at]);
                try {
                    sink.row(TimelineBuilder.rowOf(
                            event,
                            labels.computeIfAbsent(point, CapturePoint::label),
                            null,
                            event.srcMac(),
                            event.dstMac(),
                            pairByPlace[at] < 0 ? null : pairByPlace[at]));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<String> pointLabels() {
        return points.stream().map(CapturePoint::label).toList();
    }

    /** The first pass: frames decoded and correlated in kernel order, their travel numbers and points noted. */
    private static final class Correlation {
        final PacketCorrelator correlator = new PacketCorrelator();
        final List<CapturePoint> points = new ArrayList<>();
        long[] travels = new long[1024];
        int count;
        long lastTime = Long.MIN_VALUE;

        void accept(CapturePoint point, PcapRecord record) {
            if (!points.contains(point)) {
                points.add(point);
            }
            if (count == travels.length) {
                travels = Arrays.copyOf(travels, count * 2);
            }
            // no summaries: the rows get theirs in the second pass, and the NAT pairs kept until then need none
            travels[count] = correlator
                    .accept(PacketDecoder.decodeWithoutSummary(point, count, record))
                    .travel();
            count++;
        }

        /** {@link #accept}, while the file's times never go back; else gives up with {@link OutOfOrder}. */
        void acceptInOrder(CapturePoint point, PcapRecord record) {
            if (record.timestampNanos() < lastTime) {
                throw new OutOfOrder();
            }
            lastTime = record.timestampNanos();
            accept(point, record);
        }

        long[] travels() {
            return Arrays.copyOf(travels, count);
        }
    }

    /** A file found to be in kernel order: read again. */
    private record InFile(Path file, int count) implements Frames {
        @Override
        public void visit(CaptureFileReader.Sink sink) throws IOException {
            long read;
            try {
                read = CaptureFileReader.read(file, sink);
            } catch (PcapFormatException e) {
                throw new IOException("the capture file changed while read: " + e.getMessage(), e);
            }
            if (read != count) {
                throw new IOException(
                        "the capture file changed while read: " + read + " frames now, " + count + " before");
            }
        }
    }

    /** A file's frames kept in file order, visited in kernel order. */
    private record Stored(PacketStore store, long[] kernelOrder) implements Frames {
        @Override
        public void visit(CaptureFileReader.Sink sink) {
            for (long sequence : kernelOrder) {
                sink.frame(store.point(sequence), store.record(sequence));
            }
        }
    }

    /** A frame earlier than the one before it: the file is not in kernel order. */
    private static final class OutOfOrder extends RuntimeException {
        OutOfOrder() {
            super("the file's times go back", null, false, false);
        }
    }
}
