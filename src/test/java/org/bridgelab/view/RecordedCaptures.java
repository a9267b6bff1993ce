package org.bridgelab.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.PacketCorrelator;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;
import org.bridgelab.kernel.Snapshots;

/** The captures recorded from a real kernel (src/test/resources/org/bridgelab/capture), for view tests. */
final class RecordedCaptures {

    private RecordedCaptures() {}

    static List<PcapRecord> records(String name) {
        List<PcapRecord> records = new ArrayList<>();
        try (InputStream in = RecordedCaptures.class.getResourceAsStream("/org/bridgelab/capture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Resource not found: " + name);
            }
            byte[] bytes = in.readAllBytes();
            PcapStreamReader reader = new PcapStreamReader(records::add);
            reader.feed(bytes, 0, bytes.length);
            reader.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }

    /**
     * Scenario 3's sightings on the host's br0 and eth0 in the given arrival order, each followed by the NAT pairs
     * it found, as a session announces them.
     */
    static List<Object> scenario3(Comparator<PacketEvent> arrivalOrder) {
        List<PacketEvent> events = new ArrayList<>();
        for (String[] capture : new String[][] {{"s3-br0.pcap", "br0"}, {"s3-eth0.pcap", "eth0"}}) {
            for (PcapRecord record : records(capture[0])) {
                events.add(PacketDecoder.decode(new CapturePoint("host", capture[1]), events.size(), record));
            }
        }
        events.sort(arrivalOrder);
        PacketCorrelator correlator = new PacketCorrelator();
        List<Object> announced = new ArrayList<>();
        for (PacketEvent event : events) {
            PacketCorrelator.Correlation correlation = correlator.accept(event);
            announced.add(event.withTravel(correlation.travel()));
            announced.addAll(correlation.natPairs());
        }
        return announced;
    }

    /**
     * Scenario 3's sightings in kernel order, shown on the lab they were captured on: the window's diagram and
     * timeline read that lab (scenario 4's snapshot, which has scenario 3's wires), then get the packets.
     */
    static void showScenario3(LabViewModel model) {
        model.topology().read(Snapshots.scenario4());
        model.packets().learn(Snapshots.scenario4(), 0);
        deliver(model.packets(), scenario3(Comparator.comparingLong(PacketEvent::timestampNanos)));
    }

    /** Hands what {@link #scenario3} announced to the timeline, as a session would. */
    static void deliver(PacketTimelineViewModel target, List<Object> announced) {
        for (Object item : announced) {
            if (item instanceof PacketEvent event) {
                target.receive(event);
            } else {
                target.receive((NatPair) item);
            }
        }
    }
}
