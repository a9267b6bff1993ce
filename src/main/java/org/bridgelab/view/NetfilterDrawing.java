package org.bridgelab.view;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * The host's netfilter drawn where it acts: the packet path with its five hooks (PREROUTING where packets
 * enter, the routing decision, FORWARD, POSTROUTING where they leave; INPUT and OUTPUT around the host's own
 * processes), then each hook's rules in the kernel's own text, broken only between options, with a counter
 * that flashes when it grows. A packet selected in the timeline lights the hooks it crossed and the rules it
 * met ({@link #light}).
 */
final class NetfilterDrawing {
    static final PseudoClass MET = PseudoClass.getPseudoClass("met");
    static final PseudoClass COUNTED = PseudoClass.getPseudoClass("counted");
    private static final double PAD = 8;
    private static final double HOOK_HEIGHT = 20;
    /** DejaVu Sans Mono at the rules' 11 px: the width of one character. */
    private static final double CHAR_WIDTH = 6.7;

    private static final double LINE_HEIGHT = 15;
    private static final double TABLE_WIDTH = 56;
    private static final double COUNTER_WIDTH = 62;

    private final I18n i18n;
    private final Map<String, Label> hookBoxes = new HashMap<>();
    private final Map<String, Label> entryTexts = new HashMap<>();
    private final Map<String, Label> counters = new HashMap<>();

    NetfilterDrawing(I18n i18n) {
        this.i18n = i18n;
    }

    /** The panel for {@code hooks}, {@code width} wide, its nodes placed inside it. */
    Pane draw(NetfilterHooks hooks, double width) {
        hookBoxes.clear();
        entryTexts.clear();
        counters.clear();
        Pane panel = new Pane();
        panel.getStyleClass().add("netfilter");
        panel.setId("netfilter");
        Label title = label(i18n.lookup("topology.netfilter"), "netfilter-title");
        title.relocate(PAD, 4);
        panel.getChildren().add(title);
        double y = drawPath(panel, 26) + 8;
        int columns = (int) ((width - 2 * PAD - TABLE_WIDTH - COUNTER_WIDTH) / CHAR_WIDTH);
        if (!hooks.hasEntries()) {
            Label none = label(i18n.lookup("topology.norules"), "netfilter-note");
            none.relocate(PAD, y);
            panel.getChildren().add(none);
            y += LINE_HEIGHT + 4;
        }
        for (NetfilterHooks.Group group : hooks.groups()) {
            if (group.entries().isEmpty()) {
                continue;
            }
            Label heading = label(
                    group.hook() ? group.chain() : MessageFormat.format(i18n.lookup("topology.chain"), group.chain()),
                    "hook-heading");
            heading.relocate(PAD, y);
            panel.getChildren().add(heading);
            y += LINE_HEIGHT + 2;
            for (NetfilterHooks.Entry entry : group.entries()) {
                y = drawEntry(panel, entry, y, width, columns);
            }
            y += 3;
        }
        if (hooks.traceRulesLeftOut()) {
            Label note = label(i18n.lookup("topology.traceRules"), "netfilter-note");
            note.setWrapText(true);
            note.setMaxWidth(width - 2 * PAD);
            note.relocate(PAD, y);
            panel.getChildren().add(note);
            y += 2 * LINE_HEIGHT;
        }
        panel.setPrefSize(width, y + PAD);
        panel.setMinSize(width, y + PAD);
        panel.setMaxSize(width, y + PAD);
        return panel;
    }

    private double drawEntry(Pane panel, NetfilterHooks.Entry entry, double y, double width, int columns) {
        Label table = label(entry.table(), "rule-table");
        table.relocate(PAD + 4, y);
        List<String> lines = entry.policy() ? List.of(entry.text()) : NetfilterHooks.wrap(entry.text(), columns);
        Label text = label(String.join("\n  ", lines), "rule-text");
        text.relocate(PAD + TABLE_WIDTH, y);
        text.setUserData(entry.key());
        Label counter = label(counted(entry.packets()), "rule-counter");
        counter.setMinWidth(COUNTER_WIDTH - 4);
        counter.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        counter.relocate(width - PAD - COUNTER_WIDTH + 4, y);
        panel.getChildren().addAll(table, text, counter);
        entryTexts.put(entry.key(), text);
        counters.put(entry.key(), counter);
        return y + lines.size() * LINE_HEIGHT + 3;
    }

    /**
     * The path, as a forwarded packet takes it along the top row and a packet for or from the host's own
     * processes dips through INPUT and OUTPUT below; returns its bottom.
     */
    private double drawPath(Pane panel, double top) {
        double low = top + HOOK_HEIGHT + 16;
        double mid = top + HOOK_HEIGHT / 2;
        Label prerouting = hook(panel, "PREROUTING", PAD, top, 84);
        Label routing = label(i18n.lookup("topology.routing"), "routing-decision");
        routing.setPrefSize(56, HOOK_HEIGHT);
        routing.setAlignment(javafx.geometry.Pos.CENTER);
        routing.relocate(PAD + 98, top);
        panel.getChildren().add(routing);
        Label forward = hook(panel, "FORWARD", PAD + 168, top, 70);
        Label postrouting = hook(panel, "POSTROUTING", PAD + 252, top, 92);
        Label input = hook(panel, "INPUT", PAD + 98, low, 56);
        Label processes = label(i18n.lookup("topology.processes"), "processes");
        processes.relocate(PAD + 160, low + 3);
        panel.getChildren().add(processes);
        Label output = hook(panel, "OUTPUT", PAD + 264, low, 64);
        arrow(panel, right(prerouting), mid, routing.getLayoutX(), mid);
        arrow(panel, right(routing), mid, forward.getLayoutX(), mid);
        arrow(panel, right(forward), mid, postrouting.getLayoutX(), mid);
        double down = routing.getLayoutX() + 28;
        arrow(panel, down, top + HOOK_HEIGHT, down, low);
        double up = output.getLayoutX() + 32;
        arrow(panel, up, low, up, top + HOOK_HEIGHT);
        arrow(panel, right(input), low + HOOK_HEIGHT / 2, processes.getLayoutX() - 2, low + HOOK_HEIGHT / 2);
        return low + HOOK_HEIGHT;
    }

    private Label hook(Pane panel, String name, double x, double y, double width) {
        Label hook = label(name, "hook");
        hook.setPrefSize(width, HOOK_HEIGHT);
        hook.setAlignment(javafx.geometry.Pos.CENTER);
        hook.relocate(x, y);
        hook.setUserData(name);
        panel.getChildren().add(hook);
        hookBoxes.put(name, hook);
        return hook;
    }

    private static double right(Label label) {
        return label.getLayoutX() + label.getPrefWidth();
    }

    /** A line with its head at (x2, y2). */
    private static void arrow(Pane panel, double x1, double y1, double x2, double y2) {
        Line line = new Line(x1, y1, x2, y2);
        line.getStyleClass().add("hook-flow");
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double size = 5;
        Polygon head = new Polygon(
                x2,
                y2,
                x2 - size * Math.cos(angle - 0.45),
                y2 - size * Math.sin(angle - 0.45),
                x2 - size * Math.cos(angle + 0.45),
                y2 - size * Math.sin(angle + 0.45));
        head.getStyleClass().add("hook-flow-head");
        panel.getChildren().addAll(line, head);
    }

    private static Label label(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        return label;
    }

    private String counted(long packets) {
        return MessageFormat.format(i18n.lookup("topology.packets"), packets);
    }

    /** Lights the hooks and entries a selected packet met; everything else goes dark. */
    void light(NetfilterHooks.Met met) {
        hookBoxes.forEach(
                (name, box) -> box.pseudoClassStateChanged(MET, met.hooks().contains(name)));
        entryTexts.forEach(
                (key, text) -> text.pseudoClassStateChanged(MET, met.entries().contains(key)));
    }

    /** Shows {@code hooks}' counters; those in {@code grown} flash, with their hook, for a moment. */
    void count(NetfilterHooks hooks, Set<String> grown) {
        for (NetfilterHooks.Group group : hooks.groups()) {
            for (NetfilterHooks.Entry entry : group.entries()) {
                Label counter = counters.get(entry.key());
                if (counter == null) {
                    continue;
                }
                counter.setText(counted(entry.packets()));
                if (grown.contains(entry.key())) {
                    flash(counter);
                    if (hookBoxes.containsKey(group.chain())) {
                        flash(hookBoxes.get(group.chain()));
                    }
                }
            }
        }
    }

    private static void flash(Node node) {
        node.pseudoClassStateChanged(COUNTED, true);
        FxDelay.run(900, () -> node.pseudoClassStateChanged(COUNTED, false));
    }

    /** The counter shown for an entry (for tests): "2 pkts", or null when it is not drawn. */
    String counterText(String key) {
        Label counter = counters.get(key);
        return counter == null ? null : counter.getText();
    }

    /** Whether an entry's counter is flashing now (for tests). */
    boolean isCounting(String key) {
        Label counter = counters.get(key);
        return counter != null && counter.getPseudoClassStates().contains(COUNTED);
    }

    /** Whether a hook box or an entry is lit now (for tests). */
    boolean isLit(String hookOrKey) {
        Label shown = hookBoxes.containsKey(hookOrKey) ? hookBoxes.get(hookOrKey) : entryTexts.get(hookOrKey);
        return shown != null && shown.getPseudoClassStates().contains(MET);
    }
}
