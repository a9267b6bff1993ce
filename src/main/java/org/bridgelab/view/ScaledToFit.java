package org.bridgelab.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Group;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * Shows a drawing whole, keeping its proportions: scaled down to the space it is given, or up to fill it (at
 * most {@link #MAX_UP} times: a wall screen or a room's projector has the room, its text would not gain more).
 * From there the learner can zoom in on a part ({@link #zoomIn()}, Ctrl + scroll about the pointer, up to
 * {@link #MAX_ZOOM} times the fitted size) and drag it about; {@link #fit()} shows it whole again.
 */
final class ScaledToFit extends StackPane {
    static final double MAX_UP = 2.0;
    static final double MAX_ZOOM = 6.0;
    private static final double STEP = 1.25;
    private static final double LEFT = 4;
    private static final double TOP = 2;

    private final Region drawing;
    private final Group holder;
    /** 1 is the drawing whole; more is a part of it, larger. */
    private double zoom = 1;

    private final ReadOnlyBooleanWrapper zoomedIn = new ReadOnlyBooleanWrapper(false);
    /** Where the drawing's top left corner is, once zoomed (dragged or zoomed about a point). */
    private double left = LEFT;

    private double top = TOP;
    private double pressedX;
    private double pressedY;
    private boolean dragged;

    ScaledToFit(Region drawing) {
        this.drawing = drawing;
        this.holder = new Group(drawing);
        getChildren().add(holder);
        setMinSize(0, 0);
        getStyleClass().add("scaled-to-fit");
        // a zoomed drawing stays inside its pane
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        addEventFilter(ScrollEvent.SCROLL, this::zoomAboutPointer);
        addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventFilter(MouseEvent.MOUSE_DRAGGED, this::drag);
        // a drag that moved the drawing is not a click on the chip it began on
        addEventFilter(MouseEvent.MOUSE_CLICKED, click -> {
            if (dragged) {
                click.consume();
            }
        });
    }

    @Override
    protected void layoutChildren() {
        double width = drawing.prefWidth(-1);
        double height = drawing.prefHeight(-1);
        drawing.resize(width, height);
        double scale = fitScale(width, height) * zoom;
        holder.setScaleX(scale);
        holder.setScaleY(scale);
        if (zoom == 1) {
            left = LEFT;
            top = TOP;
        }
        // zoomed, the drawing may move as far as brings its far edge to the pane's: no further
        left = within(left, Math.min(LEFT, getWidth() - width * scale - LEFT), LEFT);
        top = within(top, Math.min(TOP, getHeight() - height * scale - TOP), TOP);
        // a Group scales about its centre: put the scaled drawing's corner where it belongs
        holder.relocate(-(width - width * scale) / 2 + left, -(height - height * scale) / 2 + top);
    }

    /** How much the drawing is scaled now. */
    double scale() {
        return holder.getScaleX();
    }

    /** How far in the learner has zoomed: 1 is the drawing whole. */
    double zoom() {
        return zoom;
    }

    /** Whether the learner has zoomed in on a part of the drawing. */
    ReadOnlyBooleanProperty zoomedInProperty() {
        return zoomedIn.getReadOnlyProperty();
    }

    /** A part of the drawing, larger: the part at the pane's centre stays there. */
    void zoomIn() {
        zoomAbout(getWidth() / 2, getHeight() / 2, zoom * STEP);
    }

    void zoomOut() {
        zoomAbout(getWidth() / 2, getHeight() / 2, zoom / STEP);
    }

    /** The drawing whole again. */
    void fit() {
        zoom = 1;
        zoomedIn.set(false);
        requestLayout();
    }

    private double fitScale(double width, double height) {
        return Math.min(MAX_UP, Math.min(getWidth() / width, getHeight() / height));
    }

    /** Ctrl + scroll zooms about the pointer; a plain scroll moves a zoomed drawing. */
    private void zoomAboutPointer(ScrollEvent scroll) {
        if (scroll.isShortcutDown() && scroll.getDeltaY() != 0) {
            zoomAbout(scroll.getX(), scroll.getY(), scroll.getDeltaY() > 0 ? zoom * STEP : zoom / STEP);
            scroll.consume();
        } else if (zoom > 1) {
            left += scroll.getDeltaX();
            top += scroll.getDeltaY();
            requestLayout();
            scroll.consume();
        }
    }

    /** Zooms so that the drawing's point under (x, y) of the pane stays under it. */
    private void zoomAbout(double x, double y, double wanted) {
        double before = scale();
        double next = within(wanted, 1, MAX_ZOOM);
        if (next == zoom || before == 0) {
            return;
        }
        double after = before * next / zoom;
        left = x - (x - left) * after / before;
        top = y - (y - top) * after / before;
        zoom = next;
        zoomedIn.set(zoom > 1);
        requestLayout();
    }

    private void pressed(MouseEvent press) {
        pressedX = press.getX();
        pressedY = press.getY();
        dragged = false;
    }

    private void drag(MouseEvent drag) {
        if (zoom == 1) {
            return;
        }
        left += drag.getX() - pressedX;
        top += drag.getY() - pressedY;
        pressedX = drag.getX();
        pressedY = drag.getY();
        dragged = true;
        requestLayout();
        drag.consume();
    }

    /** {@code value} kept between {@code low} and {@code high}. */
    private static double within(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
