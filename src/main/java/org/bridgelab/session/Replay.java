package org.bridgelab.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bridgelab.capture.CaptureFileReader;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.PacketCorrelator;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.kernel.Topology;

/**
 * A session bundle played back without a lab, on any machine: its frames decoded, correlated and kept as
 * the live capture did (so the timeline, the passports and simulation mode work on them), and the kernel's
 * topology as it was after the last step. Nothing runs: what is shown is what was recorded.
 */
public final class Replay {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Replay() {}

    /** A replay, loaded. */
    public record Loaded(
            SessionBundle.Manifest manifest,
            Topology topology,
            PacketStore store,
            List<PacketEvent> events,
            List<NatPair> natPairs) {}

    public static Loaded load(Path bundle) throws SessionBundle.DamagedException {
        Map<String, byte[]> entries = SessionBundle.entries(bundle);
        SessionBundle.Manifest manifest = SessionBundle.read(bundle).manifest();
        String last = entries.keySet().stream()
                .filter(name -> name.startsWith("topology/"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new SessionBundle.DamagedException("it holds no topology to show"));
        Topology topology;
        try {
            topology = JSON.readValue(entries.get(last), Topology.class);
        } catch (IOException e) {
            throw new SessionBundle.DamagedException(last + " is not a topology: " + e.getMessage());
        }
        PacketStore store = PacketStore.standard();
        List<PacketEvent> events = new ArrayList<>();
        PacketCorrelator correlator = new PacketCorrelator();
        List<NatPair> pairs = new ArrayList<>();
        byte[] capture = entries.get("capture.pcapng");
        if (capture != null) {
            // decoded, correlated and kept in one order, as CaptureSession does with live frames
            try {
                CaptureFileReader.read(new java.io.ByteArrayInputStream(capture), (point, record) -> {
                    PacketEvent event = PacketDecoder.decode(point, store.nextSequence(), record);
                    PacketCorrelator.Correlation correlation = correlator.accept(event);
                    store.append(point, record, correlation.travel());
                    events.add(event.withTravel(correlation.travel()));
                    pairs.addAll(correlation.natPairs());
                });
            } catch (IOException e) {
                throw new SessionBundle.DamagedException("capture.pcapng cannot be read: " + e.getMessage());
            }
        }
        return new Loaded(manifest, topology, store, events, pairs);
    }
}
