package org.bridgelab.lab;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A live command's line as a person is shown it: its bytes are not always text (telnet's Ctrl-C is the bytes
 * ff f4 ff fd 06), and decoded blindly they become a row of "�" that says nothing. Bytes that are not UTF-8
 * are shown as {@code \xff}; control characters as {@code cat -v} shows them ({@code ^C}, {@code ^[},
 * {@code ^?}); C1 and bidi controls as {@code <U+202E>}, so that no line can reorder what is read. Tabs and
 * carriage returns stay (a terminal's line ends in CR LF; the line splitter takes the CR off).
 */
final class ShownText {
    private ShownText() {}

    static String of(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        StringBuilder shown = new StringBuilder(bytes.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            out.codePoints().forEach(codePoint -> appendShown(shown, codePoint));
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    shown.append(String.format("\\x%02x", in.get() & 0xFF));
                }
            } else if (result.isUnderflow()) {
                return shown.toString();
            }
        }
    }

    private static void appendShown(StringBuilder shown, int codePoint) {
        if (codePoint == '\t' || codePoint == '\r') {
            shown.append((char) codePoint);
        } else if (codePoint < 0x20) {
            shown.append('^').append((char) (codePoint + 0x40));
        } else if (codePoint == 0x7F) {
            shown.append("^?");
        } else if (codePoint >= 0x80 && codePoint <= 0x9F || isBidiControl(codePoint)) {
            shown.append(String.format("<U+%04X>", codePoint));
        } else {
            shown.appendCodePoint(codePoint);
        }
    }

    private static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C
                || codePoint == 0x200E
                || codePoint == 0x200F
                || codePoint >= 0x202A && codePoint <= 0x202E
                || codePoint >= 0x2066 && codePoint <= 0x2069;
    }
}
