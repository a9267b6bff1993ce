package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShownTextTest {

    @Test
    void telnets_interrupt_bytes_are_shown_as_bytes_not_as_replacement_characters() {
        // IAC IP IAC DO TIMING-MARK: what telnet sends for Ctrl-C, echoed back by a server that does not speak telnet
        byte[] received = {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xFD, 0x06};

        assertThat(ShownText.of(received)).isEqualTo("\\xff\\xf4\\xff\\xfd^F");
    }

    @Test
    void text_stays_text_and_controls_are_named() {
        assertThat(ShownText.of("容器 eth0\tUP\r".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("容器 eth0\tUP\r");
        assertThat(ShownText.of("\u001b[2J\u007fFAILED\u202ePASSED\u0085".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("^[[2J^?FAILED<U+202E>PASSED<U+0085>");
        assertThat(ShownText.of(new byte[] {'a', (byte) 0xE5, (byte) 0xAE, 'b'}))
                .isEqualTo("a\\xe5\\xaeb");
    }

    @Test
    void a_live_commands_lines_reach_the_listener_as_shown_text() {
        List<String> lines = new ArrayList<>();
        BoundedOutput live = new BoundedOutput(1 << 16, 1 << 10, lines::add);

        live.write(new byte[] {'o', 'k', '\n', (byte) 0xFF, (byte) 0xF4, '\n'}, 0, 6);

        assertThat(lines).containsExactly("ok", "\\xff\\xf4");
    }
}
