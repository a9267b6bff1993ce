package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A frame's bytes as Wireshark lays them out: the offset, 16 bytes in hex (a gap after the eighth), the same
 * bytes as ASCII ('.' for what does not print); and where a byte range of the frame is in that text, so that
 * a selected field can be highlighted in both columns.
 * <pre>
 * 0000  22 a3 cf b7 6f 9a 3e 6e  39 42 b9 6e 08 00 45 00  "...o.&gt;n 9B.n..E.
 * </pre>
 */
final class HexDump {
    static final int PER_LINE = 16;

    private final byte[] bytes;
    private final int digits;
    private final String text;

    HexDump(byte[] bytes) {
        this.bytes = bytes.clone();
        this.digits =
                Math.max(4, Integer.toHexString(Math.max(0, bytes.length - 1)).length());
        this.text = format();
    }

    String text() {
        return text;
    }

    /** Where the bytes [offset, offset + length) are in {@link #text()}: [start, end) pairs, hex and ASCII per line. */
    List<int[]> ranges(int offset, int length) {
        List<int[]> ranges = new ArrayList<>();
        int from = Math.max(0, offset);
        int to = Math.min(bytes.length, offset + length);
        for (int first = from; first < to; first = (first / PER_LINE + 1) * PER_LINE) {
            int line = first / PER_LINE;
            int last = Math.min(to, (line + 1) * PER_LINE) - 1;
            int lineStart = line * stride();
            ranges.add(new int[] {lineStart + hexColumn(first % PER_LINE), lineStart + hexColumn(last % PER_LINE) + 2});
            ranges.add(
                    new int[] {lineStart + asciiColumn(first % PER_LINE), lineStart + asciiColumn(last % PER_LINE) + 1
                    });
        }
        return ranges;
    }

    private String format() {
        StringBuilder out = new StringBuilder(bytes.length / PER_LINE * stride() + stride());
        for (int start = 0; start < bytes.length; start += PER_LINE) {
            int end = Math.min(bytes.length, start + PER_LINE);
            StringBuilder line = new StringBuilder(stride());
            line.append(String.format("%0" + digits + "x", start)).append("  ");
            for (int i = 0; i < PER_LINE; i++) {
                line.append(i < end - start ? String.format("%02x ", bytes[start + i] & 0xff) : "   ");
                if (i == 7) {
                    line.append(' ');
                }
            }
            line.append(' ');
            for (int i = start; i < end; i++) {
                int c = bytes[i] & 0xff;
                line.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                if (i - start == 7 && i + 1 < end) {
                    line.append(' ');
                }
            }
            if (start > 0) {
                out.append('\n');
            }
            out.append(line);
        }
        return out.toString();
    }

    /** The characters of a full line and its line break. */
    private int stride() {
        return asciiColumn(PER_LINE - 1) + 2;
    }

    private int hexColumn(int index) {
        return digits + 2 + 3 * index + (index >= 8 ? 1 : 0);
    }

    private int asciiColumn(int index) {
        return hexColumn(PER_LINE - 1) + 3 + 1 + index + (index >= 8 ? 1 : 0);
    }
}
