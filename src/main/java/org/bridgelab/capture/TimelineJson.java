package org.bridgelab.capture;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link Timeline} as JSON one row at a time, so that a million rows need never be alive at once:
 * the lanes and capture points first, then each row as it comes (in kernel order), then the NAT pairs and
 * netfilter paths. The output is the JSON Jackson writes for the whole {@link Timeline} record, indented,
 * byte for byte ({@code TimelineJsonTest}); {@code run --timeline} and {@code bridgelab timeline} write it.
 */
public final class TimelineJson implements Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BUFFER = 1 << 16;

    private final JsonGenerator json;
    private int rows;

    private TimelineJson(OutputStream out) throws IOException {
        json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.useDefaultPrettyPrinter();
    }

    /** Starts the file: lanes, capture points, and the opening of the rows. */
    public static TimelineJson start(Path file, List<String> lanes, List<String> capturePoints) throws IOException {
        TimelineJson writer = new TimelineJson(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
        try {
            writer.head(lanes, capturePoints);
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /** A whole timeline, as {@link Timeline#write} promises. */
    static void write(Path file, Timeline timeline) throws IOException {
        try (TimelineJson writer = start(file, timeline.lanes(), timeline.capturePoints())) {
            for (Timeline.Row row : timeline.events()) {
                writer.row(row);
            }
            writer.finish(timeline.natPairs(), timeline.netfilterPaths());
        }
    }

    private void head(List<String> lanes, List<String> capturePoints) throws IOException {
        json.writeStartObject();
        strings("lanes", lanes);
        strings("capturePoints", capturePoints);
        json.writeFieldName("events");
        json.writeStartArray();
    }

    /** The next row; rows come in the timeline's (kernel) order. */
    public void row(Timeline.Row row) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sequence", row.sequence());
        json.writeNumberField("travel", row.travel());
        json.writeNumberField("timeNanos", row.timeNanos());
        json.writeStringField("point", row.point());
        json.writeStringField("from", row.from());
        json.writeStringField("to", row.to());
        json.writeStringField("protocol", row.protocol());
        json.writeStringField("flow", row.flow());
        json.writeStringField("srcMac", row.srcMac());
        json.writeStringField("dstMac", row.dstMac());
        json.writeStringField("summary", row.summary());
        integer("natPair", row.natPair());
        integer("netfilterPath", row.netfilterPath());
        json.writeEndObject();
        rows++;
    }

    /** Ends the rows, writes the pairs and paths and closes the timeline (not the file: {@link #close()}). */
    public void finish(List<Timeline.Pair> natPairs, List<Timeline.Path> netfilterPaths) throws IOException {
        json.writeEndArray();
        json.writeFieldName("natPairs");
        json.writeStartArray();
        for (Timeline.Pair pair : natPairs) {
            json.writeStartObject();
            json.writeStringField("kind", pair.kind());
            json.writeNumberField("before", pair.before());
            json.writeNumberField("after", pair.after());
            json.writeStringField("node", pair.node());
            json.writeStringField("field", pair.field());
            json.writeStringField("rewrite", pair.rewrite());
            json.writeStringField("description", pair.description());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("netfilterPaths");
        // few, and with nested steps: Jackson's own serialisation of the records
        MAPPER.writeValue(json, netfilterPaths);
        json.writeEndObject();
    }

    /** How many rows were written. */
    public int rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private void strings(String name, List<String> values) throws IOException {
        json.writeFieldName(name);
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private void integer(String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value.intValue());
        }
    }
}
