package org.bridgelab.kernel;

import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;

/** Whether something listens on a TCP port in a namespace; the snapshot does not carry sockets. */
@FunctionalInterface
public interface ListenerProbe {
    boolean listens(String namespace, int tcpPort);

    /** Asks the kernel with {@code ss -Hltn} in the namespace. */
    static ListenerProbe of(LabHost lab) {
        return (namespace, port) -> {
            CommandResult ss = lab.run(namespace, List.of("ss", "-Hltn", "sport", "=", ":" + port));
            return ss.succeeded() && !ss.stdout().isBlank();
        };
    }
}
