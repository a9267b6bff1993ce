package org.bridgelab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a pcapng file (readable by Wireshark and tcpdump 4.99) with one interface description block per
 * capture point, named "docker0/veth0", and nanosecond timestamps, so that a frame keeps where it was seen.
 */
public final class PcapngWriter implements AutoCloseable {
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final short LINKTYPE_ETHERNET = 1;
    private static final short OPTION_END = 0;
    private static final short OPTION_IF_NAME = 2;
    private static final short OPTION_IF_TSRESOL = 9;
    private static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final Map<CapturePoint, Integer> interfaces = new HashMap<>();

    public PcapngWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer shb = block(SECTION_HEADER, 16);
        shb.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        finish(shb);
    }

    /**
     * Declares a capture point's interface now (a no-op if it already is), so that the file names it even
     * when no frame of it follows; a pcapng with no interface at all is one tcpdump refuses.
     */
    public synchronized void declare(CapturePoint point) throws IOException {
        interfaceOf(point);
    }

    /** Writes one frame; the first frame of an undeclared capture point declares its interface first. */
    public synchronized void write(CapturePoint point, PcapRecord record) throws IOException {
        int id = interfaceOf(point);
        byte[] data = record.data();
        ByteBuffer epb = block(ENHANCED_PACKET, 20 + padded(data.length));
        long ts = record.timestampNanos();
        epb.putInt(id)
                .putInt((int) (ts >>> 32))
                .putInt((int) ts)
                .putInt(data.length)
                .putInt(Math.max(record.originalLength(), data.length))
                .put(data);
        epb.position(epb.position() + padded(data.length) - data.length);
        finish(epb);
    }

    private int interfaceOf(CapturePoint point) throws IOException {
        Integer id = interfaces.get(point);
        if (id == null) {
            id = interfaces.size();
            writeInterfaceDescription(point);
            interfaces.put(point, id);
        }
        return id;
    }

    private void writeInterfaceDescription(CapturePoint point) throws IOException {
        byte[] name = point.label().getBytes(StandardCharsets.UTF_8);
        int options = 4 + padded(name.length) + 4 + 4 + 4;
        ByteBuffer idb = block(INTERFACE_DESCRIPTION, 8 + options);
        idb.putShort(LINKTYPE_ETHERNET).putShort((short) 0).putInt(SNAPLEN);
        idb.putShort(OPTION_IF_NAME).putShort((short) name.length).put(name);
        idb.position(idb.position() + padded(name.length) - name.length);
        idb.putShort(OPTION_IF_TSRESOL).putShort((short) 1).put((byte) 9).put(new byte[3]);
        idb.putShort(OPTION_END).putShort((short) 0);
        finish(idb);
    }

    /** A block with room for its body: type, total length, body, total length again. */
    private static ByteBuffer block(int type, int bodyLength) {
        int total = 12 + bodyLength;
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(type).putInt(total);
        return buffer;
    }

    private void finish(ByteBuffer block) throws IOException {
        block.putInt(block.capacity());
        out.write(block.array());
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
