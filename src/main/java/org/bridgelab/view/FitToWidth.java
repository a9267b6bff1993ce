package org.bridgelab.view;

import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** Shows a drawing whole: scaled down (never up) to the space it is given, keeping its proportions. */
final class FitToWidth extends StackPane {
    private final Region drawing;
    private final Group holder;

    FitToWidth(Region drawing) {
        this.drawing = drawing;
        this.holder = new Group(drawing);
        getChildren().add(holder);
        setMinSize(0, 0);
        getStyleClass().add("fit-to-width");
    }

    @Override
    protected void layoutChildren() {
        double width = drawing.prefWidth(-1);
        double height = drawing.prefHeight(-1);
        drawing.resize(width, height);
        double scale = Math.min(1, Math.min(getWidth() / width, getHeight() / height));
        holder.setScaleX(scale);
        holder.setScaleY(scale);
        // a Group scales about its centre: put the scaled drawing at the top left
        holder.relocate(-(width - width * scale) / 2 + 4, -(height - height * scale) / 2 + 2);
    }
}
