package org.bridgelab.view;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * The window at a zoom, for a room: everything — text, diagram, timeline — grows together, as a browser
 * zooms a page, and the layout gets the window's size divided by the zoom. Ctrl + / Ctrl − / Ctrl 0. It goes
 * no further than leaves the layout {@link #SMALLEST_WIDTH} × {@link #SMALLEST_HEIGHT}, the smallest it is
 * made for (so 1.75 at 1920×1080, 2.25 at 2560×1440).
 */
public final class ZoomPane extends Pane {
    static final double[] STEPS = {0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5};
    static final double SMALLEST_WIDTH = 1024;
    static final double SMALLEST_HEIGHT = 600;

    private final Region content;
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);

    public ZoomPane(Region content) {
        this.content = content;
        Scale scale = new Scale();
        scale.xProperty().bind(zoom);
        scale.yProperty().bind(zoom);
        content.getTransforms().add(scale);
        getChildren().add(content);
        zoom.addListener(obs -> requestLayout());
    }

    /** 1 is the window as it is made; 1.75 makes 13 px text 23 px. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    @Override
    protected void layoutChildren() {
        double z = zoom.get();
        content.resizeRelocate(0, 0, getWidth() / z, getHeight() / z);
    }

    /** Ctrl + (or Ctrl =) zooms in, Ctrl − out, Ctrl 0 back to 1. */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (!key.isShortcutDown()) {
                return;
            }
            KeyCode code = key.getCode();
            if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
                zoomIn();
            } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
                zoomOut();
            } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
                zoom.set(1);
            } else {
                return;
            }
            key.consume();
        });
    }

    void zoomIn() {
        for (double step : STEPS) {
            if (step > zoom.get() + 1e-9) {
                if (getWidth() / step >= SMALLEST_WIDTH && getHeight() / step >= SMALLEST_HEIGHT) {
                    zoom.set(step);
                }
                return;
            }
        }
    }

    void zoomOut() {
        for (int i = STEPS.length - 1; i >= 0; i--) {
            if (STEPS[i] < zoom.get() - 1e-9) {
                zoom.set(STEPS[i]);
                return;
            }
        }
    }
}
