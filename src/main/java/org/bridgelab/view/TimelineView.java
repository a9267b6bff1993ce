package org.bridgelab.view;

import java.io.File;
import java.util.List;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.TimelineRow;

/**
 * A sequence diagram of the captured packets: one lane per node, each packet an arrow labelled in plain
 * words, NAT noted where it happened. Drawn on one canvas, only the rows in view, so 100k packets scroll
 * as smoothly as ten. Filters, pause, clear, pcap export, and the selected packet's details below.
 */
public final class TimelineView extends BorderPane {
    static final double ROW_HEIGHT = 22;
    private static final double HEADER = 26;
    private static final double TIME_COLUMN = 64;
    private static final double POINT_COLUMN = 120;

    private final PacketTimelineViewModel model;
    private final I18n i18n;
    private final Canvas canvas = new Canvas();
    /**
     * The window's zoom: the canvas has that many pixels per point and is drawn scaled, so its text stays
     * sharp when the window is zoomed for a room (a bitmap scaled up would blur).
     */
    private final javafx.beans.property.DoubleProperty renderScale = new javafx.beans.property.SimpleDoubleProperty(1);

    private final ScrollBar scroll = new ScrollBar();
    private final Label status = new Label();
    private final SimulationBar simulationBar;
    private boolean followTail = true;
    /** Set while the view itself scrolls to follow new packets, so that this does not count as the learner's. */
    private boolean followingTail;
    /**
     * Whether the timeline can be seen (its tab is the one selected). A hidden canvas still has every drawing
     * command carried out by the renderer, frame after frame while packets come in: hidden, the timeline
     * only notes that it is behind, and catches up once it is shown.
     */
    private final javafx.beans.property.BooleanProperty shown =
            new javafx.beans.property.SimpleBooleanProperty(this, "shown", true);
    /** New packets, or anything else drawn, came while the timeline was hidden. */
    private boolean behind;

    public TimelineView(PacketTimelineViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.simulationBar = new SimulationBar(model.simulation(), i18n);
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("timeline");
        setId("timeline");
        // a narrow (or zoomed) window wraps the tools onto a second line rather than cutting them to "…"
        javafx.scene.layout.FlowPane tools = new javafx.scene.layout.FlowPane(6, 4);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("timeline-tools");
        for (PacketTimelineViewModel.Kind kind : PacketTimelineViewModel.Kind.values()) {
            ToggleButton toggle = new ToggleButton(kind.label());
            toggle.setId("filter-" + kind.name().toLowerCase());
            toggle.setSelected(model.shows(kind));
            toggle.getStyleClass().addAll("filter", "kind-" + kind.name().toLowerCase());
            toggle.selectedProperty().addListener((obs, was, shown) -> model.show(kind, shown));
            tools.getChildren().add(toggle);
        }
        ComboBox<String> point = new ComboBox<>();
        point.setId("filter-point");
        // the first item stands for every point, worded in the window's language
        point.getItems().add(i18n.lookup("timeline.allPoints"));
        point.getSelectionModel().selectFirst();
        Runnable refillPoints = () -> {
            int chosenIndex = point.getSelectionModel().getSelectedIndex();
            String chosen = chosenIndex > 0 ? point.getValue() : null;
            // the points after the first item change; the first, when chosen, stays the very item shown (a
            // combo box whose chosen item is replaced by an equal one can show nothing at all)
            point.getItems().remove(1, point.getItems().size());
            point.getItems().addAll(model.points());
            if (!point.getItems().get(0).equals(i18n.lookup("timeline.allPoints"))) {
                point.getItems().set(0, i18n.lookup("timeline.allPoints"));
            }
            point.getSelectionModel()
                    .select(chosen == null ? 0 : Math.max(0, point.getItems().indexOf(chosen)));
        };
        model.points().addListener((Observable obs) -> refillPoints.run());
        i18n.languageProperty().addListener((Observable obs) -> {
            refillPoints.run();
            showCount();
        });
        point.valueProperty()
                .addListener((obs, was, chosen) ->
                        model.choosePoint(point.getSelectionModel().getSelectedIndex() <= 0 ? null : chosen));
        ToggleButton pause = new ToggleButton();
        pause.setId("timeline-pause");
        pause.textProperty().bind(i18n.text("timeline.pause"));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        Button clear = new Button();
        clear.setId("timeline-clear");
        clear.textProperty().bind(i18n.text("timeline.clear"));
        clear.setOnAction(event -> model.clear());
        Button export = new Button();
        export.setId("timeline-export");
        export.textProperty().bind(i18n.text("timeline.export"));
        export.setOnAction(event -> exportPcap());
        ToggleButton simulate = new ToggleButton();
        simulate.setId("timeline-simulate");
        simulate.textProperty().bind(i18n.text("simulation.start"));
        simulate.setSelected(false);
        model.simulation().activeProperty().addListener((obs, was, on) -> simulate.setSelected(on));
        simulate.setOnAction(event -> {
            if (simulate.isSelected()) {
                model.simulation().start();
            } else {
                model.simulation().live();
            }
        });
        status.setId("timeline-count");
        status.getStyleClass().add("hint");
        Label problem = new Label();
        problem.setId("timeline-capture-problem");
        problem.getStyleClass().add("capture-problem");
        problem.textProperty().bind(model.captureProblemProperty());
        problem.visibleProperty().bind(model.captureProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setMinWidth(0);
        tools.getChildren().addAll(point, pause, clear, export, simulate, status, problem);

        Pane drawing = new Pane(canvas);
        drawing.setMinSize(0, 0);
        canvas.widthProperty().bind(drawing.widthProperty().multiply(renderScale));
        canvas.heightProperty().bind(drawing.heightProperty().multiply(renderScale));
        javafx.scene.transform.Scale toPoints = new javafx.scene.transform.Scale();
        toPoints.xProperty().bind(javafx.beans.binding.Bindings.divide(1.0, renderScale));
        toPoints.yProperty().bind(toPoints.xProperty());
        canvas.getTransforms().add(toPoints);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setMin(0);
        BorderPane lanes = new BorderPane(drawing);
        lanes.setRight(scroll);
        SplitPane split = new SplitPane(lanes, new PacketDetailView(model, i18n));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        HBox.setHgrow(status, Priority.ALWAYS);
        setTop(new VBox(tools, simulationBar));
        setCenter(split);
        addEventFilter(KeyEvent.KEY_PRESSED, simulationBar::handle);
    }

    /** The rows as they are now: the scroll bar's range, the newest in view if followed, the count, the canvas. */
    private void showRows() {
        if (!shown.get()) {
            behind = true;
            return;
        }
        int rows = model.rows().size();
        scroll.setMax(Math.max(0, rows - visibleRows()));
        if (followTail) {
            // new packets come in at the bottom, but never push the step's first packet out of view
            int anchor = model.anchorIndex();
            followingTail = true;
            scroll.setValue(anchor < 0 ? scroll.getMax() : Math.min(scroll.getMax(), anchor));
            followingTail = false;
        }
        showCount();
        draw();
    }

    /** Whether the timeline can be seen; bound to its tab's selection (see {@link #shown}). */
    public javafx.beans.property.BooleanProperty shownProperty() {
        return shown;
    }

    private void showCount() {
        String count = i18n.lookup("timeline.count")
                .replace("{0}", String.valueOf(model.rows().size()));
        int held = model.heldProperty().get();
        status.setText(
                held == 0 ? count : count + " · " + i18n.lookup("timeline.held").replace("{0}", String.valueOf(held)));
    }

    private void initListeners() {
        // the canvas paints the theme's colours itself: a switch of theme (the scene's stylesheets) repaints it
        javafx.collections.ListChangeListener<String> themeChanged = change -> draw();
        sceneProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.getStylesheets().removeListener(themeChanged);
            }
            if (now != null) {
                now.getStylesheets().addListener(themeChanged);
            }
        });
        model.versionProperty().addListener((Observable obs) -> showRows());
        shown.addListener((obs, was, now) -> {
            if (now && behind) {
                showRows();
                bringIntoView(model.selectedProperty().get());
            }
        });
        model.lanes().addListener((Observable obs) -> draw());
        model.heldProperty().addListener((Observable obs) -> showCount());
        scroll.valueProperty().addListener((obs, was, value) -> {
            if (!followingTail) {
                // the learner scrolled: follow new packets again only from the bottom
                followTail = model.selectedProperty().get() == null && value.doubleValue() >= scroll.getMax() - 0.5;
            }
            draw();
        });
        canvas.widthProperty().addListener((Observable obs) -> draw());
        renderScale.addListener((Observable obs) -> draw());
        canvas.heightProperty().addListener((Observable obs) -> {
            scroll.setMax(Math.max(0, model.rows().size() - visibleRows()));
            draw();
        });
        canvas.setOnScroll(event -> scroll.setValue(Math.max(
                0, Math.min(scroll.getMax(), scroll.getValue() - Math.signum(event.getDeltaY()) * 3))));
        canvas.setOnMouseClicked(event -> {
            double y = event.getY() / renderScale.get();
            int index = firstRow() + (int) ((y - HEADER) / ROW_HEIGHT);
            if (y > HEADER && index >= 0 && index < model.rows().size()) {
                model.selectedProperty().set(model.rows().get(index));
            }
            // the keys that follow are the timeline's, not the tabs' around it
            canvas.requestFocus();
        });
        canvas.setFocusTraversable(true);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::moveSelection);
        model.selectedProperty().addListener((obs, was, row) -> {
            // a learner reading a row keeps it in view; clearing the selection follows new packets again
            followTail = row == null && scroll.getValue() >= scroll.getMax() - 0.5;
            bringIntoView(row);
            draw();
        });
    }

    /** ↑ / ↓ select the packet above / below (consumed, so the tabs around do not switch). */
    private void moveSelection(KeyEvent event) {
        int step = event.getCode() == javafx.scene.input.KeyCode.DOWN
                ? 1
                : event.getCode() == javafx.scene.input.KeyCode.UP ? -1 : 0;
        if (step == 0 || event.isControlDown() || model.rows().isEmpty()) {
            return;
        }
        int index = model.rows().indexOf(model.selectedProperty().get());
        int next = index < 0
                ? (step > 0 ? 0 : model.rows().size() - 1)
                : Math.max(0, Math.min(model.rows().size() - 1, index + step));
        model.selectedProperty().set(model.rows().get(next));
        event.consume();
    }

    /** Scrolls just enough for the row to be seen (simulation mode selects rows as it replays). */
    private void bringIntoView(TimelineRow row) {
        int index = row == null ? -1 : model.rows().indexOf(row);
        if (index < 0) {
            return;
        }
        if (index < firstRow()) {
            scroll.setValue(index);
        } else if (index >= firstRow() + visibleRows()) {
            scroll.setValue(Math.min(scroll.getMax(), index - visibleRows() + 1));
        }
    }

    /** Scrolls so that the given row is at the top. */
    void scrollTo(int row) {
        scroll.setValue(Math.max(0, Math.min(scroll.getMax(), row)));
    }

    private int visibleRows() {
        return Math.max(1, (int) ((canvas.getHeight() / renderScale.get() - HEADER) / ROW_HEIGHT));
    }

    private int firstRow() {
        return (int) Math.round(scroll.getValue());
    }

    /** The window's zoom, for a sharp canvas at any zoom (see {@link ZoomPane}). */
    public javafx.beans.property.DoubleProperty renderScaleProperty() {
        return renderScale;
    }

    /** Draws the lanes and only the rows in view. */
    void draw() {
        if (!shown.get()) {
            behind = true;
            return;
        }
        behind = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double scale = renderScale.get();
        g.setTransform(scale, 0, 0, scale, 0, 0);
        double width = canvas.getWidth() / scale;
        double height = canvas.getHeight() / scale;
        Theme.Palette palette = Theme.of(getScene()).palette();
        Color background = palette.background();
        Color text = palette.text();
        Color muted = palette.muted();
        g.setFill(background);
        g.fillRect(0, 0, width, height);
        List<String> lanes = model.lanes();
        if (lanes.isEmpty()) {
            g.setFill(muted);
            g.fillText(i18n.lookup("timeline.empty"), 12, 20);
            return;
        }
        double laneWidth = (width - TIME_COLUMN - POINT_COLUMN) / lanes.size();
        g.setFont(Font.font("DejaVu Sans", 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < lanes.size(); i++) {
            double x = laneX(i, laneWidth);
            g.setStroke(palette.grid());
            g.setLineWidth(1);
            g.strokeLine(x, HEADER - 4, x, height);
            g.setFill(text);
            g.fillText(lanes.get(i), x, HEADER / 2);
        }
        List<TimelineRow> rows = model.rows();
        int first = firstRow();
        int last = Math.min(rows.size(), first + visibleRows() + 1);
        long origin = rows.isEmpty() ? 0 : rows.get(0).timeNanos();
        g.setFont(Font.font("DejaVu Sans Mono", 11));
        for (int index = first; index < last; index++) {
            TimelineRow row = rows.get(index);
            double y = HEADER + (index - first) * ROW_HEIGHT + ROW_HEIGHT / 2;
            if (row == model.selectedProperty().get()) {
                g.setFill(palette.selection());
                g.fillRect(0, y - ROW_HEIGHT / 2, width, ROW_HEIGHT);
            }
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(muted);
            g.fillText(String.format("%7.3f", (row.timeNanos() - origin) / 1e9), 4, y);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(row.point().label(), width - 6, y);
            drawArrow(g, row, lanes, laneWidth, y, text, palette);
        }
    }

    private void drawArrow(
            GraphicsContext g,
            TimelineRow row,
            List<String> lanes,
            double laneWidth,
            double y,
            Color text,
            Theme.Palette palette) {
        Color colour = palette.of(PacketTimelineViewModel.kindOf(row.protocol()));
        int from = lanes.indexOf(row.from());
        int to = lanes.indexOf(row.to());
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2);
        double x1 = from < 0 ? TIME_COLUMN + 8 : laneX(from, laneWidth);
        double x2 = to < 0 ? x1 + laneWidth * 0.6 : laneX(to, laneWidth);
        if (Math.abs(x2 - x1) < 1) {
            g.fillOval(x1 - 4, y - 4, 8, 8);
        } else {
            g.strokeLine(x1, y + 5, x2, y + 5);
            double dir = Math.signum(x2 - x1);
            g.fillPolygon(new double[] {x2, x2 - dir * 8, x2 - dir * 8}, new double[] {y + 5, y + 1, y + 9}, 3);
        }
        // the words stop where the capture-point column begins
        g.save();
        g.beginPath();
        g.rect(0, y - ROW_HEIGHT / 2, canvas.getWidth() / renderScale.get() - POINT_COLUMN, ROW_HEIGHT);
        g.clip();
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(text);
        double labelX = Math.min(x1, x2) + 6;
        g.fillText(row.label(), labelX, y - 4);
        NatPair nat = model.natOf(row);
        int at = nat == null ? -1 : lanes.indexOf(nat.node());
        if (at >= 0) {
            // the translation, once, on the lane of the node that made it, and in words after the packet's:
            // what was rewritten, old → new
            double x = laneX(at, laneWidth);
            g.setFill(palette.nat());
            g.fillRoundRect(x - 5, y, 10, 10, 4, 4);
            measure.setFont(g.getFont());
            measure.setText(row.label());
            g.fillText(
                    "  ⇄ " + nat.kind() + " "
                            + i18n.lookup("timeline.nat." + nat.field().name().toLowerCase()) + " " + nat.rewrite(),
                    labelX + measure.getLayoutBounds().getWidth(),
                    y - 4);
        }
        g.restore();
    }

    /** Measures drawn text (a NAT note goes right after its packet's words). */
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    private static double laneX(int lane, double laneWidth) {
        return TIME_COLUMN + laneWidth * (lane + 0.5);
    }

    private void exportPcap() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("bridgelab.pcapng");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.exportPcap(file.toPath(), status::setText);
        }
    }
}
