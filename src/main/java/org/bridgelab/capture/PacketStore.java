package org.bridgelab.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A session's frames, kept compactly: primitive columns (time, capture point, length, travel) and the raw
 * bytes in one arena per segment, instead of one object graph per packet, so a million frames cost about
 * 30 bytes each plus the frames themselves. Bounded: past {@code maxEvents} or {@code maxFrameBytes} the
 * oldest segment is dropped, like a ring. Events are decoded again on demand. Thread-safe.
 */
public final class PacketStore {
    /** Frames are kept, and dropped, a segment at a time. */
    public static final int SEGMENT_EVENTS = 1 << 16;

    public static final int SEGMENT_BYTES = 8 << 20;

    private final int maxEvents;
    private final long maxFrameBytes;
    private final List<CapturePoint> points = new ArrayList<>();
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long nextSequence;
    private long size;
    private long frameBytes;
    private long dropped;

    public PacketStore(int maxEvents, long maxFrameBytes) {
        if (maxEvents < 1 || maxFrameBytes < SEGMENT_BYTES) {
            throw new IllegalArgumentException("a store holds at least one event and one segment of bytes");
        }
        this.maxEvents = maxEvents;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Room for two million frames within 512 MB of frame bytes. */
    public static PacketStore standard() {
        return new PacketStore(2_000_000, 512L << 20);
    }

    /** The sequence number the next appended frame will get. */
    public synchronized long nextSequence() {
        return nextSequence;
    }

    /** The oldest sequence number still held. */
    public synchronized long firstSequence() {
        return segments.isEmpty() ? nextSequence : segments.peekFirst().firstSequence;
    }

    public synchronized long size() {
        return size;
    }

    /** How many frames were dropped to stay within bounds. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Every capture point that has contributed a frame, in order of first appearance. */
    public synchronized List<CapturePoint> points() {
        return List.copyOf(points);
    }

    /** Keeps a frame; returns its sequence number. */
    public synchronized long append(CapturePoint point, PcapRecord record, long travel) {
        int pointIndex = points.indexOf(point);
        if (pointIndex < 0) {
            points.add(point);
            pointIndex = points.size() - 1;
        }
        Segment last = segments.peekLast();
        if (last == null || !last.fits(record.data().length)) {
            last = new Segment(nextSequence);
            segments.addLast(last);
        }
        last.add(record, pointIndex, travel);
        size++;
        frameBytes += record.data().length;
        while (segments.size() > 1 && (size > maxEvents || frameBytes > maxFrameBytes)) {
            Segment oldest = segments.removeFirst();
            size -= oldest.count;
            frameBytes -= oldest.used;
            dropped += oldest.count;
        }
        return nextSequence++;
    }

    /** The frame with this sequence number, as captured. */
    public synchronized PcapRecord record(long sequence) {
        Segment segment = find(sequence);
        return segment.record((int) (sequence - segment.firstSequence));
    }

    public synchronized CapturePoint point(long sequence) {
        Segment segment = find(sequence);
        return points.get(segment.point[(int) (sequence - segment.firstSequence)]);
    }

    /** The frame decoded again, with its travel number. */
    public PacketEvent event(long sequence) {
        PcapRecord record;
        CapturePoint point;
        long travel;
        synchronized (this) {
            Segment segment = find(sequence);
            int index = (int) (sequence - segment.firstSequence);
            record = segment.record(index);
            point = points.get(segment.point[index]);
            travel = segment.travel[index];
        }
        return PacketDecoder.decode(point, sequence, record).withTravel(travel);
    }

    /** Visits every frame held, oldest first, under the store's lock (for exports). */
    public synchronized void forEach(FrameVisitor visitor) {
        for (Segment segment : segments) {
            for (int i = 0; i < segment.count; i++) {
                visitor.frame(segment.firstSequence + i, points.get(segment.point[i]), segment.record(i));
            }
        }
    }

    /**
     * Visits every frame held in the kernel's time order (frames of several capture points arrive
     * interleaved in any order), under the store's lock (for exports).
     */
    public synchronized void forEachInKernelOrder(FrameVisitor visitor) {
        for (long sequence : sequencesInKernelOrder()) {
            Segment segment = find(sequence);
            int at = (int) (sequence - segment.firstSequence);
            visitor.frame(sequence, points.get(segment.point[at]), segment.record(at));
        }
    }

    /** The sequence numbers held, in the kernel's time order; frames of one instant keep their arrival order. */
    public synchronized long[] sequencesInKernelOrder() {
        long[] times = new long[(int) size];
        int n = 0;
        for (Segment segment : segments) {
            System.arraycopy(segment.timestamp, 0, times, n, segment.count);
            n += segment.count;
        }
        int[] order = stableOrder(times, n);
        long first = firstSequence();
        long[] sequences = new long[n];
        for (int i = 0; i < n; i++) {
            sequences[i] = first + order[i];
        }
        return sequences;
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

    @FunctionalInterface
    public interface FrameVisitor {
        void frame(long sequence, CapturePoint point, PcapRecord record);
    }

    private Segment find(long sequence) {
        for (Segment segment : segments) {
            if (sequence >= segment.firstSequence && sequence < segment.firstSequence + segment.count) {
                return segment;
            }
        }
        throw new IndexOutOfBoundsException(
                "frame " + sequence + " is not held (held: " + firstSequence() + " to " + (nextSequence - 1) + ")");
    }

    /** Up to {@link #SEGMENT_EVENTS} consecutive frames: columns plus one growing byte arena. */
    private static final class Segment {
        final long firstSequence;
        final long[] timestamp = new long[SEGMENT_EVENTS];
        final long[] travel = new long[SEGMENT_EVENTS];
        final int[] offset = new int[SEGMENT_EVENTS + 1];
        final int[] originalLength = new int[SEGMENT_EVENTS];
        final short[] point = new short[SEGMENT_EVENTS];
        byte[] arena = new byte[64 * 1024];
        int count;
        int used;

        Segment(long firstSequence) {
            this.firstSequence = firstSequence;
        }

        boolean fits(int length) {
            return count < SEGMENT_EVENTS && (used + length <= SEGMENT_BYTES || count == 0);
        }

        void add(PcapRecord record, int pointIndex, long travelNumber) {
            byte[] data = record.data();
            if (used + data.length > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + data.length));
            }
            System.arraycopy(data, 0, arena, used, data.length);
            timestamp[count] = record.timestampNanos();
            travel[count] = travelNumber;
            originalLength[count] = record.originalLength();
            point[count] = (short) pointIndex;
            used += data.length;
            count++;
            offset[count] = used;
        }

        PcapRecord record(int index) {
            return new PcapRecord(
                    timestamp[index],
                    Arrays.copyOfRange(arena, offset[index], offset[index + 1]),
                    originalLength[index]);
        }
    }
}
