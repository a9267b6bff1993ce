package org.bridgelab.view;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.kernel.Topology;

/**
 * The VXLAN tunnels between a lesson's hosts, as the kernel configured them: a dashed line from one end's
 * vxlan interface to the end, of the same VNI, on the host that owns its remote address, labelled with the VNI
 * and UDP port; an end whose remote no host owns is a stub towards that address. A packet wrapped in a tunnel
 * travels its line ({@link #travelled}).
 */
final class TunnelDrawing {
    private final ObservableList<Node> children;
    /** The lines drawn, by their ends: "hosta/vxlan0—hostb/vxlan0", or "hosta/vxlan0→203.0.113.12" for a stub. */
    private final Map<String, Line> lines = new LinkedHashMap<>();

    TunnelDrawing(ObservableList<Node> children) {
        this.children = children;
    }

    void clear() {
        lines.clear();
    }

    List<String> drawn() {
        return List.copyOf(lines.keySet());
    }

    /** Draws the tunnels of {@code hosts}, whose chips {@code chip} finds by namespace and link. */
    void draw(List<Topology.Namespace> hosts, BiFunction<String, String, Label> chip) {
        Set<String> drawn = new HashSet<>();
        for (Topology.Namespace host : hosts) {
            for (Topology.Link link : host.links()) {
                Topology.Tunnel tunnel = link.tunnel();
                Label from = chip.apply(host.name(), link.name());
                if (tunnel == null || from == null || tunnel.remote() == null) {
                    continue;
                }
                Label to = hosts.stream()
                        .filter(other -> other != host && owns(other, tunnel.remote()))
                        .flatMap(other -> other.links().stream()
                                .filter(l -> l.tunnel() != null && l.tunnel().vni() == tunnel.vni())
                                .map(l -> chip.apply(other.name(), l.name())))
                        .findFirst()
                        .orElse(null);
                String label = "VXLAN " + tunnel.vni() + " · UDP " + tunnel.port();
                String here = host.name() + "/" + link.name();
                if (to == null) {
                    Point2D start = new Point2D(
                            from.getLayoutX() + from.getPrefWidth(), from.getLayoutY() + TopologyView.CHIP_HEIGHT / 2);
                    line(start, start.add(70, 0), label + " → " + tunnel.remote(), here + "→" + tunnel.remote());
                } else if (!drawn.contains(to.getUserData() + "—" + here)) {
                    String key = here + "—" + to.getUserData();
                    drawn.add(key);
                    Point2D[] ends = TopologyView.nearestEdges(from, to);
                    line(ends[0], ends[1], label, key);
                }
            }
        }
    }

    private void line(Point2D from, Point2D to, String label, String key) {
        Line line = new Line(from.getX(), from.getY(), to.getX(), to.getY());
        line.getStyleClass().add("tunnel");
        line.setUserData(key);
        Label name = new Label(label);
        name.getStyleClass().add("tunnel-label");
        name.setPrefWidth(180);
        name.setAlignment(Pos.CENTER);
        name.relocate((from.getX() + to.getX()) / 2 - 90, (from.getY() + to.getY()) / 2 - 20);
        children.addAll(line, name);
        lines.put(key, line);
    }

    /**
     * The stretch of a tunnel a VXLAN-wrapped sighting travels, as "hosta/vxlan0>hostb/vxlan0" (its outer
     * source's host first) with its two ends: the first third when seen on the sending host, the last on the
     * receiving one, the middle on the underlay between them. Empty for a plain frame, or when no tunnel joins
     * the packet's two ends.
     */
    Optional<Map.Entry<String, Point2D[]>> travelled(PacketEvent sighting, Topology topology) {
        if (!sighting.tunnelled()) {
            return Optional.empty();
        }
        String from = ownerOf(topology, sighting.srcIp());
        String to = ownerOf(topology, sighting.dstIp());
        for (Map.Entry<String, Line> tunnel : lines.entrySet()) {
            String[] ends = tunnel.getKey().split("—");
            if (ends.length != 2) {
                continue;
            }
            Line line = tunnel.getValue();
            Point2D a = new Point2D(line.getStartX(), line.getStartY());
            Point2D b = new Point2D(line.getEndX(), line.getEndY());
            if (ends[0].startsWith(from + "/") && ends[1].startsWith(to + "/")) {
                return Optional.of(Map.entry(ends[0] + ">" + ends[1], stretch(a, b, from, to, sighting)));
            }
            if (ends[1].startsWith(from + "/") && ends[0].startsWith(to + "/")) {
                return Optional.of(Map.entry(ends[1] + ">" + ends[0], stretch(b, a, from, to, sighting)));
            }
        }
        return Optional.empty();
    }

    private static Point2D[] stretch(Point2D start, Point2D end, String from, String to, PacketEvent sighting) {
        String node = sighting.point().node();
        int third = node.equals(from) ? 0 : node.equals(to) ? 2 : 1;
        Point2D step = end.subtract(start).multiply(1.0 / 3);
        return new Point2D[] {start.add(step.multiply(third)), start.add(step.multiply(third + 1))};
    }

    private static boolean owns(Topology.Namespace ns, String address) {
        return ns.links().stream()
                .anyMatch(link -> link.addresses().stream().anyMatch(cidr -> cidr.startsWith(address + "/")));
    }

    /** The namespace one of whose interfaces has {@code address}, or "" when none has. */
    private static String ownerOf(Topology topology, String address) {
        return topology.namespaces().stream()
                .filter(ns -> owns(ns, address))
                .map(Topology.Namespace::name)
                .findFirst()
                .orElse("");
    }
}
