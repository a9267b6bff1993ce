package org.bridgelab.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The text a timeline's JSON must be, worked out with Jackson alone: the record indented as Jackson indents
 * it, but for its rows and NAT pairs, which come one a line, each as Jackson writes it unindented.
 */
final class TimelineJsonLayout {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelineJsonLayout() {}

    static String expected(Timeline timeline) throws Exception {
        String frame = utf8(MAPPER.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(new Timeline(
                        timeline.lanes(), timeline.capturePoints(), List.of(), List.of(), timeline.netfilterPaths())));
        return frame.replaceFirst(
                        "\"events\" : \\[ \\]",
                        java.util.regex.Matcher.quoteReplacement("\"events\" : " + lines(timeline.events())))
                .replaceFirst(
                        "\"natPairs\" : \\[ \\]",
                        java.util.regex.Matcher.quoteReplacement("\"natPairs\" : " + lines(timeline.natPairs())));
    }

    private static String lines(List<?> values) throws Exception {
        if (values.isEmpty()) {
            return "[ ]";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "\n    " : ",\n    ").append(utf8(MAPPER.writeValueAsBytes(values.get(i))));
        }
        return text.append("\n  ]").toString();
    }

    /** Jackson's UTF-8 output (it escapes what its String output does not, such as a lone surrogate). */
    private static String utf8(byte[] json) {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
