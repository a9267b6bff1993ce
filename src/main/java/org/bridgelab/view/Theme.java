package org.bridgelab.view;

import java.util.Arrays;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * The window's themes: the stylesheet each lays over the light one, and the colours of what the canvases
 * paint themselves (the timeline's rows and arrows, the diagram's packet tokens), which no stylesheet reaches.
 */
public enum Theme {
    LIGHT(
            null,
            new Palette(
                    "#fbfcfd", "#1d2330", "#5d6676", "#d5dae3", "#e4ecfb", "#b86b00", "#2f6fde", "#2e9d5b", "#7d8595",
                    "#878f9d", "#a85f00")),
    DARK(
            "assets/dark.css",
            new Palette(
                    "#1c2029", "#e3e7ef", "#9aa4b5", "#3a4252", "#2e3a52", "#e08a1e", "#6b9cff", "#3fbf74", "#8a93a3",
                    "#a7aebb", "#e08a1e")),
    /** White and bright colours on black: every text at least 7:1, for a bright room or a learner who needs it. */
    HIGH_CONTRAST(
            "assets/high-contrast.css",
            new Palette(
                    "#000000", "#ffffff", "#e6e6e6", "#8c8c8c", "#333333", "#ffb000", "#66b3ff", "#4dff88", "#d9d9d9",
                    "#bfbfbf", "#ffb000"));

    /**
     * What a canvas paints with: words (text, muted, a translation's words in {@code nat}) read at least 4.5:1
     * on the background (7:1 in high contrast), the packets' lines by kind (ARP, ICMP, TCP, other, the lab's
     * chatter) at least 3:1, as WCAG asks of graphics (ContrastIT).
     */
    public record Palette(
            Color background,
            Color text,
            Color muted,
            Color grid,
            Color selection,
            Color arp,
            Color icmp,
            Color tcp,
            Color other,
            Color chatter,
            Color nat) {
        Palette(
                String background,
                String text,
                String muted,
                String grid,
                String selection,
                String arp,
                String icmp,
                String tcp,
                String other,
                String chatter,
                String nat) {
            this(
                    Color.web(background),
                    Color.web(text),
                    Color.web(muted),
                    Color.web(grid),
                    Color.web(selection),
                    Color.web(arp),
                    Color.web(icmp),
                    Color.web(tcp),
                    Color.web(other),
                    Color.web(chatter),
                    Color.web(nat));
        }

        public Color of(PacketTimelineViewModel.Kind kind) {
            return switch (kind) {
                case ARP -> arp;
                case ICMP -> icmp;
                case TCP -> tcp;
                case OTHER -> other;
                case CHATTER -> chatter;
            };
        }
    }

    private final String stylesheet;
    private final Palette palette;

    Theme(String stylesheet, Palette palette) {
        this.stylesheet = stylesheet;
        this.palette = palette;
    }

    public Palette palette() {
        return palette;
    }

    /** The theme a scene shows now (the light one when it has none of the others' stylesheets). */
    public static Theme of(Scene scene) {
        if (scene == null) {
            return LIGHT;
        }
        return Arrays.stream(values())
                .filter(theme ->
                        theme.stylesheet != null && scene.getStylesheets().contains(Resources.url(theme.stylesheet)))
                .findFirst()
                .orElse(LIGHT);
    }

    /** Shows this theme in the scene, in place of any other. */
    public void applyTo(Scene scene) {
        for (Theme other : values()) {
            if (other.stylesheet != null && other != this) {
                scene.getStylesheets().remove(Resources.url(other.stylesheet));
            }
        }
        if (stylesheet != null && !scene.getStylesheets().contains(Resources.url(stylesheet))) {
            scene.getStylesheets().add(Resources.url(stylesheet));
        }
    }
}
