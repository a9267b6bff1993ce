package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;

/** Lesson prose with `code` spans, as a list of styled Text nodes for a TextFlow. */
final class RichText {
    private RichText() {}

    static List<Text> of(String prose) {
        List<Text> parts = new ArrayList<>();
        String[] pieces = prose.split("`", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                continue;
            }
            Text text = new Text(pieces[i]);
            text.getStyleClass().add(i % 2 == 1 ? "prose-code" : "prose");
            parts.add(text);
        }
        return parts;
    }
}
