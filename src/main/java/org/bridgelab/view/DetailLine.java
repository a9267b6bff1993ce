package org.bridgelab.view;

import java.util.List;

/**
 * One line of the packet detail tree, in the window's language: its text, what it is (for its style), the
 * frame bytes it stands for (offset -1 when none) and the lines under it.
 */
record DetailLine(String text, Kind kind, int offset, int length, List<DetailLine> children) {

    enum Kind {
        SUMMARY,
        INFO,
        NAT,
        LAYER,
        FIELD,
        WRONG,
        MALFORMED,
        NETFILTER,
        STEP
    }

    DetailLine {
        children = List.copyOf(children);
    }

    static DetailLine of(String text, Kind kind) {
        return new DetailLine(text, kind, -1, 0, List.of());
    }

    boolean hasBytes() {
        return offset >= 0 && length > 0;
    }

    /** "detail-layer", "detail-wrong": the line's style class. */
    String styleClass() {
        return "detail-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
