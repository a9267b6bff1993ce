package org.bridgelab.testing;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;

/** A real lab host, noting each command run to completion on it ("node: argv"); closing it leaves the host open. */
public final class CountingLabHost implements LabHost {
    private final LabHost host;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public CountingLabHost(LabHost host) {
        this.host = host;
    }

    /** The commands run so far, oldest first; clear it to count from now on. */
    public List<String> asked() {
        return asked;
    }

    @Override
    public String kind() {
        return host.kind();
    }

    @Override
    public String description() {
        return host.description();
    }

    @Override
    public CommandResult run(String node, List<String> argv, Duration timeout) {
        asked.add(node + ": " + String.join(" ", argv));
        return host.run(node, argv, timeout);
    }

    @Override
    public LiveProcess start(String node, List<String> argv, OutputListener listener) {
        return host.start(node, argv, listener);
    }

    @Override
    public LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr) {
        return host.startBinary(node, argv, stdout, stderr);
    }

    @Override
    public boolean isAlive() {
        return host.isAlive();
    }

    @Override
    public void close() {}
}
