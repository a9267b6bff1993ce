package org.bridgelab.lab;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A command's output kept as text, within a bound: its first lines and its last lines, and how much was
 * left out between them. A lesson's {@code yes}, or one typed in the console, prints without end; kept
 * whole, it took the app's memory within seconds. The beginning says what the command is, the end is where
 * it says what went wrong, so those are kept. A line longer than {@code maxLine} bytes is cut into pieces,
 * so output without line breaks is bounded too. Bytes are text as UTF-8; the output's own line breaks are
 * kept as they were, a last line without one included.
 */
final class BoundedOutput extends OutputStream {
    static final int DEFAULT_LIMIT = 4 << 20;
    /** What a kept line costs beyond its characters (its String and its place in the deque), so that a flood of short lines is bounded in memory, not only in text. */
    private static final int LINE_COST = 40;

    private final int headLimit;
    private final int tailLimit;
    private final int maxLine;
    private final StringBuilder head = new StringBuilder();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> lineListener;
    /** Whether the lines are a live command's, shown to a person as they come ({@link ShownText}). */
    private final boolean shown;

    private int tailChars;
    private long droppedLines;
    private long droppedChars;
    private boolean unterminated;

    BoundedOutput() {
        this(DEFAULT_LIMIT);
    }

    /** At most about {@code limit} characters: half for the first lines, half for the last. */
    BoundedOutput(int limit) {
        this.headLimit = limit / 2;
        this.tailLimit = limit / 2;
        this.maxLine = Math.max(1, limit / 4);
        this.lineListener = line -> {};
        this.shown = false;
    }

    /**
     * Also hands every line to {@code lineListener} as it ends (without its line break; a line longer than
     * {@code maxLine} bytes in pieces), so that a live command's output can be followed line by line.
     */
    BoundedOutput(int limit, int maxLine, Consumer<String> lineListener) {
        this.headLimit = limit / 2;
        this.tailLimit = limit / 2;
        this.maxLine = Math.max(1, maxLine);
        this.lineListener = lineListener;
        this.shown = true;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine(true);
            return;
        }
        line.write(b);
        if (line.size() >= maxLine) {
            endLine(true);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            boolean lineBreak = bytes[i] == '\n';
            if (lineBreak || line.size() + (i + 1 - start) >= maxLine) {
                line.write(bytes, start, lineBreak ? i - start : i + 1 - start);
                endLine(true);
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** The command's output ended (the process handler flushes at its end): a last line without a break is a line. */
    @Override
    public synchronized void flush() {
        close();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            endLine(false);
        }
    }

    private void endLine(boolean terminated) {
        String content = shown ? ShownText.of(line.toByteArray()) : line.toString(StandardCharsets.UTF_8);
        line.reset();
        keep(content, terminated);
        lineListener.accept(content);
    }

    /** Keeps a line that arrived as text (a live command's interleaved stdout and stderr). */
    synchronized void line(String content) {
        keep(content, true);
    }

    private void keep(String content, boolean terminated) {
        String text = terminated ? content + "\n" : content;
        unterminated = !terminated;
        if (droppedLines == 0 && tail.isEmpty() && head.length() + text.length() <= headLimit) {
            head.append(text);
            return;
        }
        tail.addLast(text);
        tailChars += text.length() + LINE_COST;
        while (tailChars > tailLimit && tail.size() > 1) {
            String gone = tail.removeFirst();
            tailChars -= gone.length() + LINE_COST;
            droppedLines++;
            droppedChars += gone.length();
        }
    }

    /** What was kept, with a line saying how much was not where it was left out. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder(head);
        if (droppedLines > 0) {
            text.append("… ")
                    .append(droppedLines)
                    .append(" lines (")
                    .append(droppedChars)
                    .append(" characters) of output not kept …\n");
        }
        tail.forEach(text::append);
        if (line.size() > 0) {
            text.append(line.toString(StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    boolean truncated() {
        return droppedLines > 0;
    }
}
