package org.bridgelab.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
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
    private static final double HOST_WIDTH = 400;
    private static final double PORT_WIDTH = 110;
    private static final double OUTSIDE_X = 710;
    /** Rows and route lines a box keeps room for, so that what a lesson adds next does not push others down. */
    private static final int MIN_BOX_ROWS = 1;

    private static final int MIN_HOST_ROWS = 3;
    private static final int MIN_BOX_ROUTES = 1;
    private static final double OUTSIDE_WIDTH = 200;
    private static final double TOP = 36;
    /** Chips nearer than this across are in one column: their cable is a bracket along their right sides. */
    private static final double BRACKET_SPAN = 40;

    private static final double BAND_HOST_WIDTH = 200;
    private static final double BAND_CONTAINER_WIDTH = 140;

    private final LabViewModel model;
    private final I18n i18n;
    private final Label details = new Label();
    /** The diagram's heading, drawn anew with it. */
    private Label title = new Label();
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
    /** Each chip's row, kept from snapshot to snapshot. */
    private final StableSlots slots = new StableSlots();
    /** The columns drawn this time: a namespace gone loses its rows. */
    private final Set<String> columnsDrawn = new HashSet<>();

    private final NetfilterDrawing netfilter;
    /** The VXLAN tunnels between a lesson's other hosts, drawn after their chips. */
    private final TunnelDrawing tunnels;
    /** Where the band of a lesson's other hosts starts (none: no band). */
    private double bandTop = Double.MAX_VALUE;
    /** The host's counters as last shown, so that the ones that grew flash. */
    private Map<String, Long> countersShown = Map.of();

    /**
     * What the kernel's state draws, cached as one picture (it changes with the state, not with every frame), and
     * above it the packets travelling it: a token's frame then redraws only where it moves, from the picture.
     */
    private final Pane drawing = new Pane();

    private final Pane tokenLayer = new Pane();

    /** The captured packets travelling the diagram, live and in simulation mode. */
    private final PacketTokens packetTokens;

    public TopologyView(LabViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.netfilter = new NetfilterDrawing(i18n);
        this.tunnels = new TunnelDrawing(drawing.getChildren());
        this.packetTokens = new PacketTokens(tokenLayer, model, this::chip, this::straight, tunnels);
        tokenLayer.setMouseTransparent(true);
        // placed over the drawing by hand, in its coordinates: a token coming or going asks no layout
        tokenLayer.setManaged(false);
        getChildren().addAll(drawing, tokenLayer);
        getStyleClass().add("topology");
        setId("topology");
        details.getStyleClass().add("topology-details");
        details.setWrapText(true);
        model.topology().updateProperty().addListener((obs, was, update) -> {
            if (update.numbersOnly()
                    && was != null
                    && was.topology().namespace("host").isPresent()) {
                // traffic moved the counters: they change in place, the packets travelling the cables go on
                update.topology().namespace("host").ifPresent(host -> showCounters(NetfilterHooks.of(host)));
            } else {
                redraw();
            }
        });
        model.packets().selectedProperty().addListener((Observable obs) -> lightSelectedPacket());
        model.lessons().lastFailureProperty().addListener((Observable obs) -> redraw());
        model.lessons().catchingUpProperty().addListener((Observable obs) -> title.setText(titleText()));
        i18n.languageProperty().addListener((Observable obs) -> redraw());
        model.replayingProperty().addListener((Observable obs) -> redraw());
        model.packets().onSighting(packetTokens::animate);
        model.packets()
                .simulation()
                .currentProperty()
                .addListener((obs, was, sighting) -> packetTokens.showSimulated(sighting));
        redraw();
    }

    /** Keeps the drawing as one picture while {@code wanted} holds (see {@link #drawing}). */
    void cachePicture(ObservableBooleanValue wanted) {
        drawing.cacheProperty().bind(wanted);
    }

    /** Whether the drawing is kept as one picture now. */
    boolean drawnAsPicture() {
        return drawing.isCache();
    }

    /** The tunnels drawn now, each as "hosta/vxlan0—hostb/vxlan0" (or "hosta/vxlan0→REMOTE" for a stub). */
    public List<String> tunnelsDrawn() {
        return tunnels.drawn();
    }

    /** Where the simulation token is ("cable a>b", "at host/br0"), or null when none is shown. */
    public String simulationTokenPlace() {
        return packetTokens.simulationTokenPlace();
    }

    /** The chip of an interface, for tests and for packets travelling the diagram. */
    public Label chip(String namespace, String link) {
        return chips.get(namespace + "/" + link);
    }

    /** The cables drawn now, each as "a/link—b/link" with the two ends sorted. */
    public List<String> cables() {
        return drawing.getChildren().stream()
                .filter(node -> node.getStyleClass().contains("cable"))
                .map(node -> (String) node.getUserData())
                .toList();
    }

    /**
     * What the diagram is: the kernel now, the kernel of a recording, or the kernel now while the steps a run
     * builds on are caught up on (their packets go to the timeline alone, and the title says so).
     */
    private String titleText() {
        if (model.replayingProperty().get()) {
            // a replay shows what the kernel said when the session was recorded, not what it says now
            return i18n.lookup("topology.title.recorded");
        }
        return i18n.lookup(model.lessons().catchingUpProperty().get() ? "topology.title.catchingUp" : "topology.title");
    }

    private void redraw() {
        TopologyViewModel.Update update = model.topology().updateProperty().get();
        Topology topology = update.topology();

        drawing.getChildren().clear();
        chips.clear();
        columnsDrawn.clear();
        packetTokens.cleared();
        title = new Label(titleText());
        title.getStyleClass().add("pane-heading");
        title.relocate(CONTAINER_X, 6);
        drawing.getChildren().add(title);
        if (topology.namespaces().isEmpty()) {
            Label empty = new Label(i18n.lookup("topology.empty"));
            empty.getStyleClass().add("hint");
            empty.relocate(CONTAINER_X, TOP + 10);
            drawing.getChildren().add(empty);
            return;
        }
        tunnels.clear();
        List<Topology.Namespace> otherHosts = otherHosts(topology);
        Map<String, String> homes = homes(topology, otherHosts);
        double bottom = Math.max(
                Math.max(drawContainers(topology, homes, otherHosts), drawHost(topology)), drawOutside(topology));
        bandTop = Double.MAX_VALUE;
        if (!otherHosts.isEmpty()) {
            bandTop = bottom + 40;
            bottom = drawHostsBand(otherHosts, homes, topology, bandTop);
        }
        slots.keepOnly(columnsDrawn);
        drawCables(topology);
        tunnels.draw(otherHosts, this::chip);
        details.relocate(CONTAINER_X, bottom + 12);
        details.setMaxWidth(OUTSIDE_X + OUTSIDE_WIDTH - CONTAINER_X);
        if (details.getText() == null
                || details.getText().isEmpty()
                || details.getText().equals(hintShown)) {
            // the hint follows the language; an interface's description stays until another is clicked
            hintShown = i18n.lookup("topology.details");
            details.setText(hintShown);
        }
        drawing.getChildren().add(details);
        setPrefSize(OUTSIDE_X + OUTSIDE_WIDTH + 40, bottom + 60);
        if (update != highlighted) {
            // once per update: a redraw for the language or a failure does not make the same change glow again
            highlighted = update;
            highlight(update.changedLinks());
        }
        markFailedHop(model.lessons().lastFailureProperty().get());
        // the chips were drawn anew: put the replayed packet back where it is
        packetTokens.showSimulated(
                model.packets().simulation().currentProperty().get());
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
                : drawing.getChildren().stream()
                        .filter(node -> node instanceof Rectangle && namespace.equals(node.getUserData()))
                        .findFirst()
                        .orElse(null);
    }

    /** The containers of the lab host, in the left column; those of a lesson's other hosts go with their host. */
    private double drawContainers(Topology topology, Map<String, String> homes, List<Topology.Namespace> hosts) {
        double y = TOP;
        List<Topology.Namespace> containers = topology.namespaces().stream()
                .filter(ns ->
                        ns.role() == Topology.Role.CONTAINER && !homes.containsKey(ns.name()) && !hosts.contains(ns))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        for (Topology.Namespace ns : containers) {
            y = drawNamespaceBox(ns, CONTAINER_X, y, CONTAINER_WIDTH, "container-box") + 14;
        }
        return y;
    }

    /** The namespaces the lessons say play machines of their own (the overlay's hosta and hostb), by name. */
    private List<Topology.Namespace> otherHosts(Topology topology) {
        Set<String> declared = new HashSet<>();
        model.lessons().curriculum().lessons().forEach(lesson -> declared.addAll(lesson.hosts()));
        return topology.namespaces().stream()
                .filter(ns -> declared.contains(ns.name()) && ns.role() == Topology.Role.CONTAINER)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** Each container whose veth leads into one of {@code hosts}: container → its host. */
    private static Map<String, String> homes(Topology topology, List<Topology.Namespace> hosts) {
        Set<String> hostNames = new HashSet<>();
        hosts.forEach(host -> hostNames.add(host.name()));
        Map<String, String> homes = new HashMap<>();
        for (Topology.Namespace ns : topology.namespaces()) {
            if (ns.role() != Topology.Role.CONTAINER || hostNames.contains(ns.name())) {
                continue;
            }
            ns.links().stream()
                    .filter(link -> link.peer() != null
                            && hostNames.contains(link.peer().namespace()))
                    .findFirst()
                    .ifPresent(link -> homes.put(ns.name(), link.peer().namespace()));
        }
        return homes;
    }

    /**
     * A lesson's other hosts side by side below the lab host, each with its containers on its outer side (the
     * first half's on their left, the others' on their right), so that the middle is left to the tunnels
     * between them ({@link #drawTunnels}). Returns the band's bottom.
     */
    private double drawHostsBand(
            List<Topology.Namespace> hosts, Map<String, String> homes, Topology topology, double top) {
        double width = OUTSIDE_X + OUTSIDE_WIDTH - CONTAINER_X;
        double pair = BAND_CONTAINER_WIDTH + 20 + BAND_HOST_WIDTH;
        double bottom = top;
        for (int i = 0; i < hosts.size(); i++) {
            Topology.Namespace host = hosts.get(i);
            boolean containersLeft = i < (hosts.size() + 1) / 2;
            double x = CONTAINER_X + (hosts.size() == 1 ? 0 : (width - pair) * i / (hosts.size() - 1));
            double hostX = containersLeft ? x + BAND_CONTAINER_WIDTH + 20 : x;
            double containerX = containersLeft ? x : x + BAND_HOST_WIDTH + 20;
            bottom = Math.max(
                    bottom,
                    drawNamespaceBox(host, hostX, top, BAND_HOST_WIDTH, "host-box", i18n.lookup("topology.otherHost")));
            double y = top;
            for (Topology.Namespace ns : topology.namespaces()) {
                if (host.name().equals(homes.get(ns.name()))) {
                    y = drawNamespaceBox(ns, containerX, y, BAND_CONTAINER_WIDTH, "container-box") + 14;
                }
            }
            bottom = Math.max(bottom, y);
        }
        return bottom;
    }

    private double drawOutside(Topology topology) {
        double y = TOP;
        if (List.of("router", "remote", "internet").stream()
                .noneMatch(name -> topology.namespace(name).isPresent())) {
            // two lab hosts joined have no outside world: no heading over nothing
            return y;
        }
        Label heading = new Label(i18n.lookup("topology.outside"));
        heading.getStyleClass().add("area-heading");
        heading.relocate(OUTSIDE_X, y - 4);
        drawing.getChildren().add(heading);
        y += 18;
        for (String name : List.of("router", "remote", "internet")) {
            var ns = topology.namespace(name);
            if (ns.isPresent()) {
                y = drawNamespaceBox(ns.get(), OUTSIDE_X, y, OUTSIDE_WIDTH, "outside-box") + 14;
            }
        }
        return y;
    }

    /**
     * A namespace as a titled box of interface chips and its routes; a bridge of its own is a switch drawn
     * around its ports (the router's lan0). Each chip keeps the row it first had; returns the box's bottom.
     */
    private double drawNamespaceBox(Topology.Namespace ns, double x, double y, double width, String style) {
        return drawNamespaceBox(ns, x, y, width, style, "");
    }

    /** {@link #drawNamespaceBox} with a note after its name ("a host of its own"). */
    private double drawNamespaceBox(
            Topology.Namespace ns, double x, double y, double width, String style, String note) {
        List<Topology.Link> links =
                ns.links().stream().filter(link -> !"lo".equals(link.name())).toList();
        List<String> routes = routesOf(ns);
        Map<String, Integer> rows = slots.assign(column(ns.name()), switchesFirst(ns, links));
        int rowCount = Math.max(MIN_BOX_ROWS, StableSlots.height(rows));
        double top = y + 28;
        double height = 30 + rowCount * (CHIP_HEIGHT + GAP) + Math.max(MIN_BOX_ROUTES, routes.size()) * 18 + 8;
        Rectangle box = box(x, y, width, height, style);
        box.setUserData(ns.name());
        drawing.getChildren().add(box);
        Label name =
                new Label(ns.name() + (note.isEmpty() ? "" : "  " + note) + (ns.forwarding() ? "   ip_forward=1" : ""));
        name.getStyleClass().add("box-title");
        name.relocate(x + 8, y + 5);
        drawing.getChildren().add(name);
        Set<String> ports = new HashSet<>();
        for (Topology.Link bridge : links) {
            if ("bridge".equals(bridge.kind())) {
                List<Integer> spanned = new ArrayList<>(List.of(rows.get(bridge.name())));
                ns.portsOf(bridge.name()).forEach(port -> {
                    ports.add(port.name());
                    spanned.add(rows.get(port.name()));
                });
                drawSwitch(x + 4, rowY(top, min(spanned)), width - 8, rowY(top, max(spanned)));
            }
        }
        for (Topology.Link link : links) {
            double indent = ports.contains(link.name()) ? 14 : 0;
            Label chip = addChip(ns, link, x + 8 + indent, rowY(top, rows.get(link.name())), width - 16 - indent);
            if (indent > 0) {
                chip.getStyleClass().add("bridge-port");
            }
        }
        double cy = rowY(top, rowCount);
        for (String route : routes) {
            Label line = new Label(route);
            line.getStyleClass().add("route");
            line.relocate(x + 10, cy);
            drawing.getChildren().add(line);
            cy += 18;
        }
        return y + height;
    }

    /** The order new chips take rows in: each bridge, then its ports, then the rest. */
    private static List<String> switchesFirst(Topology.Namespace ns, List<Topology.Link> links) {
        Set<String> order = new java.util.LinkedHashSet<>();
        for (Topology.Link link : links) {
            if ("bridge".equals(link.kind())) {
                order.add(link.name());
                ns.portsOf(link.name()).forEach(port -> order.add(port.name()));
            }
        }
        links.forEach(link -> order.add(link.name()));
        return new ArrayList<>(order);
    }

    /** A switch: a box around the rows from {@code fromY} to the chip row at {@code toY}, behind its chips. */
    private void drawSwitch(double x, double fromY, double width, double toY) {
        drawing.getChildren().add(box(x, fromY - 4, width, toY - fromY + CHIP_HEIGHT + 8, "bridge-box"));
    }

    private static double rowY(double top, int row) {
        return top + row * (CHIP_HEIGHT + GAP);
    }

    private String column(String name) {
        columnsDrawn.add(name);
        return name;
    }

    private static int min(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    private static int max(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static List<String> routesOf(Topology.Namespace ns) {
        return ns.routes().stream()
                .filter(route -> route.gateway() != null)
                .map(route -> route.destination() + " via " + route.gateway())
                .toList();
    }

    /**
     * The host: its links in two columns — veths and other ports on the left, bridges and the uplink on the
     * right — each bridge a switch drawn around its ports with the wires of its backplane; then its routes,
     * ip_forward, and its netfilter where it acts ({@link NetfilterDrawing}). Chips keep their rows.
     */
    private double drawHost(Topology topology) {
        Topology.Namespace host = topology.namespace("host").orElse(null);
        if (host == null) {
            return TOP;
        }
        List<Topology.Link> links =
                host.links().stream().filter(link -> !"lo".equals(link.name())).toList();
        List<String> uplinks = links.stream()
                .filter(link -> isUplink(topology, link))
                .map(Topology.Link::name)
                .toList();
        List<String> bridges = links.stream()
                .filter(link -> "bridge".equals(link.kind()))
                .map(Topology.Link::name)
                .toList();
        List<String> others = links.stream()
                .map(Topology.Link::name)
                .filter(name -> !uplinks.contains(name) && !bridges.contains(name))
                .toList();
        Map<String, Integer> uplinkRows = slots.assign(column("host/uplinks"), uplinks);
        Map<String, Integer> leftRows = slots.assign(column("host/left"), others);
        Map<String, Integer> rightRows = slots.assign(column("host/bridges"), bridges);
        int rowCount = Math.max(MIN_HOST_ROWS, Math.max(StableSlots.height(leftRows), StableSlots.height(rightRows)));
        double y = TOP;
        double left = HOST_X + 10;
        double right = left + PORT_WIDTH + 24;
        double rightWidth = HOST_X + HOST_WIDTH - 10 - right;
        // the uplinks first, on the side of the outside world: the lab is built on them, so the rows below stay
        for (Topology.Link link : links) {
            if (uplinkRows.containsKey(link.name())) {
                addChip(host, link, right, rowY(y + 26, uplinkRows.get(link.name())), rightWidth);
            }
        }
        double top = rowY(y + 30, StableSlots.height(uplinkRows));
        for (Topology.Link link : links) {
            if (!rightRows.containsKey(link.name())) {
                continue;
            }
            List<Topology.Link> ports = host.portsOf(link.name()).stream()
                    .filter(port -> leftRows.containsKey(port.name()))
                    .toList();
            List<Integer> spanned = new ArrayList<>(List.of(rightRows.get(link.name())));
            ports.forEach(port -> spanned.add(leftRows.get(port.name())));
            drawSwitch(left - 5, rowY(top, min(spanned)), HOST_WIDTH - 10, rowY(top, max(spanned)));
            double bridgeY = rowY(top, rightRows.get(link.name()));
            addChip(host, link, right, bridgeY, rightWidth - 62);
            Label kind = new Label(i18n.lookup("topology.bridge"));
            kind.getStyleClass().add("box-note");
            kind.relocate(right + rightWidth - 56, bridgeY + 4);
            drawing.getChildren().add(kind);
            drawBackplane(
                    ports.stream()
                            .map(port -> rowY(top, leftRows.get(port.name())))
                            .toList(),
                    left,
                    right,
                    bridgeY);
        }
        for (Topology.Link link : links) {
            if (leftRows.containsKey(link.name())) {
                Label chip = addChip(host, link, left, rowY(top, leftRows.get(link.name())), PORT_WIDTH);
                if (link.master() != null) {
                    chip.getStyleClass().add("bridge-port");
                }
            }
        }
        double inner = rowY(top, rowCount);
        for (String route : routesOf(host)) {
            Label line = new Label(route);
            line.getStyleClass().add("route");
            line.relocate(left, inner);
            drawing.getChildren().add(line);
            inner += 18;
        }
        inner += Math.max(0, MIN_BOX_ROUTES - routesOf(host).size()) * 18 + 6;
        Label forwarding = new Label(i18n.lookup("topology.forwarding") + " = " + (host.forwarding() ? "1" : "0"));
        forwarding.getStyleClass().addAll("forwarding", host.forwarding() ? "on" : "off");
        forwarding.setId("forwarding");
        forwarding.relocate(left, inner);
        drawing.getChildren().add(forwarding);
        inner += 28;
        NetfilterHooks hooks = NetfilterHooks.of(host);
        javafx.scene.layout.Pane stage = netfilter.draw(hooks, HOST_WIDTH - 20);
        stage.relocate(left, inner);
        drawing.getChildren().add(stage);
        showCounters(hooks);
        lightSelectedPacket();
        inner += stage.getPrefHeight() + 10;
        List<String> probe =
                probeLines(host.name(), model.lessons().lastFailureProperty().get());
        if (!probe.isEmpty()) {
            Label traced = new Label(String.join("\n", probe));
            traced.getStyleClass().add("probe-path");
            traced.setWrapText(true);
            traced.setMaxWidth(HOST_WIDTH - 20);
            traced.relocate(left, inner);
            drawing.getChildren().add(traced);
            inner += probe.size() * 18 + 8;
        }
        Rectangle hostBox = box(HOST_X, y, HOST_WIDTH, inner - y, "host-box");
        hostBox.setUserData(host.name());
        drawing.getChildren().add(0, hostBox);
        Label title = new Label(i18n.lookup("topology.host"));
        title.getStyleClass().add("box-title");
        title.relocate(HOST_X + 8, y + 5);
        drawing.getChildren().add(title);
        return inner;
    }

    /** Whether a host link leads to the outside world (its uplink), drawn on the host's right side. */
    private static boolean isUplink(Topology topology, Topology.Link link) {
        return link.peer() != null
                && !link.peer().namespace().startsWith("docker")
                && topology.namespace(link.peer().namespace())
                        .map(ns -> ns.role() == Topology.Role.OUTSIDE)
                        .orElse(false);
    }

    /** The switch's backplane: a wire from each port to one bus, and the bus to the bridge's own chip. */
    private void drawBackplane(List<Double> portYs, double left, double right, double bridgeY) {
        double bus = right - 10;
        double bridgeMid = bridgeY + CHIP_HEIGHT / 2;
        double lowest = bridgeMid;
        double highest = bridgeMid;
        for (double portY : portYs) {
            double mid = portY + CHIP_HEIGHT / 2;
            wire(left + PORT_WIDTH, mid, bus, mid);
            lowest = Math.max(lowest, mid);
            highest = Math.min(highest, mid);
        }
        wire(bus, highest, bus, lowest);
        wire(bus, bridgeMid, right, bridgeMid);
    }

    private void wire(double x1, double y1, double x2, double y2) {
        Line wire = new Line(x1, y1, x2, y2);
        wire.getStyleClass().add("port-wire");
        drawing.getChildren().add(wire);
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

    /** The counters as the kernel counts now; those that grew since last shown flash. */
    private void showCounters(NetfilterHooks hooks) {
        netfilter.count(hooks, hooks.countedSince(countersShown));
        countersShown = hooks.counters();
    }

    /** The packet selected in the timeline lights the hooks it crossed and the rules it met. */
    private void lightSelectedPacket() {
        var row = model.packets().selectedProperty().get();
        netfilter.light(
                row == null
                        ? NetfilterHooks.Met.NOTHING
                        : model.packets()
                                .netfilterPath(row)
                                .map(NetfilterHooks::met)
                                .orElse(NetfilterHooks.Met.NOTHING));
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
        drawing.getChildren().add(chip);
        return chip;
    }

    private void drawCables(Topology topology) {
        Set<String> drawn = new HashSet<>();
        int lanes = 0;
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
                boolean fromBand = from.getLayoutY() >= bandTop;
                Shape cable = fromBand == to.getLayoutY() >= bandTop
                        ? cable(from, to)
                        : upFromTheBand(fromBand ? from : to, fromBand ? to : from, lanes++);
                cable.getStyleClass().add("cable");
                cable.setUserData(key);
                drawing.getChildren().add(cable);
                if (!"veth".equals(link.kind())) {
                    // only a joined lab gives a link other than a veth a peer: the network its lab hosts share,
                    // which neither kernel shows, said as such
                    drawing.getChildren().add(sharedNetworkNote(from, to));
                }
            }
        }
    }

    private Label sharedNetworkNote(Label from, Label to) {
        Point2D[] ends = nearestEdges(from, to);
        Label note = new Label(i18n.lookup("topology.sharedNetwork"));
        note.getStyleClass().add("shared-network-label");
        note.setTooltip(new javafx.scene.control.Tooltip(i18n.lookup("topology.sharedNetwork.tip")));
        note.setPrefWidth(150);
        note.setAlignment(javafx.geometry.Pos.CENTER);
        // under the cable, in the gap between the two hosts' boxes
        note.relocate((ends[0].getX() + ends[1].getX()) / 2 - 75, (ends[0].getY() + ends[1].getY()) / 2 + 3);
        return note;
    }

    /** Whether the cable between two chips is one straight line ({@link #cable}), not a bracket or a route. */
    private boolean straight(Label from, Label to) {
        boolean bothInTheBand = from.getLayoutY() >= bandTop && to.getLayoutY() >= bandTop;
        boolean bothAbove = from.getLayoutY() < bandTop && to.getLayoutY() < bandTop;
        return (bothInTheBand || bothAbove) && Math.abs(from.getLayoutX() - to.getLayoutX()) >= BRACKET_SPAN;
    }

    /**
     * A straight cable between the facing sides of two chips; between chips of one column (the router and
     * the machines behind it) a bracket along their right sides, so it never crosses a box.
     */
    static Shape cable(Label from, Label to) {
        if (Math.abs(from.getLayoutX() - to.getLayoutX()) < BRACKET_SPAN) {
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

    /**
     * A cable from a chip in the band of other hosts up to one above it (the lab host's underlay port): out of
     * its box to the left, up to a channel of its own above the band, along it to a lane of its own in the gap
     * left of the lab host, up that lane, and in from the left: it crosses no box.
     */
    private Shape upFromTheBand(Label below, Label above, int lane) {
        double laneX = HOST_X - 14 - lane * 8;
        double channelY = bandTop - 26 - lane * 6;
        double startY = below.getLayoutY() + CHIP_HEIGHT / 2;
        double outside = below.getLayoutX() - 16;
        double endY = above.getLayoutY() + CHIP_HEIGHT / 2;
        Polyline route = new Polyline(
                below.getLayoutX(),
                startY,
                outside,
                startY,
                outside,
                channelY,
                laneX,
                channelY,
                laneX,
                endY,
                above.getLayoutX(),
                endY);
        route.setFill(null);
        return route;
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
                FxDelay.run(2_500, () -> chip.pseudoClassStateChanged(CHANGED, false));
            }
        }
    }

    /** The host's netfilter panel as drawn last. */
    NetfilterDrawing netfilter() {
        return netfilter;
    }

    List<Node> nodes() {
        return drawing.getChildren();
    }
}
