package org.bridgelab.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.OutsideWorld;

/** {@code --dump-state}: the kernel's view of the lab, as JSON. */
final class StateDumper {
    private StateDumper() {}

    static void write(LabHost lab, Path file) throws IOException {
        try (StateReader reader = new StateReader(lab, new HashSet<>(OutsideWorld.NAMESPACES))) {
            Topology topology = reader.read();
            PrettyJson.MAPPER.writeValue(file.toFile(), topology);
        }
    }
}
