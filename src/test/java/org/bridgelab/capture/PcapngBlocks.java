package org.bridgelab.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds pcapng files block by block, in either byte order, for what {@link PcapngWriter} never writes:
 * big-endian sections, several sections, unnamed interfaces, microsecond or binary time resolution, blocks a
 * reader must skip.
 */
final class PcapngBlocks {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** A new section in this byte order; interfaces are numbered from 0 again. */
    PcapngBlocks section(ByteOrder byteOrder) {
        order = byteOrder;
        ByteBuffer body = body(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(0x0A0D0D0A, body);
    }

    /** An Ethernet interface; {@code name} null for none, {@code tsresol} -1 for the default (µs). */
    PcapngBlocks iface(String name, int tsresol) {
        byte[] bytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = body(8 + (name == null ? 0 : 4 + padded(bytes.length)) + (tsresol < 0 ? 0 : 8) + 4);
        body.putShort((short) 1).putShort((short) 0).putInt(262_144);
        if (name != null) {
            body.putShort((short) 2).putShort((short) bytes.length).put(bytes);
            body.position(body.position() + padded(bytes.length) - bytes.length);
        }
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(1, body);
    }

    /** An enhanced packet block: the timestamp in the interface's own units. */
    PcapngBlocks packet(int iface, long units, byte[] data) {
        ByteBuffer body = body(20 + padded(data.length));
        body.putInt(iface)
                .putInt((int) (units >>> 32))
                .putInt((int) units)
                .putInt(data.length)
                .putInt(data.length)
                .put(data);
        return block(6, body);
    }

    /** A block of a type readers need not know (name resolution, statistics, custom…): {@code length} bytes of 0xEE. */
    PcapngBlocks other(int type, int length) {
        ByteBuffer body = body(padded(length));
        body.put(filled(length));
        return block(type, body);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer body(int length) {
        return ByteBuffer.allocate(length).order(order);
    }

    private PcapngBlocks block(int type, ByteBuffer body) {
        int total = 12 + body.capacity();
        ByteBuffer block = ByteBuffer.allocate(total).order(order);
        block.putInt(type).putInt(total).put(body.array()).putInt(total);
        out.writeBytes(block.array());
        return this;
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0xEE);
        return bytes;
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
