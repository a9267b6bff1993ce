package org.bridgelab.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.animation.ScaleTransition;
import javafx.animation.SequentialTransition;
import javafx.animation.TranslateTransition;
import javafx.beans.Observable;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.util.Duration;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.Topology;

/**
 * The lab drawn from the kernel's snapshot: the host as a large box with its bridges, their ports and
 * its netfilter stage; each "container" namespace as a box on the left; the outside world on the right;
 * veth pairs as cables between their two ends. Positions depend only on names, so nothing jumps when an
 * address is added. What changed since the last snapshot glows for a moment. Click an interface for the
 * kernel's own view of it.
 */
public final class TopologyView extends Pane {
    /** A verdict's object "veth0 in docker0", "filter FORWARD in host": what, and in which namespace. */
    private static final Pattern IN_NAMESPACE = Pattern.compile("(.*?)\\s+in\\s+(\\S+)");

    private static final Pattern CHAIN = Pattern.compile("(raw|mangle|nat|filter|security) \\S+");
    static final double CHIP_HEIGHT = 24;
    private static final double GAP = 6;
    private static final double CONTAINER_X = 16;
    private static final double CONTAINER_WIDTH = 190;
    private static final double HOST_X = 256;
    private static final double HOST_WIDTH = 370;
    private static final double OUTSIDE_X = 680;
    private static final double OUTSIDE_WIDTH = 200;
    private static final double TOP = 36;

    private final LabViewModel model;
    private final I18n i18n;
    private final Label details = new Label();
    /** The hint as last shown, so that a redraw in another language replaces it. */
    private String hintShown;
    /** An interface's state on its chip, and the place a diagnosis names. */
    private static final PseudoClass UP = PseudoClass.getPseudoClass("up");

    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    private static final PseudoClass FAILED_HOP = PseudoClass.getPseudoClass("failed-hop");
    /** Where each interface's chip is: "namespace/link" → chip. */
    private final Map<String, Label> chips = new HashMap<>();
    /** The update whose changes last glowed. */
    private TopologyViewModel.Update highlighted;

    private static final int MAX_TOKENS = 40;
    /** A hop every 150 ms, an exchange drawn within 1.5 s: slow enough to follow, never far behind the kernel. */
    private final LivePace livePace = new LivePace(150, 1_500);

    private int tokens;
    private final Circle simulationToken = new Circle(7);
    private final TranslateTransition simulationMotion = new TranslateTransition(Duration.millis(500), simulationToken);

    {
        simulationToken.getStyleClass().add("simulation-token");
        simulationToken.setMouseTransparent(true);
    }

    public TopologyView(LabViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        getStyleClass().add("topology");
        setId("topology");
        details.getStyleClass().add("topology-details");
        details.setWrapText(true);
        model.topology().updateProperty().addListener((Observable obs) -> redraw());
        model.lessons().lastFailureProperty().addListener((Observable obs) -> redraw());
        i18n.languageProperty().addListener((Observable obs) -> redraw());
        model.packets().onSighting(this::animate);
        model.packets().simulation().currentProperty().addListener((obs, was, sighting) -> showSimulated(sighting));
        redraw();
    }

    /**
     * Simulation mode: one token for the sighting being replayed. Seen on a cable (a veth end), it travels
     * that cable, out of the node that sent it or into the one that received it; seen on a bridge or an
     * interface without a drawn peer, it sits on that interface. It never leaves the cable or chip the
     * frame was captured on. Its user data says where it is: "cable docker0/veth0>host/veth1", "at host/br0".
     */
    private void showSimulated(PacketEvent sighting) {
        getChildren().remove(simulationToken);
        simulationMotion.stop();
        if (sighting == null) {
            simulationToken.setUserData(null);
            return;
        }
        Label at = chip(sighting.point().node(), sighting.point().iface());
        if (at == null) {
            simulationToken.setUserData(null);
            return;
        }
        simulationToken.setFill(Theme.of(getScene()).palette().of(PacketTimelineViewModel.kindOf(sighting.protocol())));
        Topology.Link link = model.topology()
                .topologyProperty()
                .get()
                .namespace(sighting.point().node())
                .flatMap(ns -> ns.link(sighting.point().iface()))
                .orElse(null);
        Label peer = link == null || link.peer() == null
                ? null
                : chip(link.peer().namespace(), link.peer().link());
        simulationToken.setTranslateX(0);
        simulationToken.setTranslateY(0);
        getChildren().add(simulationToken);
        if (peer == null || Math.abs(at.getLayoutX() - peer.getLayoutX()) < 40) {
            // a bridge, or a cable drawn as a bracket: the token stays on the chip it was seen at
            simulationToken.setCenterX(at.getLayoutX() + at.getPrefWidth() - 10);
            simulationToken.setCenterY(at.getLayoutY() + CHIP_HEIGHT / 2);
            simulationToken.setUserData("at " + sighting.point().label());
            return;
        }
        boolean outgoing = sighting.point().node().equals(model.packets().nodeOfMac(sighting.srcMac()));
        String here = sighting.point().label();
        String there = link.peer().namespace() + "/" + link.peer().link();
        Point2D[] ends = outgoing ? nearestEdges(at, peer) : nearestEdges(peer, at);
        simulationToken.setCenterX(ends[0].getX());
        simulationToken.setCenterY(ends[0].getY());
        simulationToken.setUserData("cable " + (outgoing ? here + ">" + there : there + ">" + here));
        simulationMotion.setDuration(
                Duration.millis(model.packets().simulation().hopMillis() * 0.8));
        simulationMotion.setToX(ends[1].getX() - ends[0].getX());
        simulationMotion.setToY(ends[1].getY() - ends[0].getY());
        simulationMotion.playFromStart();
    }

    /** Where the simulation token is ("cable a>b", "at host/br0"), or null when none is shown. */
    public String simulationTokenPlace() {
        return getChildren().contains(simulationToken) ? (String) simulationToken.getUserData() : null;
    }

    /**
     * A captured frame travels as a small token along the cable it was seen on: out of the capture point
     * when its sender is that node, into it otherwise; a frame seen on a bridge makes the bridge blink. The
     * hops of one exchange take turns in kernel order ({@link LivePace}), instead of lighting all at once.
     */
    private void animate(PacketEvent event) {
        Label at = chip(event.point().node(), event.point().iface());
        if (at == null
                || tokens >= MAX_TOKENS
                || model.packets().simulation().activeProperty().get()) {
            return;
        }
        Color colour = Theme.of(getScene()).palette().of(PacketTimelineViewModel.kindOf(event.protocol()));
        Topology.Link link = model.topology()
                .topologyProperty()
                .get()
                .namespace(event.point().node())
                .flatMap(ns -> ns.link(event.point().iface()))
                .orElse(null);
        Label peer = link == null || link.peer() == null
                ? null
                : chip(link.peer().namespace(), link.peer().link());
        Circle token = new Circle(5, colour);
        token.getStyleClass().add("packet-token");
        token.setMouseTransparent(true);
        tokens++;
        getChildren().add(token);
        Animation motion;
        // a bracket cable (the router and the machines behind it) is not a straight line: blink on the chip
        if (peer == null || Math.abs(at.getLayoutX() - peer.getLayoutX()) < 40) {
            token.setCenterX(at.getLayoutX() + at.getPrefWidth() - 10);
            token.setCenterY(at.getLayoutY() + CHIP_HEIGHT / 2);
            ScaleTransition blink = new ScaleTransition(Duration.millis(450), token);
            blink.setFromX(0.6);
            blink.setFromY(0.6);
            blink.setToX(1.8);
            blink.setToY(1.8);
            motion = blink;
        } else {
            boolean outgoing = event.point().node().equals(model.packets().nodeOfMac(event.srcMac()));
            Point2D[] ends = outgoing ? nearestEdges(at, peer) : nearestEdges(peer, at);
            token.setCenterX(ends[0].getX());
            token.setCenterY(ends[0].getY());
            TranslateTransition travel = new TranslateTransition(Duration.millis(550), token);
            travel.setToX(ends[1].getX() - ends[0].getX());
            travel.setToY(ends[1].getY() - ends[0].getY());
            motion = travel;
        }
        motion.setOnFinished(done -> {
            getChildren().remove(token);
            tokens--;
        });
        long delay = livePace.delayMillis(event.timestampNanos(), System.nanoTime() / 1_000_000);
        token.setVisible(delay == 0);
        PauseTransition turn = new PauseTransition(Duration.millis(delay));
        turn.setOnFinished(done -> token.setVisible(true));
        new SequentialTransition(turn, motion).play();
    }

    /** The chip of an interface, for tests and for packets travelling the diagram. */
    public Label chip(String namespace, String link) {
        return chips.get(namespace + "/" + link);
    }

    /** The cables drawn now, each as "a/link—b/link" with the two ends sorted. */
    public List<String> cables() {
        return getChildren().stream()
                .filter(node -> node.getStyleClass().contains("cable"))
                .map(node -> (String) node.getUserData())
                .toList();
    }

    private void redraw() {
        TopologyViewModel.Update update = model.topology().updateProperty().get();
        Topology topology = update.topology();

        getChildren().clear();
        chips.clear();
        tokens = 0;
        Label title = new Label(i18n.lookup("topology.title"));
        title.getStyleClass().add("pane-heading");
        title.relocate(CONTAINER_X, 6);
        getChildren().add(title);
        if (topology.namespaces().isEmpty()) {
            Label empty = new Label(i18n.lookup("topology.empty"));
            empty.getStyleClass().add("hint");
            empty.relocate(CONTAINER_X, TOP + 10);
            getChildren().add(empty);
            return;
        }
        double bottom = Math.max(Math.max(drawContainers(topology), drawHost(topology)), drawOutside(topology));
        drawCables(topology);
        details.relocate(CONTAINER_X, bottom + 12);
        details.setMaxWidth(OUTSIDE_X + OUTSIDE_WIDTH - CONTAINER_X);
        if (details.getText() == null
                || details.getText().isEmpty()
                || details.getText().equals(hintShown)) {
            // the hint follows the language; an interface's description stays until another is clicked
            hintShown = i18n.lookup("topology.details");
            details.setText(hintShown);
        }
        getChildren().add(details);
        setPrefSize(OUTSIDE_X + OUTSIDE_WIDTH + 40, bottom + 60);
        if (update != highlighted) {
            // once per update: a redraw for the language or a failure does not make the same change glow again
            highlighted = update;
            highlight(update.changedLinks());
        }
        markFailedHop(model.lessons().lastFailureProperty().get());
        // the chips were drawn anew: put the replayed packet back where it is
        showSimulated(model.packets().simulation().currentProperty().get());
    }

    /**
     * Where the last failed step's packet was stopped, drawn red: the interface the verdict names ("veth0 in
     * docker0"), or the namespace whose rule, route or switch stopped it ("filter FORWARD in host", "routes of
     * host"). Nothing is marked for a verdict that names no place in the diagram.
     */
    private void markFailedHop(Diagnosis why) {
        if (why == null || why.reachable()) {
            return;
        }
        for (String object : why.verdict().objects()) {
            Matcher in = IN_NAMESPACE.matcher(object);
            String namespace =
                    in.matches() ? in.group(2) : object.startsWith("routes of ") ? object.substring(10) : null;
            String thing = in.matches() ? in.group(1) : null;
            Node place = thing != null && chip(namespace, thing) != null
                    ? chip(namespace, thing)
                    : thing != null && CHAIN.matcher(thing).matches() && netfilterOf(namespace) != null
                            ? netfilterOf(namespace)
                            : namespaceBox(namespace);
            if (place != null) {
                place.pseudoClassStateChanged(FAILED_HOP, true);
            }
        }
    }

    /** The host's netfilter panel, for a verdict naming one of its chains ("filter FORWARD in host"). */
    private Node netfilterOf(String namespace) {
        Topology.Namespace host = model.topology().topologyProperty().get().namespaces().stream()
                .filter(ns -> ns.role() == Topology.Role.HOST)
                .findFirst()
                .orElse(null);
        return host != null && host.name().equals(namespace) ? lookup("#netfilter") : null;
    }

    private Node namespaceBox(String namespace) {
        return namespace == null
                ? null
                : getChildren().stream()
                        .filter(node -> node instanceof Rectangle && namespace.equals(node.getUserData()))
                        .findFirst()
                        .orElse(null);
    }

    private double drawContainers(Topology topology) {
        double y = TOP;
        List<Topology.Namespace> containers = topology.namespaces().stream()
                .filter(ns -> ns.role() == Topology.Role.CONTAINER)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        for (Topology.Namespace ns : containers) {
            y = drawNamespaceBox(ns, CONTAINER_X, y, CONTAINER_WIDTH, "container-box") + 14;
        }
        return y;
    }

    private double drawOutside(Topology topology) {
        double y = TOP;
        Label heading = new Label(i18n.lookup("topology.outside"));
        heading.getStyleClass().add("area-heading");
        heading.relocate(OUTSIDE_X, y - 4);
        getChildren().add(heading);
        y += 18;
        for (String name : List.of("router", "remote", "internet")) {
            var ns = topology.namespace(name);
            if (ns.isPresent()) {
                y = drawNamespaceBox(ns.get(), OUTSIDE_X, y, OUTSIDE_WIDTH, "outside-box") + 14;
            }
        }
        return y;
    }

    /** A namespace as a titled box of interface chips and its routes; returns the box's bottom. */
    private double drawNamespaceBox(Topology.Namespace ns, double x, double y, double width, String style) {
        List<Topology.Link> links =
                ns.links().stream().filter(link -> !"lo".equals(link.name())).toList();
        List<String> routes = ns.routes().stream()
                .filter(route -> route.gateway() != null)
                .map(route -> route.destination() + " via " + route.gateway())
                .toList();
        double height = 30 + links.size() * (CHIP_HEIGHT + GAP) + routes.size() * 18 + 8;
        Rectangle box = box(x, y, width, height, style);
        box.setUserData(ns.name());
        getChildren().add(box);
        Label name = new Label(ns.name() + (ns.forwarding() ? "   ip_forward=1" : ""));
        name.getStyleClass().add("box-title");
        name.relocate(x + 8, y + 5);
        getChildren().add(name);
        double cy = y + 28;
        for (Topology.Link link : links) {
            addChip(ns, link, x + 8, cy, width - 16);
            cy += CHIP_HEIGHT + GAP;
        }
        for (String route : routes) {
            Label line = new Label(route);
            line.getStyleClass().add("route");
            line.relocate(x + 10, cy);
            getChildren().add(line);
            cy += 18;
        }
        return y + height;
    }

    private double drawHost(Topology topology) {
        Topology.Namespace host = topology.namespace("host").orElse(null);
        if (host == null) {
            return TOP;
        }
        List<Topology.Link> bridges = host.links().stream()
                .filter(link -> "bridge".equals(link.kind()))
                .toList();
        List<Topology.Link> others = host.links().stream()
                .filter(link -> !"lo".equals(link.name()) && !"bridge".equals(link.kind()) && link.master() == null)
                .toList();
        List<String> rules = new ArrayList<>(netfilterLines(host));
        rules.addAll(
                probeLines(host.name(), model.lessons().lastFailureProperty().get()));
        List<String> routes = host.routes().stream()
                .filter(route -> route.gateway() != null)
                .map(route -> route.destination() + " via " + route.gateway())
                .toList();
        double y = TOP;
        double inner = y + 30;
        double left = HOST_X + 10;
        double portWidth = 110;
        List<Runnable> later = new ArrayList<>();
        for (Topology.Link bridge : bridges) {
            List<Topology.Link> ports = host.links().stream()
                    .filter(link -> bridge.name().equals(link.master()))
                    .toList();
            double switchHeight = Math.max(1, ports.size()) * (CHIP_HEIGHT + GAP) + 28;
            double top = inner;
            later.add(() -> getChildren()
                    .add(
                            1,
                            box(
                                    left + portWidth + 14,
                                    top,
                                    HOST_WIDTH - portWidth - 44,
                                    switchHeight - GAP,
                                    "bridge-box")));
            addChip(host, bridge, left + portWidth + 22, top + 4, HOST_WIDTH - portWidth - 60);
            Label kind = new Label(i18n.lookup("topology.bridge"));
            kind.getStyleClass().add("box-note");
            kind.relocate(left + portWidth + 24, top + CHIP_HEIGHT + 8);
            getChildren().add(kind);
            double py = top;
            for (Topology.Link port : ports) {
                Label chip = addChip(host, port, left, py, portWidth);
                Line wire =
                        new Line(left + portWidth, py + CHIP_HEIGHT / 2, left + portWidth + 14, py + CHIP_HEIGHT / 2);
                wire.getStyleClass().add("port-wire");
                getChildren().add(wire);
                chip.getStyleClass().add("bridge-port");
                py += CHIP_HEIGHT + GAP;
            }
            inner += switchHeight + 6;
        }
        for (Topology.Link link : others) {
            boolean uplink = link.peer() != null
                    && !link.peer().namespace().startsWith("docker")
                    && topology.namespace(link.peer().namespace())
                            .map(ns -> ns.role() == Topology.Role.OUTSIDE)
                            .orElse(false);
            addChip(host, link, uplink ? HOST_X + HOST_WIDTH - 180 : left, inner, uplink ? 170 : portWidth);
            inner += CHIP_HEIGHT + GAP;
        }
        for (String route : routes) {
            Label line = new Label(route);
            line.getStyleClass().add("route");
            line.relocate(left, inner);
            getChildren().add(line);
            inner += 18;
        }
        inner += 6;
        Label forwarding = new Label(i18n.lookup("topology.forwarding") + " = " + (host.forwarding() ? "1" : "0"));
        forwarding.getStyleClass().addAll("forwarding", host.forwarding() ? "on" : "off");
        forwarding.setId("forwarding");
        forwarding.relocate(left, inner);
        getChildren().add(forwarding);
        inner += 26;
        Label stage = new Label(i18n.lookup("topology.netfilter") + "\n"
                + (rules.isEmpty() ? i18n.lookup("topology.norules") : String.join("\n", rules)));
        stage.getStyleClass().add("netfilter");
        stage.setId("netfilter");
        stage.relocate(left, inner);
        stage.setMaxWidth(HOST_WIDTH - 20);
        stage.setWrapText(true);
        getChildren().add(stage);
        inner += 22 + Math.max(1, wrappedLines(rules, HOST_WIDTH - 36)) * 17 + 12;
        Rectangle hostBox = box(HOST_X, y, HOST_WIDTH, inner - y, "host-box");
        hostBox.setUserData(host.name());
        getChildren().add(0, hostBox);
        later.forEach(Runnable::run);
        Label title = new Label(i18n.lookup("topology.host"));
        title.getStyleClass().add("box-title");
        title.relocate(HOST_X + 8, y + 5);
        getChildren().add(title);
        return inner;
    }

    /** The host's netfilter as the learner needs it: FORWARD's policy and the nat rules with their counters. */
    /** How many lines the panel's text takes once wrapped (11 px DejaVu Sans Mono: ~6.7 px a character). */
    private static int wrappedLines(List<String> lines, double width) {
        int perLine = Math.max(1, (int) (width / 6.7));
        return lines.stream()
                .mapToInt(line -> Math.max(1, (line.length() + perLine - 1) / perLine))
                .sum();
    }

    /** The last failed step's probe through the host's hooks, as traced; ✗ where a rule or policy dropped it. */
    private List<String> probeLines(String host, Diagnosis why) {
        if (why == null) {
            return List.of();
        }
        return why.traced().stream()
                .filter(traced -> traced.namespace().equals(host))
                .map(traced ->
                        (traced.dropped() ? "✗ " : "→ ") + i18n.lookup("topology.probe") + " " + traced.journey())
                .toList();
    }

    private static List<String> netfilterLines(Topology.Namespace host) {
        List<String> lines = new ArrayList<>();
        for (Topology.Table table : host.iptables()) {
            for (Topology.Chain chain : table.chains()) {
                if (table.name().equals("filter") && chain.name().equals("FORWARD")) {
                    lines.add("filter FORWARD policy " + chain.policy());
                }
                if (table.name().equals("nat")) {
                    // the counter shows the rule at work: it grows with every connection it translates
                    chain.rules()
                            .forEach(rule -> lines.add("nat " + rule.text().replaceFirst("^-A ", "") + "   ["
                                    + rule.packets() + " pkts]"));
                }
            }
        }
        return lines;
    }

    private Label addChip(Topology.Namespace ns, Topology.Link link, double x, double y, double width) {
        String address = link.addresses().isEmpty() ? "" : "  " + String.join(" ", link.addresses());
        Label chip = new Label(link.name() + address);
        chip.getStyleClass().addAll("chip", "kind-" + link.kind());
        chip.pseudoClassStateChanged(UP, link.isUp());
        chip.pseudoClassStateChanged(DOWN, !link.isUp());
        chip.relocate(x, y);
        chip.setPrefSize(width, CHIP_HEIGHT);
        chip.setMaxWidth(width);
        chip.setUserData(ns.name() + "/" + link.name());
        chip.setOnMouseClicked(event -> details.setText(describe(ns, link)));
        chips.put(ns.name() + "/" + link.name(), chip);
        getChildren().add(chip);
        return chip;
    }

    private void drawCables(Topology topology) {
        Set<String> drawn = new HashSet<>();
        for (Topology.Namespace ns : topology.namespaces()) {
            for (Topology.Link link : ns.links()) {
                if (link.peer() == null) {
                    continue;
                }
                String a = ns.name() + "/" + link.name();
                String b = link.peer().namespace() + "/" + link.peer().link();
                String key = a.compareTo(b) < 0 ? a + "—" + b : b + "—" + a;
                Label from = chips.get(a);
                Label to = chips.get(b);
                if (from == null || to == null || !drawn.add(key)) {
                    continue;
                }
                Shape cable = cable(from, to);
                cable.getStyleClass().add("cable");
                cable.setUserData(key);
                getChildren().add(cable);
            }
        }
    }

    /**
     * A straight cable between the facing sides of two chips; between chips of one column (the router and
     * the machines behind it) a bracket along their right sides, so it never crosses a box.
     */
    static Shape cable(Label from, Label to) {
        if (Math.abs(from.getLayoutX() - to.getLayoutX()) < 40) {
            double right = Math.max(from.getLayoutX() + from.getPrefWidth(), to.getLayoutX() + to.getPrefWidth());
            double fy = from.getLayoutY() + CHIP_HEIGHT / 2;
            double ty = to.getLayoutY() + CHIP_HEIGHT / 2;
            Polyline bracket = new Polyline(
                    from.getLayoutX() + from.getPrefWidth(),
                    fy,
                    right + 12 + Math.abs(ty - fy) / 8,
                    fy,
                    right + 12 + Math.abs(ty - fy) / 8,
                    ty,
                    to.getLayoutX() + to.getPrefWidth(),
                    ty);
            bracket.setFill(null);
            return bracket;
        }
        Point2D[] ends = nearestEdges(from, to);
        return new Line(ends[0].getX(), ends[0].getY(), ends[1].getX(), ends[1].getY());
    }

    /** The middle of the facing sides of two chips. */
    static Point2D[] nearestEdges(Label from, Label to) {
        double fromWidth = from.getPrefWidth();
        double toWidth = to.getPrefWidth();
        boolean fromLeft = from.getLayoutX() + fromWidth / 2 < to.getLayoutX() + toWidth / 2;
        double fx = fromLeft ? from.getLayoutX() + fromWidth : from.getLayoutX();
        double tx = fromLeft ? to.getLayoutX() : to.getLayoutX() + toWidth;
        return new Point2D[] {
            new Point2D(fx, from.getLayoutY() + CHIP_HEIGHT / 2), new Point2D(tx, to.getLayoutY() + CHIP_HEIGHT / 2)
        };
    }

    private static Rectangle box(double x, double y, double width, double height, String style) {
        Rectangle box = new Rectangle(x, y, width, height);
        box.setArcWidth(12);
        box.setArcHeight(12);
        box.getStyleClass().addAll("box", style);
        return box;
    }

    /** The kernel's own view of one interface. */
    private static String describe(Topology.Namespace ns, Topology.Link link) {
        return link.name() + " (" + link.kind() + ") in " + ns.name() + " — state " + link.state()
                + ", flags " + link.flags() + ", mac " + link.mac() + ", mtu " + link.mtu()
                + (link.master() == null ? "" : ", master " + link.master())
                + (link.peer() == null
                        ? ""
                        : ", peer " + link.peer().namespace() + "/"
                                + link.peer().link())
                + (link.addresses().isEmpty() ? "" : ", inet " + String.join(" ", link.addresses()));
    }

    /** The interfaces ("namespace/link") the last update changed glow for a moment. */
    private void highlight(Set<String> changedLinks) {
        for (String link : changedLinks) {
            Label chip = chips.get(link);
            if (chip != null) {
                chip.pseudoClassStateChanged(CHANGED, true);
                PauseTransition fade = new PauseTransition(Duration.seconds(2.5));
                fade.setOnFinished(event -> chip.pseudoClassStateChanged(CHANGED, false));
                fade.play();
            }
        }
    }

    List<Node> nodes() {
        return getChildren();
    }
}
