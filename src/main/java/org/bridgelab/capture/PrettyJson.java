package org.bridgelab.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Indented JSON written straight into a byte buffer, laid out byte for byte as Jackson's generator with its
 * default pretty printer lays it out ({@code "name" : value}, objects one entry a line indented by two spaces,
 * arrays on one line as {@code [ a, b ]}, empty ones as {@code { }} and {@code [ ]}) and escaped as Jackson
 * escapes UTF-8 output (the two-character escapes, other control characters and each half of a surrogate
 * pair as {@code \}{@code uXXXX}, everything else as is). {@code PrettyJsonTest} holds it to Jackson's
 * output. A million timeline rows cost a fraction of what Jackson's token-by-token pretty printing costs.
 *
 * <p>One layout of its own for long lists of small objects (a timeline's rows): {@link #startLines()} puts
 * each value of an array on a line of its own, and {@link #startLine()} writes an object on one line as Jackson
 * writes it without a pretty printer ({@code {"name":value,…}}), so a million rows read and grep as a
 * million lines and take a third less room. Not thread-safe; one root value.
 */
final class PrettyJson implements Closeable {
    private static final int BUFFER = 1 << 16;
    /** Characters encoded at a time: each takes at most 6 bytes (an escape), so a chunk fits the buffer. */
    private static final int CHUNK = BUFFER / 8;
    /** Room that any single write below needs at most, bar strings and indentation (checked apart). */
    private static final int SMALL = 32;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 as is, a letter for its two-character escape, -1 for {@code \}{@code u00XX}. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        Arrays.fill(ESCAPES, 0, 32, (byte) -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    /** A field name encoded once: {@code "name" : }, and for a one-line object {@code "name":}. */
    static final class Name {
        private final byte[] bytes;
        private final byte[] compactFirst;
        private final byte[] compactNext;
        /**
         * The name with what goes before it at one depth, as the last use needed it: a field of a million rows
         * is then one copy instead of a comma, a line break, indentation and the name. Replaced whole, so a
         * name shared by two writers on two threads at most works it out twice.
         */
        private volatile Laid laid;

        /** {@code ,} (but for an object's first field), a line break, {@code nesting} indents and the name. */
        private record Laid(int nesting, byte[] first, byte[] next) {}

        private Name(byte[] bytes, byte[] compact) {
            this.bytes = bytes;
            this.compactFirst = compact;
            this.compactNext = new byte[compact.length + 1];
            compactNext[0] = ',';
            System.arraycopy(compact, 0, compactNext, 1, compact.length);
        }

        private Laid laid(int nesting) {
            Laid known = laid;
            if (known != null && known.nesting() == nesting) {
                return known;
            }
            int width = 1 + 2 * nesting;
            byte[] first = new byte[width + bytes.length];
            first[0] = '\n';
            Arrays.fill(first, 1, width, (byte) ' ');
            System.arraycopy(bytes, 0, first, width, bytes.length);
            byte[] next = new byte[first.length + 1];
            next[0] = ',';
            System.arraycopy(first, 0, next, 1, first.length);
            known = new Laid(nesting, first, next);
            laid = known;
            return known;
        }

        static Name of(String name) {
            PrettyJson encoder = new PrettyJson(OutputStream.nullOutputStream());
            try {
                encoder.quoted(name);
                byte[] quoted = Arrays.copyOf(encoder.buffer, encoder.used);
                encoder.ascii(" : ");
                byte[] compact = Arrays.copyOf(quoted, quoted.length + 1);
                compact[quoted.length] = ':';
                return new Name(Arrays.copyOf(encoder.buffer, encoder.used), compact);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("a short name fits the buffer", e);
            }
        }
    }

    /**
     * The encoded forms of the last few strings written through it, known by identity: for fields whose
     * values are a few shared strings (a capture point's label, MAC addresses), each escaped and encoded once.
     */
    static final class Recent {
        private static final int SIZE = 8;
        /** Longer strings are encoded each time. */
        private static final int LONGEST = 64;

        private final String[] texts = new String[SIZE];
        private final byte[][] encodings = new byte[SIZE][];
        private int next;
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private final char[] chars = new char[CHUNK];
    private int used;
    /** How deep the objects are nested: the indentation, as Jackson's pretty printer counts it. */
    private int nesting;
    /** The open containers, innermost last: whether each is an object, its layout, and how many entries it has. */
    private boolean[] objects = new boolean[16];

    private Layout[] layouts = new Layout[16];
    private int[] entries = new int[16];
    private int depth;
    private boolean afterName;

    /** How a container is laid out: as Jackson's pretty printer does, each value on a line, or all on one. */
    private enum Layout {
        PRETTY,
        LINES,
        ONE_LINE
    }

    PrettyJson(OutputStream out) {
        this.out = out;
    }

    PrettyJson startObject() throws IOException {
        if (inOneLine()) {
            return startLine();
        }
        beforeValue();
        room(SMALL);
        buffer[used++] = '{';
        open(true, Layout.PRETTY);
        nesting++;
        return this;
    }

    /** An object on one line, as Jackson writes it without a pretty printer (and so is all it holds). */
    PrettyJson startLine() throws IOException {
        beforeValue();
        room(SMALL);
        buffer[used++] = '{';
        open(true, Layout.ONE_LINE);
        return this;
    }

    PrettyJson endObject() throws IOException {
        if (layouts[depth - 1] == Layout.ONE_LINE) {
            room(SMALL);
            buffer[used++] = '}';
            depth--;
            return this;
        }
        nesting--;
        if (entries[depth - 1] > 0) {
            newLine();
        } else {
            room(SMALL);
            buffer[used++] = ' ';
        }
        room(SMALL);
        buffer[used++] = '}';
        depth--;
        return this;
    }

    PrettyJson startArray() throws IOException {
        beforeValue();
        room(SMALL);
        buffer[used++] = '[';
        open(false, inOneLine() ? Layout.ONE_LINE : Layout.PRETTY);
        return this;
    }

    /** An array whose values each start a line of their own, indented one step further than the array. */
    PrettyJson startLines() throws IOException {
        beforeValue();
        room(SMALL);
        buffer[used++] = '[';
        open(false, Layout.LINES);
        nesting++;
        return this;
    }

    PrettyJson endArray() throws IOException {
        Layout layout = layouts[depth - 1];
        if (layout == Layout.LINES) {
            nesting--;
        }
        if (layout == Layout.LINES && entries[depth - 1] > 0) {
            newLine();
        } else if (layout != Layout.ONE_LINE) {
            room(SMALL);
            buffer[used++] = ' ';
        }
        room(SMALL);
        buffer[used++] = ']';
        depth--;
        return this;
    }

    /** The next field of the innermost object; its value comes next. */
    PrettyJson name(Name name) throws IOException {
        if (layouts[depth - 1] == Layout.ONE_LINE) {
            byte[] bytes = entries[depth - 1]++ > 0 ? name.compactNext : name.compactFirst;
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
            afterName = true;
            return this;
        }
        Name.Laid laid = name.laid(nesting);
        byte[] bytes = entries[depth - 1]++ > 0 ? laid.next() : laid.first();
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        afterName = true;
        return this;
    }

    PrettyJson name(String name) throws IOException {
        return name(Name.of(name));
    }

    /** A string, or null. */
    PrettyJson string(String value) throws IOException {
        beforeValue();
        if (value == null) {
            return literal("null");
        }
        quoted(value);
        return this;
    }

    /** A string, or null; the same string object as one of {@code recent}'s is copied as it was encoded. */
    PrettyJson string(String value, Recent recent) throws IOException {
        if (value == null || value.length() > Recent.LONGEST) {
            return string(value);
        }
        beforeValue();
        for (int i = 0; i < Recent.SIZE; i++) {
            if (recent.texts[i] == value) {
                byte[] encoding = recent.encodings[i];
                room(encoding.length);
                System.arraycopy(encoding, 0, buffer, used, encoding.length);
                used += encoding.length;
                return this;
            }
        }
        // at most 6 bytes a character, and the quotes: encoded in place without a flush, then kept
        room(Recent.LONGEST * 6 + 2 * SMALL);
        int start = used;
        quoted(value);
        recent.texts[recent.next] = value;
        recent.encodings[recent.next] = Arrays.copyOfRange(buffer, start, used);
        recent.next = (recent.next + 1) % Recent.SIZE;
        return this;
    }

    PrettyJson number(long value) throws IOException {
        beforeValue();
        room(SMALL);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return this;
            }
            buffer[used++] = '-';
            value = -value;
        }
        int end = used + digits(value);
        for (int at = end - 1; at >= used; at--) {
            buffer[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        used = end;
        return this;
    }

    /** A number, or null. */
    PrettyJson number(Integer value) throws IOException {
        if (value == null) {
            beforeValue();
            return literal("null");
        }
        return number(value.longValue());
    }

    /**
     * Any tree Jackson made ({@code valueToTree}): objects, arrays, strings, numbers, booleans and nulls, as
     * Jackson would write them.
     */
    PrettyJson tree(JsonNode node) throws IOException {
        if (node.isObject()) {
            startObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                name(field.getKey()).tree(field.getValue());
            }
            return endObject();
        }
        if (node.isArray()) {
            startArray();
            for (JsonNode element : node) {
                tree(element);
            }
            return endArray();
        }
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return number(node.longValue());
        }
        if (node.isNull() || node.isMissingNode()) {
            beforeValue();
            return literal("null");
        }
        if (node.isNumber() || node.isBoolean()) {
            beforeValue();
            return literal(node.asText());
        }
        throw new IllegalArgumentException("no JSON text for a " + node.getNodeType() + " node");
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
        } else if (depth > 0 && !objects[depth - 1]) {
            room(SMALL);
            boolean first = entries[depth - 1]++ == 0;
            if (!first) {
                buffer[used++] = ',';
            }
            switch (layouts[depth - 1]) {
                case PRETTY -> buffer[used++] = ' ';
                case LINES -> newLine();
                case ONE_LINE -> {}
            }
        }
    }

    private boolean inOneLine() {
        return depth > 0 && layouts[depth - 1] == Layout.ONE_LINE;
    }

    private void open(boolean object, Layout layout) {
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
            layouts = Arrays.copyOf(layouts, depth * 2);
            entries = Arrays.copyOf(entries, depth * 2);
        }
        objects[depth] = object;
        layouts[depth] = layout;
        entries[depth] = 0;
        depth++;
    }

    private void newLine() throws IOException {
        int width = 1 + 2 * nesting;
        room(width);
        buffer[used] = '\n';
        Arrays.fill(buffer, used + 1, used + width, (byte) ' ');
        used += width;
    }

    private PrettyJson literal(String text) throws IOException {
        ascii(text);
        return this;
    }

    /** Text known to be plain ASCII, as is. */
    private void ascii(String text) throws IOException {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[used++] = (byte) text.charAt(i);
        }
    }

    /** A string in quotes, escaped and encoded as UTF-8 a chunk at a time. */
    private void quoted(String value) throws IOException {
        room(SMALL);
        buffer[used++] = '"';
        int length = value.length();
        int from = 0;
        while (from < length) {
            int chunk = Math.min(length - from, CHUNK);
            room(chunk * 6);
            // copied out first, as Jackson does: one loop for every string, whatever its coder
            value.getChars(from, from + chunk, chars, 0);
            byte[] bytes = buffer;
            int at = used;
            int i = 0;
            // most text is printable ASCII without quotes or backslashes: copied as is
            for (; i < chunk; i++) {
                char c = chars[i];
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                bytes[at + i] = (byte) c;
            }
            used = i == chunk ? at + i : encoded(chars, i, chunk, bytes, at + i);
            from += chunk;
        }
        room(SMALL);
        buffer[used++] = '"';
    }

    /** Escapes and encodes {@code chars[from..to)} into {@code bytes} from {@code at}; returns the end. */
    private static int encoded(char[] chars, int from, int to, byte[] bytes, int at) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    bytes[at++] = (byte) c;
                } else if (escape > 0) {
                    bytes[at++] = '\\';
                    bytes[at++] = escape;
                } else {
                    at = unicodeEscape(bytes, at, c);
                }
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xc0 | (c >> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // Jackson escapes each half of a pair rather than combine them
                at = unicodeEscape(bytes, at, c);
            } else {
                bytes[at++] = (byte) (0xe0 | (c >> 12));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return at;
    }

    private static int unicodeEscape(byte[] bytes, int at, char c) {
        bytes[at++] = '\\';
        bytes[at++] = 'u';
        bytes[at++] = HEX[(c >> 12) & 0xf];
        bytes[at++] = HEX[(c >> 8) & 0xf];
        bytes[at++] = HEX[(c >> 4) & 0xf];
        bytes[at++] = HEX[c & 0xf];
        return at;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    /** Makes room for {@code bytes} more, writing out the buffer when it has too little. */
    private void room(int bytes) throws IOException {
        if (used + bytes > BUFFER) {
            out.write(buffer, 0, used);
            used = 0;
            if (bytes > BUFFER) {
                throw new IllegalStateException("a single write of " + bytes + " bytes");
            }
        }
    }
}
