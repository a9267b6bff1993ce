package org.bridgelab.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file as BridgeLab ({@code --capture}), {@code tcpdump -w} or Wireshark write it, and hands
 * each frame with its capture point to a sink in file order. Told apart by their first four bytes: classic
 * pcap (µs or ns, either byte order; read by {@link PcapStreamReader}, every frame at {@code file/if0}) and
 * pcapng (sections in either byte order, interface description blocks with {@code if_name} and
 * {@code if_tsresol}, enhanced, simple and obsolete packet blocks; other blocks are skipped). A pcapng
 * interface named "node/iface" (BridgeLab writes "host/br0") is that capture point; any other is
 * {@code file/NAME}, or {@code file/if0}, {@code file/if1}… when it has no name.
 *
 * <p>Anything that is not such a file, or stops short, is refused with a {@link PcapFormatException} saying
 * what and at which byte; frames before the fault have reached the sink by then.
 */
public final class CaptureFileReader {
    /** Where frames of a classic pcap file are said to have been captured. */
    public static final CapturePoint CLASSIC_POINT = new CapturePoint("file", "if0");

    private static final int PCAPNG_SECTION = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final short OPTION_IF_NAME = 2;
    private static final short OPTION_IF_TSRESOL = 9;
    private static final short OPTION_IF_TSOFFSET = 14;
    /** A block longer than this is a corrupt length, not a frame (frames are at most 256 KiB). */
    private static final int MAX_BLOCK = 16 << 20;

    private static final int CHUNK = 1 << 16;

    /** Receives the frames, in file order. */
    @FunctionalInterface
    public interface Sink {
        void frame(CapturePoint point, PcapRecord record);
    }

    private final InputStream in;
    private final Sink sink;
    private long offset;

    private CaptureFileReader(InputStream in, Sink sink) {
        this.in = in;
        this.sink = sink;
    }

    /**
     * Reads the whole file; returns how many frames went to the sink.
     *
     * @throws PcapFormatException when the file is empty, not a capture, corrupt or truncated
     * @throws IOException         when the file cannot be read at all
     */
    public static long read(Path file, Sink sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, sink);
        }
    }

    /** Reads a whole capture from a stream; see {@link #read(Path, Sink)}. */
    public static long read(InputStream in, Sink sink) throws IOException {
        return new CaptureFileReader(in, sink).readAll();
    }

    /** Every frame of the file with its capture point, in file order (for tests and small files). */
    public static List<Frame> frames(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        read(file, (point, record) -> frames.add(new Frame(point, record)));
        return frames;
    }

    /** One frame as read from a file. */
    public record Frame(CapturePoint point, PcapRecord record) {}

    private long readAll() throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length == 0) {
            throw new PcapFormatException("empty file: no pcap or pcapng header");
        }
        if (magic.length < 4) {
            throw new PcapFormatException("not a capture file: only " + magic.length + " bytes");
        }
        int little = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (little == PCAPNG_SECTION) {
            return readPcapng(magic);
        }
        if (isPcapMagic(little) || isPcapMagic(Integer.reverseBytes(little))) {
            return readPcap(magic);
        }
        throw new PcapFormatException(String.format(
                "not a capture file (neither pcap nor pcapng): it starts with " + "%02x %02x %02x %02x",
                magic[0], magic[1], magic[2], magic[3]));
    }

    private static boolean isPcapMagic(int magic) {
        return magic == 0xa1b2c3d4 || magic == 0xa1b23c4d;
    }

    private long readPcap(byte[] magic) throws IOException {
        long[] count = new long[1];
        PcapStreamReader reader = new PcapStreamReader(record -> {
            count[0]++;
            sink.frame(CLASSIC_POINT, record);
        });
        reader.feed(magic, 0, magic.length);
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = in.read(chunk)) > 0) {
            reader.feed(chunk, 0, read);
        }
        reader.end();
        return count[0];
    }

    // pcapng ------------------------------------------------------------------------------------------------

    /** An interface of the current section: where its frames were seen and how its clock ticks. */
    private record Interface(
            CapturePoint point, long unitsPerSecond, boolean binary, int binaryExponent, long offsetSeconds) {

        long nanos(long units) {
            long seconds;
            long fraction;
            if (binary) {
                seconds = units >>> binaryExponent;
                long rest = units & ((1L << binaryExponent) - 1);
                fraction = binaryExponent <= 33
                        ? (rest * 1_000_000_000L) >>> binaryExponent
                        : (long) (rest * (1e9 / Math.pow(2, binaryExponent)));
            } else {
                seconds = Long.divideUnsigned(units, unitsPerSecond);
                long rest = Long.remainderUnsigned(units, unitsPerSecond);
                fraction = unitsPerSecond <= 1_000_000_000L
                        ? rest * (1_000_000_000L / unitsPerSecond)
                        : rest / (unitsPerSecond / 1_000_000_000L);
            }
            return (seconds + offsetSeconds) * 1_000_000_000L + fraction;
        }
    }

    private long readPcapng(byte[] magic) throws IOException {
        List<Interface> interfaces = new ArrayList<>();
        int interfacesSeen = 0;
        long frames = 0;
        long lastTimestamp = 0;
        ByteOrder order = null;
        byte[] head = magic;
        while (true) {
            long blockStart = offset;
            byte[] rest = in.readNBytes(8 - head.length);
            if (head.length + rest.length == 0) {
                break;
            }
            ByteBuffer header = ByteBuffer.allocate(8).put(head).put(rest);
            if (header.position() < 8) {
                throw truncated(blockStart, "block header");
            }
            int type = header.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (type == PCAPNG_SECTION) {
                byte[] bom = in.readNBytes(4);
                if (bom.length < 4) {
                    throw truncated(blockStart, "section header");
                }
                order = sectionOrder(bom, blockStart);
                interfaces.clear();
                ByteBuffer body = block(header.order(order).getInt(4), blockStart, 12, order, bom);
                if (body.getShort(4) != 1) {
                    throw new PcapFormatException("unsupported pcapng version " + body.getShort(4) + "."
                            + body.getShort(6) + " at byte " + blockStart);
                }
            } else {
                if (order == null) {
                    throw new PcapFormatException("not a pcapng file: no section header at byte 0");
                }
                type = header.order(order).getInt(0);
                ByteBuffer body = block(header.getInt(4), blockStart, 8, order, new byte[0]);
                switch (type) {
                    case INTERFACE_DESCRIPTION -> interfaces.add(interfaceOf(body, interfacesSeen++, blockStart));
                    case ENHANCED_PACKET, OBSOLETE_PACKET -> {
                        Interface at = interfaceOfPacket(body, type, interfaces, blockStart);
                        PcapRecord record = packet(body, at, blockStart);
                        lastTimestamp = record.timestampNanos();
                        frames++;
                        sink.frame(at.point(), record);
                    }
                    case SIMPLE_PACKET -> {
                        PcapRecord record = simplePacket(body, interfaces, lastTimestamp, blockStart);
                        frames++;
                        sink.frame(interfaces.get(0).point(), record);
                    }
                    default -> {
                        // name resolution, statistics, custom, decryption secrets…: nothing to show
                    }
                }
            }
            head = new byte[0];
        }
        return frames;
    }

    private static ByteOrder sectionOrder(byte[] bom, long blockStart) {
        int value = ByteBuffer.wrap(bom).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (value == PCAPNG_BYTE_ORDER_MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (Integer.reverseBytes(value) == PCAPNG_BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new PcapFormatException(
                String.format("corrupt pcapng section header at byte %d: byte-order magic %08x", blockStart, value));
    }

    /**
     * Reads the rest of a block whose first {@code consumed} bytes are read, checks both of its lengths, and
     * returns its body (after type and length, without the trailing length), {@code alreadyRead} first.
     */
    private ByteBuffer block(int length, long blockStart, int consumed, ByteOrder order, byte[] alreadyRead)
            throws IOException {
        if (length < 12 || length % 4 != 0 || length > MAX_BLOCK || length < consumed + 4) {
            throw new PcapFormatException("corrupt pcapng block at byte " + blockStart + ": length " + length);
        }
        byte[] bytes = new byte[length - 8];
        System.arraycopy(alreadyRead, 0, bytes, 0, alreadyRead.length);
        int wanted = length - consumed;
        int got = in.readNBytes(bytes, alreadyRead.length, wanted);
        offset = blockStart + consumed + got;
        if (got < wanted) {
            throw truncated(blockStart, "block of " + length + " bytes");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes).order(order);
        int trailing = body.getInt(bytes.length - 4);
        if (trailing != length) {
            throw new PcapFormatException("corrupt pcapng block at byte " + blockStart + ": length " + length
                    + " at its start, " + trailing + " at its end");
        }
        return body.limit(bytes.length - 4);
    }

    private PcapFormatException truncated(long blockStart, String what) {
        return new PcapFormatException("file ends inside a " + what + " at byte " + blockStart + " (truncated?)");
    }

    private static Interface interfaceOf(ByteBuffer body, int index, long blockStart) {
        if (body.limit() < 8) {
            throw new PcapFormatException("corrupt interface description block at byte " + blockStart);
        }
        String name = null;
        long unitsPerSecond = 1_000_000L;
        boolean binary = false;
        int exponent = 0;
        long offsetSeconds = 0;
        int at = 8;
        while (at + 4 <= body.limit()) {
            int code = body.getShort(at) & 0xffff;
            int length = body.getShort(at + 2) & 0xffff;
            if (code == 0 || at + 4 + length > body.limit()) {
                break;
            }
            if (code == OPTION_IF_NAME) {
                name = new String(body.array(), at + 4, length, StandardCharsets.UTF_8).replace("\0", "");
            } else if (code == OPTION_IF_TSRESOL && length >= 1) {
                int resolution = body.get(at + 4) & 0xff;
                binary = (resolution & 0x80) != 0;
                int power = resolution & 0x7f;
                if (binary ? power > 62 : power > 18) {
                    throw new PcapFormatException("unsupported time resolution " + resolution
                            + " in the interface description block at byte " + blockStart);
                }
                exponent = power;
                unitsPerSecond = binary ? 1L << power : pow10(power);
            } else if (code == OPTION_IF_TSOFFSET && length >= 8) {
                offsetSeconds = body.getLong(at + 4);
            }
            at += 4 + ((length + 3) & ~3);
        }
        return new Interface(pointOf(name, index), unitsPerSecond, binary, exponent, offsetSeconds);
    }

    /** "host/br0" is that point; anything else is a named (or numbered) interface of the file. */
    static CapturePoint pointOf(String name, int index) {
        if (name == null || name.isBlank()) {
            return new CapturePoint("file", "if" + index);
        }
        int slash = name.indexOf('/');
        if (slash > 0 && slash < name.length() - 1 && name.indexOf('/', slash + 1) < 0 && !name.contains(" ")) {
            return new CapturePoint(name.substring(0, slash), name.substring(slash + 1));
        }
        return new CapturePoint("file", name);
    }

    private static long pow10(int power) {
        long value = 1;
        for (int i = 0; i < power; i++) {
            value *= 10;
        }
        return value;
    }

    private static final int PACKET_FIXED = 20;

    private static Interface interfaceOfPacket(ByteBuffer body, int type, List<Interface> interfaces, long blockStart) {
        if (body.limit() < PACKET_FIXED) {
            throw new PcapFormatException("corrupt packet block at byte " + blockStart + ": too short");
        }
        long id = type == ENHANCED_PACKET ? Integer.toUnsignedLong(body.getInt(0)) : body.getShort(0) & 0xffff;
        if (id >= interfaces.size()) {
            throw new PcapFormatException("packet block at byte " + blockStart + " names interface " + id
                    + ", but only " + interfaces.size() + " are described");
        }
        return interfaces.get((int) id);
    }

    /** An enhanced or obsolete packet block: the two share the layout from the timestamp on. */
    private static PcapRecord packet(ByteBuffer body, Interface at, long blockStart) {
        int fixed = PACKET_FIXED;
        long units = (Integer.toUnsignedLong(body.getInt(4)) << 32) | Integer.toUnsignedLong(body.getInt(8));
        int captured = body.getInt(12);
        int original = body.getInt(16);
        if (captured < 0 || captured > body.limit() - fixed) {
            throw new PcapFormatException("corrupt packet block at byte " + blockStart + ": " + captured
                    + " bytes captured in a block of " + (body.limit() + 12));
        }
        byte[] data = new byte[captured];
        body.get(fixed, data);
        return new PcapRecord(at.nanos(units), data, Math.max(original, captured));
    }

    /** A simple packet block: no timestamp (it keeps the previous frame's), always interface 0. */
    private static PcapRecord simplePacket(
            ByteBuffer body, List<Interface> interfaces, long lastTimestamp, long blockStart) {
        if (interfaces.isEmpty() || body.limit() < 4) {
            throw new PcapFormatException("corrupt simple packet block at byte " + blockStart);
        }
        int original = body.getInt(0);
        int captured = Math.min(Math.max(original, 0), body.limit() - 4);
        byte[] data = new byte[captured];
        body.get(4, data);
        return new PcapRecord(lastTimestamp, data, Math.max(original, captured));
    }
}
