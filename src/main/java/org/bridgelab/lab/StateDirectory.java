package org.bridgelab.lab;

import java.nio.file.Path;

/**
 * Where BridgeLab keeps what must outlive a run on this machine (the notes on real lab hosts, the log):
 * {@code -Dbridgelab.state.dir}, else {@code $XDG_STATE_HOME/bridgelab}, else {@code ~/.local/state/bridgelab}.
 */
public final class StateDirectory {
    private StateDirectory() {}

    public static Path path() {
        String configured = System.getProperty("bridgelab.state.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("bridgelab");
    }
}
