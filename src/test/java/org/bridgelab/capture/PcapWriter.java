package org.bridgelab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records to a classic pcap file (microseconds, little-endian) that tcpdump and Wireshark read: the
 * tests and benchmarks build their capture files with it (the app writes pcapng, {@link PcapngWriter}).
 */
public final class PcapWriter implements AutoCloseable {
    private static final int LINKTYPE_ETHERNET = 1;
    private final OutputStream out;

    public PcapWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        ByteBuffer header = ByteBuffer.allocate(PcapStreamReader.GLOBAL_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(262_144)
                .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    public synchronized void write(PcapRecord record) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(PcapStreamReader.RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt((int) (record.timestampNanos() / 1_000_000_000L))
                .putInt((int) (record.timestampNanos() % 1_000_000_000L / 1000))
                .putInt(record.data().length)
                .putInt(record.originalLength());
        out.write(header.array());
        out.write(record.data());
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
