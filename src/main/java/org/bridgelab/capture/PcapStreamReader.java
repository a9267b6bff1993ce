package org.bridgelab.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads a classic pcap stream as it arrives, chunk by chunk (tcpdump -w - through a pipe): the 24-byte
 * global header, then 16-byte record headers each followed by its frame. Microsecond and nanosecond
 * magic, either byte order. Garbage is refused with a {@link PcapFormatException} naming the offset;
 * it never blocks (it only ever looks at bytes it was given) and never allocates a frame bigger than the
 * stream's own snapshot length.
 */
public final class PcapStreamReader {
    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int MAX_SNAPLEN = 262_144;

    private final Consumer<PcapRecord> sink;
    private ByteBuffer pending = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private ByteOrder order;
    private boolean nanos;
    private int snaplen;
    private int linkType = -1;
    private long offset;

    public PcapStreamReader(Consumer<PcapRecord> sink) {
        this.sink = sink;
    }

    /** The stream's link type (1 = Ethernet), or -1 before the global header has arrived. */
    public int linkType() {
        return linkType;
    }

    /** Offers the next bytes of the stream; every complete record in them goes to the sink. */
    public void feed(byte[] bytes, int from, int length) {
        ensureRoom(length);
        pending.put(bytes, from, length);
        pending.flip();
        try {
            while (next()) {
                // each complete header or record is consumed by next()
            }
        } finally {
            pending.compact();
        }
    }

    /** Says whether the stream stopped in the middle of a header or record. */
    public void end() {
        if (pending.position() > 0) {
            throw new PcapFormatException("stream ends inside a " + (order == null ? "global header" : "record")
                    + " at byte " + offset + " (" + pending.position() + " bytes left over)");
        }
        if (order == null) {
            throw new PcapFormatException("empty stream: no pcap global header");
        }
    }

    private boolean next() {
        if (order == null) {
            return globalHeader();
        }
        if (pending.remaining() < RECORD_HEADER) {
            return false;
        }
        int start = pending.position();
        long seconds = Integer.toUnsignedLong(pending.getInt(start));
        long fraction = Integer.toUnsignedLong(pending.getInt(start + 4));
        int included = pending.getInt(start + 8);
        int original = pending.getInt(start + 12);
        if (included < 0 || included > snaplen || fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            throw new PcapFormatException("corrupt record header at byte " + offset + " (length " + included
                    + ", snapshot length " + snaplen + ")");
        }
        if (pending.remaining() < RECORD_HEADER + included) {
            return false;
        }
        byte[] data = new byte[included];
        pending.position(start + RECORD_HEADER);
        pending.get(data);
        offset += RECORD_HEADER + included;
        long timestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        sink.accept(new PcapRecord(timestamp, data, Math.max(original, included)));
        return true;
    }

    private boolean globalHeader() {
        if (pending.remaining() < GLOBAL_HEADER) {
            return false;
        }
        int start = pending.position();
        int magic = pending.order(ByteOrder.LITTLE_ENDIAN).getInt(start);
        ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            magic = Integer.reverseBytes(magic);
            byteOrder = ByteOrder.BIG_ENDIAN;
        }
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            throw new PcapFormatException(
                    String.format("not a pcap stream: magic %08x at byte 0", pending.getInt(start)));
        }
        pending.order(byteOrder);
        int snap = pending.getInt(start + 16);
        if (snap <= 0 || snap > MAX_SNAPLEN) {
            snap = MAX_SNAPLEN;
        }
        order = byteOrder;
        nanos = magic == MAGIC_NANOS;
        snaplen = snap;
        linkType = pending.getInt(start + 20) & 0x0fffffff;
        pending.position(start + GLOBAL_HEADER);
        offset = GLOBAL_HEADER;
        return true;
    }

    private void ensureRoom(int length) {
        if (pending.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + length))
                    .order(pending.order());
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
    }
}
