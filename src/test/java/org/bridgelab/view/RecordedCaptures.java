package org.bridgelab.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.PcapStreamReader;

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
}
