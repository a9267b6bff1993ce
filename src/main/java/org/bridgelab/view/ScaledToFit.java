package org.bridgelab.view;

import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Shows a drawing whole, keeping its proportions: scaled down to the space it is given, or up to fill it (at
 * most {@link #MAX_UP} times: a wall screen or a room's projector has the room, its text would not gain more).
 */
final class ScaledToFit extends StackPane {
    static final double MAX_UP = 2.0;

    private final Region drawing;
    private final Group holder;

    ScaledToFit(Region drawing) {
        this.drawing = drawing;
        this.holder = new Group(drawing);
        getChildren().add(holder);
        setMinSize(0, 0);
        getStyleClass().add("scaled-to-fit");
    }

    @Override
    protected void layoutChildren() {
        double width = drawing.prefWidth(-1);
        double height = drawing.prefHeight(-1);
        drawing.resize(width, height);
        double scale = Math.min(MAX_UP, Math.min(getWidth() / width, getHeight() / height));
        holder.setScaleX(scale);
        holder.setScaleY(scale);
        // a Group scales about its centre: put the scaled drawing at the top left
        holder.relocate(-(width - width * scale) / 2 + 4, -(height - height * scale) / 2 + 2);
    }

    /** How much the drawing is scaled now. */
    double scale() {
        return holder.getScaleX();
    }
}
