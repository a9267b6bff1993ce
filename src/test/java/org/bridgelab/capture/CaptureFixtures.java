package org.bridgelab.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Captures recorded from a real kernel by record-fixtures.sh (next to them), read back for tests. */
final class CaptureFixtures {
    static final CapturePoint BR0 = new CapturePoint("host", "br0");
    static final CapturePoint ETH0 = new CapturePoint("host", "eth0");
    /** The overlay lesson's wires (record-overlay-fixtures.sh): a container's veth and each host's uplink. */
    static final CapturePoint CA_VA = new CapturePoint("ca", "va");

    static final CapturePoint HOSTA_ETH0 = new CapturePoint("hosta", "eth0");
    static final CapturePoint HOSTB_ETH0 = new CapturePoint("hostb", "eth0");
    static final CapturePoint CB_VB = new CapturePoint("cb", "vb");

    private CaptureFixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = CaptureFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Resource not found: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static List<PcapRecord> records(String name) {
        List<PcapRecord> records = new ArrayList<>();
        PcapStreamReader reader = new PcapStreamReader(records::add);
        byte[] bytes = bytes(name);
        reader.feed(bytes, 0, bytes.length);
        reader.end();
        return records;
    }

    static List<PacketEvent> events(String name, CapturePoint point) {
        List<PacketEvent> events = new ArrayList<>();
        for (PcapRecord record : records(name)) {
            events.add(PacketDecoder.decode(point, events.size(), record));
        }
        return events;
    }

    /** Several captures of one moment merged into kernel-time order, as a session would see them. */
    static List<PacketEvent> merged(Object... nameAndPoint) {
        List<PacketEvent> all = new ArrayList<>();
        for (int i = 0; i < nameAndPoint.length; i += 2) {
            for (PcapRecord record : records((String) nameAndPoint[i])) {
                all.add(PacketDecoder.decode((CapturePoint) nameAndPoint[i + 1], 0, record));
            }
        }
        all.sort(java.util.Comparator.comparingLong(PacketEvent::timestampNanos));
        List<PacketEvent> numbered = new ArrayList<>();
        for (PacketEvent e : all) {
            numbered.add(new PacketEvent(
                    numbered.size(),
                    e.point(),
                    e.timestampNanos(),
                    e.length(),
                    e.srcMac(),
                    e.dstMac(),
                    e.protocol(),
                    e.srcIp(),
                    e.dstIp(),
                    e.srcPort(),
                    e.dstPort(),
                    e.ipId(),
                    e.identity(),
                    e.summary(),
                    0,
                    e.vni()));
        }
        return numbered;
    }

    /** One ping from ca to cb through the overlay's tunnel, seen on all four wires, in kernel order. */
    static List<PacketEvent> overlay() {
        return merged(
                "overlay-ca-va.pcap",
                CA_VA,
                "overlay-hosta-eth0.pcap",
                HOSTA_ETH0,
                "overlay-hostb-eth0.pcap",
                HOSTB_ETH0,
                "overlay-cb-vb.pcap",
                CB_VB);
    }

    /** Scenario 3's br0 and eth0 captures written as one pcapng, br0's frames first (not in kernel order). */
    static java.nio.file.Path scenario3Pcapng(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("s3.pcapng");
        try (PcapngWriter writer = new PcapngWriter(file)) {
            for (PcapRecord record : records("s3-br0.pcap")) {
                writer.write(BR0, record);
            }
            for (PcapRecord record : records("s3-eth0.pcap")) {
                writer.write(ETH0, record);
            }
        }
        return file;
    }
}
