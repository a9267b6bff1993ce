package org.bridgelab.capture;

import java.util.Objects;

/** Where frames are captured: an interface in a node of the lab ({@code host} or a network namespace). */
public record CapturePoint(String node, String iface) {

    public CapturePoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
    }

    /** "host/br0", "docker0/veth0": how the point is named in exports and timelines. */
    public String label() {
        return node + "/" + iface;
    }

    @Override
    public String toString() {
        return label();
    }
}
