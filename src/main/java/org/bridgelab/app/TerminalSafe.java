package org.bridgelab.app;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What BridgeLab prints for a person, made safe for their terminal: a lesson's texts and a command's output
 * are someone else's bytes, and raw they could clear the screen, move the cursor to print a fake "PASSED"
 * over a "FAILED" (escape codes), or reverse what is read (bidi overrides). Control characters are shown
 * as {@code cat -v} does ({@code ^[}, {@code ^H}, {@code ^?}), bidi controls and C1 controls as
 * {@code <U+202E>}; line breaks and tabs stay, and a CR before a line break goes (a terminal's line end).
 * Works on UTF-8 bytes, so it sits under any {@link PrintStream}.
 */
final class TerminalSafe extends FilterOutputStream {
    private static final int NONE = -1;
    private int first = NONE;
    private int second = NONE;

    private TerminalSafe(OutputStream out) {
        super(out);
    }

    static PrintStream wrap(PrintStream target) {
        return new PrintStream(new TerminalSafe(target), true, StandardCharsets.UTF_8);
    }

    /** The text as it would be printed: for messages built elsewhere (tests, the window's console copy). */
    static String of(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TerminalSafe safe = new TerminalSafe(bytes)) {
            safe.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a byte array does no I/O", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void write(int value) throws IOException {
        int b = value & 0xFF;
        if (first == '\r') {
            first = NONE;
            if (b == '\n') {
                out.write('\n');
                return;
            }
            shown("^M");
        } else if (first == 0xC2) {
            first = NONE;
            if (b >= 0x80 && b <= 0x9F) {
                codePoint(b);
            } else {
                raw(0xC2, b);
            }
            return;
        } else if (first == 0xD8) {
            first = NONE;
            if (b == 0x9C) {
                codePoint(0x061C);
            } else {
                raw(0xD8, b);
            }
            return;
        } else if (first == 0xE2 && second == NONE) {
            if (b == 0x80 || b == 0x81) {
                second = b;
            } else {
                first = NONE;
                raw(0xE2, b);
            }
            return;
        } else if (first == 0xE2) {
            int middle = second;
            first = NONE;
            second = NONE;
            int point = 0x2000 | ((middle & 0x3F) << 6) | (b & 0x3F);
            if (isBidiControl(point) && (b & 0xC0) == 0x80) {
                codePoint(point);
            } else {
                raw(0xE2, middle, b);
            }
            return;
        }
        if (b == '\r' || b == 0xC2 || b == 0xD8 || b == 0xE2) {
            first = b;
        } else if (b < 0x20 && b != '\n' && b != '\t') {
            shown("^" + (char) (b + 64));
        } else if (b == 0x7F) {
            shown("^?");
        } else {
            out.write(b);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (first == '\r') {
            shown("^M");
        } else if (first != NONE) {
            out.write(first);
            if (second != NONE) {
                out.write(second);
            }
        }
        first = NONE;
        second = NONE;
        out.flush();
    }

    /** U+200E, U+200F (marks), U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates). */
    private static boolean isBidiControl(int point) {
        return point == 0x200E
                || point == 0x200F
                || (point >= 0x202A && point <= 0x202E)
                || (point >= 0x2066 && point <= 0x2069);
    }

    private void codePoint(int point) throws IOException {
        shown(String.format("<U+%04X>", point));
    }

    private void shown(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void raw(int... bytes) throws IOException {
        for (int b : bytes) {
            out.write(b);
        }
    }
}
