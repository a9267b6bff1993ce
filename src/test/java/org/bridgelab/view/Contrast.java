package org.bridgelab.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/**
 * Every text on the screen against what is painted behind it: the colour the text is drawn in (its fill,
 * blended by the opacity of its ancestors) against the colour that covers most of the box its words are drawn in,
 * in a snapshot of the scene (the background wins the count over the glyphs; a gradient counts as one colour). WCAG's contrast ratio; disabled controls are exempt, as
 * WCAG says, and so is text scrolled out of its viewport (a line cut at the edge is judged on what is shown of it). Call on the FX thread.
 */
final class Contrast {
    private Contrast() {}

    /** Each text of the scene reading less than {@code least} : 1, with its ratio and where it is. */
    static List<String> below(Scene scene, double least) {
        return below(scene, scene.getRoot(), least);
    }

    /**
     * The same for the texts under {@code part}, judged in the picture of the whole scene: a part laid over the
     * rest (the list of keys) is judged alone, since nothing tells here what it covers.
     */
    static List<String> below(Scene scene, Node part, double least) {
        WritableImage picture = scene.snapshot(null);
        List<String> found = new ArrayList<>();
        collect(part, picture, least, found);
        return found;
    }

    private static void collect(Node node, WritableImage picture, double least, List<String> found) {
        if (!node.isVisible() || node.isDisabled() || node.getOpacity() == 0) {
            return;
        }
        String text = null;
        javafx.scene.paint.Paint fill = null;
        Node drawn = node;
        if (node instanceof Labeled labeled) {
            // judged where its words are drawn (its text node), not over its padding and focus ring
            drawn = labeled.lookup(".text");
            text = drawn instanceof Text words ? words.getText() : null;
            fill = labeled.getTextFill();
        } else if (node instanceof Text shape && !(shape.getParent() instanceof Labeled)) {
            text = shape.getText();
            fill = shape.getFill();
        }
        Bounds box = text == null || text.isBlank() ? null : shown(drawn);
        if (box != null && fill instanceof Color colour) {
            Color behind = dominant(picture, box);
            if (behind != null) {
                Color seen = blend(colour, behind, opacity(node));
                double ratio = ratio(seen, behind);
                if (ratio < least) {
                    found.add(String.format(
                            "%.2f:1 %s%s \"%s\" (%s on %s)",
                            ratio,
                            node.getClass().getSimpleName(),
                            node.getStyleClass(),
                            text.length() > 40 ? text.substring(0, 40) + "…" : text,
                            seen,
                            behind));
                }
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, picture, least, found));
        }
    }

    /**
     * The part of the node's box that is shown: inside every clip around it (a scroll pane's viewport, a list's or a
     * tree's rows), so that what is behind it in the picture is its own background; null when too little is.
     */
    private static Bounds shown(Node node) {
        Bounds box = node.localToScene(node.getLayoutBounds());
        double minX = box.getMinX();
        double minY = box.getMinY();
        double maxX = box.getMaxX();
        double maxY = box.getMaxY();
        for (Node up = node.getParent(); up != null; up = up.getParent()) {
            Bounds seen = null;
            if (up.getClip() != null) {
                seen = up.localToScene(up.getClip().getBoundsInParent());
            } else if (up instanceof ScrollPane pane && pane.lookup(".viewport") != null) {
                Node viewport = pane.lookup(".viewport");
                seen = viewport.localToScene(viewport.getLayoutBounds());
            }
            if (seen != null) {
                minX = Math.max(minX, seen.getMinX());
                minY = Math.max(minY, seen.getMinY());
                maxX = Math.min(maxX, seen.getMaxX());
                maxY = Math.min(maxY, seen.getMaxY());
            }
        }
        // a line cut at the edge is judged on what is shown of it; a sliver of one is not judged
        return maxX - minX < 4 || maxY - minY < box.getHeight() / 2
                ? null
                : new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static double opacity(Node node) {
        double opacity = 1;
        for (Node up = node; up != null; up = up.getParent()) {
            opacity *= up.getOpacity();
        }
        return opacity;
    }

    /** The colour covering most pixels of the box (inside the picture), or null outside it. */
    private static Color dominant(WritableImage picture, Bounds box) {
        PixelReader pixels = picture.getPixelReader();
        int x0 = (int) Math.max(0, Math.floor(box.getMinX()));
        int y0 = (int) Math.max(0, Math.floor(box.getMinY()));
        int x1 = (int) Math.min(picture.getWidth(), Math.ceil(box.getMaxX()));
        int y1 = (int) Math.min(picture.getHeight(), Math.ceil(box.getMaxY()));
        // colours counted in steps of 8 per channel (a gradient behind the words counts as one colour); the
        // winner is the mean of the pixels it counted
        Map<Integer, long[]> buckets = new HashMap<>();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int argb = pixels.getArgb(x, y);
                long[] sum = buckets.computeIfAbsent(argb & 0xf8f8f8, key -> new long[4]);
                sum[0]++;
                sum[1] += (argb >> 16) & 0xff;
                sum[2] += (argb >> 8) & 0xff;
                sum[3] += argb & 0xff;
            }
        }
        return buckets.values().stream()
                .max(java.util.Comparator.comparingLong(sum -> sum[0]))
                .map(sum -> Color.rgb((int) (sum[1] / sum[0]), (int) (sum[2] / sum[0]), (int) (sum[3] / sum[0])))
                .orElse(null);
    }

    private static Color blend(Color over, Color under, double opacity) {
        double alpha = over.getOpacity() * opacity;
        return new Color(
                over.getRed() * alpha + under.getRed() * (1 - alpha),
                over.getGreen() * alpha + under.getGreen() * (1 - alpha),
                over.getBlue() * alpha + under.getBlue() * (1 - alpha),
                1);
    }

    /** WCAG's contrast ratio of two colours. */
    static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
