package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.List;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.LabHost;

/**
 * Which wires of a lab are worth capturing, decided from what the kernel has now (never from names a lesson
 * happens to use): an interface that is down cannot be captured, one that appears is captured from then on.
 */
public final class CapturePoints {

    private CapturePoints() {}

    /**
     * For the command line's {@code --capture}/{@code --timeline}: every bridge of the host that is up
     * (br0, a lesson's own br1, …) and the host's uplink. A lab of two lab hosts has no one host: there it is
     * each namespace's bridges and its {@code uplink} (each lesson host's br0 and its eth0 on the underlay).
     */
    public static List<CapturePoint> bridgesAndUplink(Topology topology, String uplink) {
        List<CapturePoint> wanted = new ArrayList<>();
        List<Topology.Namespace> hosts =
                topology.namespace(LabHost.HOST).map(List::of).orElse(topology.namespaces());
        for (Topology.Namespace host : hosts) {
            for (Topology.Link link : host.links()) {
                if (link.isUp() && ("bridge".equals(link.kind()) || link.name().equals(uplink))) {
                    wanted.add(new CapturePoint(host.name(), link.name()));
                }
            }
        }
        return wanted;
    }

    /**
     * For the window: the containers' ends of their cables, the host's bridges and uplink, the remote machine
     * and the internet server (not the router, whose wires the host's uplink and the server already show). Two
     * lab hosts joined have no host: there each lesson host's eth0 is its wire to the underlay.
     */
    public static List<CapturePoint> everyWire(Topology topology) {
        List<CapturePoint> wanted = new ArrayList<>();
        boolean joined = topology.namespace(LabHost.HOST).isEmpty();
        for (Topology.Namespace ns : topology.namespaces()) {
            for (Topology.Link link : ns.links()) {
                if (!link.isUp() || "lo".equals(link.name())) {
                    continue;
                }
                boolean take = switch (ns.role()) {
                    case CONTAINER -> "veth".equals(link.kind()) || (joined && "eth0".equals(link.name()));
                    case HOST ->
                        "bridge".equals(link.kind())
                                || (link.master() == null
                                        && "veth".equals(link.kind())
                                        && link.peer() != null
                                        && topology.namespace(link.peer().namespace())
                                                .map(peer -> peer.role() == Topology.Role.OUTSIDE)
                                                .orElse(false));
                    case OUTSIDE -> !"router".equals(ns.name()) && "veth".equals(link.kind());
                };
                if (take) {
                    wanted.add(new CapturePoint(ns.name(), link.name()));
                }
            }
        }
        return wanted;
    }
}
