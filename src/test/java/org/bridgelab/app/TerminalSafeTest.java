package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Someone else's text reaches the learner's terminal as text, never as terminal commands. */
class TerminalSafeTest {
    @Test
    void what_the_cli_prints_of_a_hostile_lesson_file_is_shown_not_obeyed(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // given: a lesson file whose field name clears the screen (the message names the field)
        java.nio.file.Path lesson = dir.resolve("evil.json");
        java.nio.file.Files.writeString(lesson, "{\"id\":\"x\",\"\\u001b[2J\\u202eevil\":1}");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        // when:
        int code = Main.run(
                java.util.List.of("run", "--lesson-file", lesson.toString()),
                new java.io.PrintStream(
                        new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

        // then:
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(said).contains("^[[2J<U+202E>evil").doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    void escape_codes_are_shown_not_obeyed() {
        // clear the screen, go up a line and print over the verdict, ring the bell
        assertThat(TerminalSafe.of("\u001b[2J\u001b[1APASSED\u0007")).isEqualTo("^[[2J^[[1APASSED^G");
        assertThat(TerminalSafe.of("abc\bX\u007f")).isEqualTo("abc^HX^?");
        assertThat(TerminalSafe.of("a\u009b2Jb")).isEqualTo("a<U+009B>2Jb");
    }

    @Test
    void bidi_controls_are_shown_not_obeyed() {
        assertThat(TerminalSafe.of("check \u202eDELIAF\u202c ok")).isEqualTo("check <U+202E>DELIAF<U+202C> ok");
        assertThat(TerminalSafe.of("\u2066x\u2069\u200e\u200f\u061c"))
                .isEqualTo("<U+2066>x<U+2069><U+200E><U+200F><U+061C>");
    }

    @Test
    void text_lines_tabs_and_other_languages_stay_as_they_are() {
        String text = "━━ s1  容器之间 ✓\n\tping 172.18.0.3 — 0% packet loss\n€ – ‘quotes’ Ø ØÜ";
        assertThat(TerminalSafe.of(text)).isEqualTo(text);
    }

    @Test
    void a_terminals_line_end_is_a_line_end_and_a_lone_cr_is_shown() {
        assertThat(TerminalSafe.of("login:\r\nprogress 10%\rprogress 20%\r"))
                .isEqualTo("login:\nprogress 10%^Mprogress 20%^M");
    }
}
