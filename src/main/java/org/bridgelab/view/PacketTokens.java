package org.bridgelab.view;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import javafx.animation.AnimationTimer;
import javafx.animation.TranslateTransition;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.kernel.Topology;

/**
 * Captured packets travelling the diagram. Live, each sighting is a small token that crosses the cable it was
 * seen on (out of the capture point when its sender is that node, into it otherwise), the stretch of a tunnel
 * it was seen wrapped on, or blinks on the chip when it was seen on a bridge or a cable drawn as a bracket;
 * the hops of one exchange take turns in kernel order ({@link LivePace}), and all move together on one clock
 * ({@link TokenMotion}). In simulation mode one larger token
 * shows the sighting being replayed, the same way, and never leaves the cable, tunnel or chip it was seen on.
 */
final class PacketTokens {
    private static final int MAX_TOKENS = 40;

    /** The layer over the diagram the tokens travel on, in the diagram's coordinates. */
    private final Pane diagram;

    private final LabViewModel model;
    private final BiFunction<String, String, Label> chip;
    /** Whether the cable between two chips is drawn as one straight line a token can follow. */
    private final BiPredicate<Label, Label> straight;

    private final TunnelDrawing tunnels;
    /** A hop every 150 ms, an exchange drawn within 1.5 s: slow enough to follow, never far behind the kernel. */
    private final LivePace livePace = new LivePace(150, 1_500);

    private final TokenMotion liveTokens;
    /** Steps the live tokens while there are any. */
    private final AnimationTimer clock = new AnimationTimer() {
        @Override
        public void handle(long nowNanos) {
            if (!liveTokens.pulse(nowNanos)) {
                stop();
            }
        }
    };

    private final Circle simulationToken = new Circle(7);
    private final TranslateTransition simulationMotion = new TranslateTransition(Duration.millis(500), simulationToken);

    /** Where a sighting goes on the diagram: from one point to another (the same for a chip), and what it is. */
    private record Way(Point2D from, Point2D to, String place) {
        boolean stays() {
            return from.equals(to);
        }
    }

    PacketTokens(
            Pane diagram,
            LabViewModel model,
            BiFunction<String, String, Label> chip,
            BiPredicate<Label, Label> straight,
            TunnelDrawing tunnels) {
        this.diagram = diagram;
        this.model = model;
        this.chip = chip;
        this.straight = straight;
        this.tunnels = tunnels;
        this.liveTokens = new TokenMotion(diagram);
        simulationToken.getStyleClass().add("simulation-token");
        simulationToken.setMouseTransparent(true);
        // placed by hand: a token coming, moving or going asks no layout of the diagram
        simulationToken.setManaged(false);
    }

    /** The diagram was drawn anew: the live tokens go with its old nodes. */
    void cleared() {
        liveTokens.clear();
    }

    /**
     * The simulation's token for the sighting being replayed (none for null). Its user data says where it is:
     * "cable docker0/veth0>host/veth1", "at host/br0", "tunnel hosta/vxlan0>hostb/vxlan0".
     */
    void showSimulated(PacketEvent sighting) {
        diagram.getChildren().remove(simulationToken);
        simulationMotion.stop();
        Way way = sighting == null ? null : wayOf(sighting);
        if (way == null) {
            simulationToken.setUserData(null);
            return;
        }
        simulationToken.setFill(colourOf(sighting));
        simulationToken.setTranslateX(0);
        simulationToken.setTranslateY(0);
        simulationToken.setCenterX(way.from().getX());
        simulationToken.setCenterY(way.from().getY());
        simulationToken.setUserData(way.place());
        diagram.getChildren().add(simulationToken);
        if (!way.stays()) {
            simulationMotion.setDuration(
                    Duration.millis(model.packets().simulation().hopMillis() * 0.8));
            simulationMotion.setToX(way.to().getX() - way.from().getX());
            simulationMotion.setToY(way.to().getY() - way.from().getY());
            simulationMotion.playFromStart();
        }
    }

    /** Where the simulation token is, or null when none is shown. */
    String simulationTokenPlace() {
        return diagram.getChildren().contains(simulationToken) ? (String) simulationToken.getUserData() : null;
    }

    /**
     * A captured sighting, live: its token takes its turn, then travels or blinks, then goes. None while the
     * lessons catch up on the steps the one asked for builds on: their packets go to the timeline, and the
     * diagram, drawn anew as the lab is rebuilt, moves only the packets of the step the learner asked for.
     */
    void animate(PacketEvent event) {
        if (liveTokens.size() >= MAX_TOKENS
                || model.packets().simulation().activeProperty().get()
                || model.lessons().catchingUpProperty().get()) {
            return;
        }
        Way way = wayOf(event);
        if (way == null) {
            return;
        }
        Circle token = new Circle(5, colourOf(event));
        token.getStyleClass().add("packet-token");
        token.setMouseTransparent(true);
        token.setManaged(false);
        long now = System.nanoTime();
        long delay = livePace.delayMillis(event.timestampNanos(), now / 1_000_000);
        liveTokens.add(token, way.from(), way.to(), now + delay * 1_000_000);
        clock.start();
    }

    /** Where a sighting goes, or null when its capture point is not drawn. */
    private Way wayOf(PacketEvent sighting) {
        Label at = chip.apply(sighting.point().node(), sighting.point().iface());
        if (at == null) {
            return null;
        }
        Topology topology = model.topology().topologyProperty().get();
        var tunnel = tunnels.travelled(sighting, topology);
        if (tunnel.isPresent()) {
            // wrapped: the frame travels from one host's vxlan end towards the other's
            Point2D[] ends = tunnel.get().getValue();
            return new Way(ends[0], ends[1], "tunnel " + tunnel.get().getKey());
        }
        Topology.Link link = topology.namespace(sighting.point().node())
                .flatMap(ns -> ns.link(sighting.point().iface()))
                .orElse(null);
        Label peer = link == null || link.peer() == null
                ? null
                : chip.apply(link.peer().namespace(), link.peer().link());
        if (peer == null || !straight.test(at, peer)) {
            // a bridge, or a cable drawn as a bracket or a route round the boxes: the token stays on the chip
            Point2D on = new Point2D(
                    at.getLayoutX() + at.getPrefWidth() - 10, at.getLayoutY() + TopologyView.CHIP_HEIGHT / 2);
            return new Way(on, on, "at " + sighting.point().label());
        }
        boolean outgoing = sighting.point().node().equals(model.packets().nodeOfMac(sighting.srcMac()));
        String here = sighting.point().label();
        String there = link.peer().namespace() + "/" + link.peer().link();
        Point2D[] ends = outgoing ? TopologyView.nearestEdges(at, peer) : TopologyView.nearestEdges(peer, at);
        return new Way(ends[0], ends[1], "cable " + (outgoing ? here + ">" + there : there + ">" + here));
    }

    private Color colourOf(PacketEvent sighting) {
        return Theme.of(diagram.getScene()).palette().of(PacketTimelineViewModel.kindOf(sighting.protocol()));
    }
}
