package org.bridgelab.view;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Every key the window answers, where it works, in the learner's language: F1 (or the host bar's Keys) shows
 * it over the window, F1 or Esc takes it away. The list is the keys' own: each entry names the code that
 * handles it, so a key added there belongs here.
 */
final class KeysHelp extends VBox {
    /**
     * Keys and what they do (a message key). The keys are as printed on the keyboard, the same in every
     * language, unless {@code keysAreWords}: then {@code keys} is a message key too ("drag").
     */
    record Entry(String keys, String does, boolean keysAreWords) {
        Entry(String keys, String does) {
            this(keys, does, false);
        }
    }

    /** A group of keys that work in one place. */
    record Section(String where, List<Entry> entries) {}

    static final List<Section> SECTIONS = List.of(
            // MainWindow.installShortcuts and ZoomPane.installShortcuts: taken before the focused control
            new Section(
                    "keys.anywhere",
                    List.of(
                            new Entry("F1", "keys.help"),
                            new Entry("Ctrl+Enter", "keys.run"),
                            new Entry("Ctrl+PageDown  ·  Ctrl+PageUp", "keys.steps"),
                            new Entry("F9", "keys.lessons"),
                            new Entry("Ctrl +  ·  Ctrl −  ·  Ctrl 0", "keys.zoom"))),
            // ConsolePane.recall
            new Section(
                    "keys.console",
                    List.of(
                            new Entry("↑  ·  ↓    Ctrl-P  ·  Ctrl-N", "keys.history"),
                            new Entry("Ctrl-R", "keys.search"),
                            new Entry("Tab", "keys.complete"),
                            new Entry("Ctrl-C", "keys.interrupt"),
                            new Entry("Ctrl-D", "keys.end-input"))),
            // ScaledToFit, and the buttons over the diagram (MainWindow.withZoomButtons)
            new Section(
                    "keys.diagram",
                    List.of(
                            new Entry("Ctrl + scroll", "keys.diagram-zoom"),
                            new Entry("keys.diagram-move.keys", "keys.diagram-move", true))),
            // TimelineView.moveSelection and SimulationBar.handle
            new Section(
                    "keys.timeline",
                    List.of(new Entry("↑  ·  ↓", "keys.packets"), new Entry("←  ·  →", "keys.simulation"))));

    KeysHelp(I18n i18n, Runnable close) {
        setId("keys-help");
        getStyleClass().add("keys-help");
        setFillWidth(true);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        Label title = new Label();
        title.textProperty().bind(i18n.text("keys.title"));
        title.getStyleClass().add("keys-help-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button closing = new Button("×");
        closing.setId("keys-help-close");
        closing.setOnAction(event -> close.run());
        HBox top = new HBox(8, title, spacer, closing);
        top.setAlignment(Pos.CENTER_LEFT);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("keys-help-grid");
        int row = 0;
        for (Section section : SECTIONS) {
            Label where = new Label();
            where.textProperty().bind(i18n.text(section.where()));
            where.getStyleClass().add("keys-help-where");
            grid.add(where, 0, row++, 2, 1);
            for (Entry entry : section.entries()) {
                Label keys = new Label();
                if (entry.keysAreWords()) {
                    keys.textProperty().bind(i18n.text(entry.keys()));
                } else {
                    keys.setText(entry.keys());
                }
                keys.getStyleClass().add("keys-help-keys");
                keys.setMinWidth(Region.USE_PREF_SIZE);
                Label does = new Label();
                does.textProperty().bind(i18n.text(entry.does()));
                does.setWrapText(true);
                does.setMaxWidth(360);
                grid.add(keys, 0, row);
                grid.add(does, 1, row++);
            }
        }
        getChildren().addAll(top, grid);
    }
}
