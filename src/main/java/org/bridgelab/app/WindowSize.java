package org.bridgelab.app;

/**
 * How large the window opens: the size asked for ({@code --size}), else 1366×768 where the screen has room for
 * it, else the whole screen (maximized, so a window manager fits its frame in too): a window larger than a
 * 1024×700 screen would open with its lessons off the edge.
 */
record WindowSize(double width, double height, boolean maximized) {
    static final int DEFAULT_WIDTH = 1366;
    static final int DEFAULT_HEIGHT = 768;
    /** Below this the window's panes no longer fit; a screen smaller still gets the whole screen. */
    static final int MIN_WIDTH = 1000;

    static final int MIN_HEIGHT = 640;

    /** The size asked for with --size. */
    static WindowSize asked(int width, int height) {
        return new WindowSize(width, height, false);
    }

    /** On a screen whose usable area (without panels) is this large; {@code asked} is null without --size. */
    static WindowSize on(double screenWidth, double screenHeight, WindowSize asked) {
        if (asked != null) {
            return asked;
        }
        if (screenWidth >= DEFAULT_WIDTH && screenHeight >= DEFAULT_HEIGHT) {
            return new WindowSize(DEFAULT_WIDTH, DEFAULT_HEIGHT, false);
        }
        return new WindowSize(Math.min(DEFAULT_WIDTH, screenWidth), Math.min(DEFAULT_HEIGHT, screenHeight), true);
    }

    /** The smallest the learner may make it: the panes' minimum, or the screen where that is smaller. */
    double minWidth(double screenWidth) {
        return Math.min(MIN_WIDTH, screenWidth);
    }

    double minHeight(double screenHeight) {
        return Math.min(MIN_HEIGHT, screenHeight);
    }
}
