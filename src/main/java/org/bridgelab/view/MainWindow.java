package org.bridgelab.view;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** The one window: host bar on top, lessons on the left, the live diagram above the console on the right. */
public final class MainWindow extends BorderPane {
    public static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN);
    /** Hides the lessons (and shows them again): the diagram and the timeline get the whole width, for a room. */
    public static final KeyCombination LESSONS = new KeyCodeCombination(KeyCode.F9);
    /** Shows or hides the list of keys. */
    public static final KeyCombination KEYS = new KeyCodeCombination(KeyCode.F1);

    private final LabHostBar hostBar;
    private final LessonPane lessons;
    private final TopologyView topology;
    private final ConsolePane console;
    private final TimelineView timeline;
    private final KeysHelp keysHelp;
    private final I18n i18n;
    private SplitPane main;
    private double lessonsDivider = 0.33;

    public MainWindow(LabViewModel model, I18n i18n) {
        this.i18n = i18n;
        hostBar = new LabHostBar(model, i18n);
        lessons = new LessonPane(model, i18n);
        topology = new TopologyView(model, i18n);
        console = new ConsolePane(model, i18n);
        timeline = new TimelineView(model.packets(), i18n);
        keysHelp = new KeysHelp(i18n, () -> showKeys(false));
        // hidden behind another tab, the timeline does not draw the packets that come in meanwhile
        timeline.shownProperty()
                .bind(console.showFirst(timeline, i18n.text("timeline.title")).selectedProperty());
        createView();
        // the theme chosen in the host bar is the whole scene's (its stylesheets), also once the window is in one
        hostBar.themeProperty().addListener((obs, was, theme) -> {
            if (getScene() != null) {
                theme.applyTo(getScene());
            }
        });
        sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                hostBar.themeProperty().get().applyTo(scene);
            }
        });
    }

    private void createView() {
        getStyleClass().add("main-window");
        ScaledToFit diagram = new ScaledToFit(topology);
        // zoomed in, the picture of the whole drawing would be many times the screen: each frame draws it instead
        topology.cachePicture(diagram.zoomedInProperty().not());
        SplitPane right = new SplitPane(withZoomButtons(diagram), console);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.5);
        main = new SplitPane(lessons, right);
        main.setDividerPositions(lessonsDivider);
        SplitPane.setResizableWithParent(lessons, false);
        setTop(hostBar);
        // the list of keys lies over the window's top right corner, where the Keys button is
        keysHelp.setVisible(false);
        // hidden, the list is left out of the layout: each layout pass (a packet count, a console line) measured
        // its every line again, half the FX thread's layout work while packets flow
        keysHelp.managedProperty().bind(keysHelp.visibleProperty());
        StackPane.setAlignment(keysHelp, Pos.TOP_RIGHT);
        StackPane.setMargin(keysHelp, new Insets(4, 8, 0, 0));
        setCenter(new StackPane(main, keysHelp));
        hostBar.onKeys(() -> showKeys(!keysHelp.isVisible()));
    }

    /** −, Fit and + over the diagram's top right corner: a part of it larger, for a room or a small screen. */
    private StackPane withZoomButtons(ScaledToFit diagram) {
        Button out = zoomButton("−", "diagram-zoom-out", "diagram.zoom-out.tip", diagram::zoomOut);
        Button fit = zoomButton("", "diagram-fit", "diagram.fit.tip", diagram::fit);
        fit.textProperty().bind(i18n.text("diagram.fit"));
        Button in = zoomButton("+", "diagram-zoom-in", "diagram.zoom-in.tip", diagram::zoomIn);
        HBox buttons = new HBox(2, out, fit, in);
        buttons.getStyleClass().add("diagram-zoom");
        buttons.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        buttons.setPickOnBounds(false);
        StackPane.setAlignment(buttons, Pos.TOP_RIGHT);
        StackPane.setMargin(buttons, new Insets(4, 6, 0, 0));
        StackPane pane = new StackPane(diagram, buttons);
        pane.setMinSize(0, 0);
        return pane;
    }

    private Button zoomButton(String text, String id, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(i18n.text(tip));
        button.setTooltip(tooltip);
        button.setOnAction(event -> action.run());
        return button;
    }

    /** Shows or hides the list of keys (F1, the host bar's Keys; Esc hides it). */
    void showKeys(boolean shown) {
        keysHelp.setVisible(shown);
    }

    /** Whether the list of keys is shown. */
    public boolean showsKeys() {
        return keysHelp.isVisible();
    }

    /**
     * Ctrl+Enter runs the step, Ctrl+PageDown / Ctrl+PageUp move to the next / previous step, F9 hides or
     * shows the lessons. They work wherever the focus is: they are taken before the focused control sees
     * them (a tree or the tabs would use Ctrl+PageDown themselves, and accelerators came only when a button
     * had the focus).
     */
    public void installShortcuts(javafx.scene.Scene scene) {
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, key -> {
            if (RUN.match(key)) {
                lessons.runSelected();
            } else if (NEXT.match(key)) {
                lessons.move(1);
            } else if (PREVIOUS.match(key)) {
                lessons.move(-1);
            } else if (LESSONS.match(key)) {
                toggleLessons();
            } else if (KEYS.match(key)) {
                showKeys(!showsKeys());
            } else if (key.getCode() == KeyCode.ESCAPE && showsKeys()) {
                showKeys(false);
            } else {
                return;
            }
            key.consume();
        });
    }

    /** Takes the lessons out of the window, or puts them back where they were. */
    void toggleLessons() {
        if (showsLessons()) {
            lessonsDivider = main.getDividerPositions()[0];
            main.getItems().remove(lessons);
            return;
        }
        main.getItems().add(0, lessons);
        main.setDividerPositions(lessonsDivider);
    }

    /** Whether the lessons are in the window (F9 takes them out). */
    public boolean showsLessons() {
        return main.getItems().contains(lessons);
    }

    public LessonPane lessons() {
        return lessons;
    }

    public TopologyView topology() {
        return topology;
    }

    public ConsolePane console() {
        return console;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public LabHostBar hostBar() {
        return hostBar;
    }
}
