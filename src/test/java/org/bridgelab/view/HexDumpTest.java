package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hex + ASCII layout of a frame (Wireshark's) and where a field's bytes are in it. */
class HexDumpTest {
    private static final byte[] BYTES =
            HexFormat.of().parseHex("22a3cfb76f9a3e6e3942b96e08004500" + "0054" + "414243" + "0a7f" + "ff");

    @Test
    void bytes_are_shown_sixteen_a_line_with_their_offset_and_ascii() {
        // given / when:
        String text = new HexDump(BYTES).text();

        // then:
        assertThat(text.split("\n"))
                .containsExactly(
                        "0000  22 a3 cf b7 6f 9a 3e 6e  39 42 b9 6e 08 00 45 00  \"...o.>n 9B.n..E.",
                        "0010  00 54 41 42 43 0a 7f ff                           .TABC...");
    }

    @Test
    void a_field_is_found_in_the_hex_and_the_ascii_column() {
        // given: the EtherType, bytes 12 and 13
        HexDump dump = new HexDump(BYTES);

        // when:
        List<int[]> ranges = dump.ranges(12, 2);

        // then:
        assertThat(ranges).hasSize(2);
        assertThat(dump.text().substring(ranges.get(0)[0], ranges.get(0)[1])).isEqualTo("08 00");
        assertThat(dump.text().substring(ranges.get(1)[0], ranges.get(1)[1])).isEqualTo("..");
    }

    @Test
    void a_field_across_a_line_break_is_found_on_both_lines() {
        // given: bytes 14 to 20 ("45 00" on the first line, "00 54 41 42 43" on the second)
        HexDump dump = new HexDump(BYTES);

        // when:
        List<String> shown = dump.ranges(14, 7).stream()
                .map(r -> dump.text().substring(r[0], r[1]))
                .toList();

        // then:
        assertThat(shown).containsExactly("45 00", "E.", "00 54 41 42 43", ".TABC");
    }

    @Test
    void a_field_across_the_middle_gap_keeps_the_gap() {
        HexDump dump = new HexDump(BYTES);

        List<String> shown = dump.ranges(6, 4).stream()
                .map(r -> dump.text().substring(r[0], r[1]))
                .toList();

        assertThat(shown).containsExactly("3e 6e  39 42", ">n 9B");
    }

    @Test
    void an_empty_frame_and_a_range_outside_it_show_nothing() {
        assertThat(new HexDump(new byte[0]).text()).isEmpty();
        assertThat(new HexDump(BYTES).ranges(40, 4)).isEmpty();
    }

    @Test
    void a_frame_longer_than_64_kib_gets_wider_offsets() {
        String text = new HexDump(new byte[0x10001]).text();

        assertThat(text.lines().reduce((first, second) -> second).orElseThrow()).startsWith("10000  00");
    }
}
