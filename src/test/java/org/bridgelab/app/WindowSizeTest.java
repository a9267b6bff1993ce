package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window opens as large as asked, or as the screen has room for. */
class WindowSizeTest {
    @Test
    void a_screen_with_room_gets_the_usual_size() {
        assertThat(WindowSize.on(1920, 1040, null)).isEqualTo(new WindowSize(1366, 768, false));
    }

    @Test
    void a_screen_smaller_than_the_usual_size_gets_the_window_maximized_within_it() {
        // a 1024×700 screen: the usual 1366×768 would put the lessons off its left edge
        WindowSize size = WindowSize.on(1024, 700, null);

        assertThat(size).isEqualTo(new WindowSize(1024, 700, true));
        assertThat(size.minWidth(1024)).isEqualTo(1000);
        assertThat(size.minHeight(700)).isEqualTo(640);
    }

    @Test
    void a_screen_smaller_than_the_panes_minimum_lowers_the_minimum_to_it() {
        WindowSize size = WindowSize.on(800, 600, null);

        assertThat(size.minWidth(800)).isEqualTo(800);
        assertThat(size.minHeight(600)).isEqualTo(600);
    }

    @Test
    void a_size_asked_for_is_kept_whatever_the_screen() {
        assertThat(WindowSize.on(1024, 700, WindowSize.asked(2560, 1440))).isEqualTo(new WindowSize(2560, 1440, false));
    }
}
