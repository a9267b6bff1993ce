package org.bridgelab.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link Timeline} as JSON one row at a time, so that a million rows need never be alive at once:
 * the lanes and capture points first, then each row as it comes (in kernel order), then the NAT pairs and
 * netfilter paths. The output is the JSON of the whole {@link Timeline} record as Jackson reads it, laid out
 * as Jackson indents it but for the rows and NAT pairs: one a line, each as Jackson writes it unindented
 * ({@code TimelineTest}, {@code CaptureFileTimelineTest}), so that a packet is a line to grep and a million
 * take a third less room. {@code run --timeline} and {@code bridgelab timeline} write it. The rows and pairs
 * are written by {@link PrettyJson}, field by field; the few netfilter paths, with their nested steps, go
 * through Jackson's tree of the records.
 */
public final class TimelineJson implements Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PrettyJson.Name LANES = PrettyJson.Name.of("lanes");
    private static final PrettyJson.Name CAPTURE_POINTS = PrettyJson.Name.of("capturePoints");
    private static final PrettyJson.Name EVENTS = PrettyJson.Name.of("events");
    private static final PrettyJson.Name SEQUENCE = PrettyJson.Name.of("sequence");
    private static final PrettyJson.Name TRAVEL = PrettyJson.Name.of("travel");
    private static final PrettyJson.Name TIME_NANOS = PrettyJson.Name.of("timeNanos");
    private static final PrettyJson.Name POINT = PrettyJson.Name.of("point");
    private static final PrettyJson.Name FROM = PrettyJson.Name.of("from");
    private static final PrettyJson.Name TO = PrettyJson.Name.of("to");
    private static final PrettyJson.Name PROTOCOL = PrettyJson.Name.of("protocol");
    private static final PrettyJson.Name FLOW = PrettyJson.Name.of("flow");
    private static final PrettyJson.Name SRC_MAC = PrettyJson.Name.of("srcMac");
    private static final PrettyJson.Name DST_MAC = PrettyJson.Name.of("dstMac");
    private static final PrettyJson.Name SUMMARY = PrettyJson.Name.of("summary");
    private static final PrettyJson.Name NAT_PAIR = PrettyJson.Name.of("natPair");
    private static final PrettyJson.Name NETFILTER_PATH = PrettyJson.Name.of("netfilterPath");
    private static final PrettyJson.Name NAT_PAIRS = PrettyJson.Name.of("natPairs");
    private static final PrettyJson.Name KIND = PrettyJson.Name.of("kind");
    private static final PrettyJson.Name BEFORE = PrettyJson.Name.of("before");
    private static final PrettyJson.Name AFTER = PrettyJson.Name.of("after");
    private static final PrettyJson.Name NODE = PrettyJson.Name.of("node");
    private static final PrettyJson.Name FIELD = PrettyJson.Name.of("field");
    private static final PrettyJson.Name REWRITE = PrettyJson.Name.of("rewrite");
    private static final PrettyJson.Name DESCRIPTION = PrettyJson.Name.of("description");
    private static final PrettyJson.Name NETFILTER_PATHS = PrettyJson.Name.of("netfilterPaths");

    private final PrettyJson json;
    private final PrettyJson.Recent points = new PrettyJson.Recent();
    private final PrettyJson.Recent protocols = new PrettyJson.Recent();
    private final PrettyJson.Recent macs = new PrettyJson.Recent();
    private int rows;

    private TimelineJson(PrettyJson json) {
        this.json = json;
    }

    /** Starts the file: lanes, capture points, and the opening of the rows. */
    public static TimelineJson start(Path file, List<String> lanes, List<String> capturePoints) throws IOException {
        TimelineJson writer = new TimelineJson(new PrettyJson(Files.newOutputStream(file)));
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
        json.startObject();
        strings(LANES, lanes);
        strings(CAPTURE_POINTS, capturePoints);
        json.name(EVENTS).startLines();
    }

    /** The next row; rows come in the timeline's (kernel) order. */
    public void row(Timeline.Row row) throws IOException {
        json.startLine()
                .name(SEQUENCE)
                .number(row.sequence())
                .name(TRAVEL)
                .number(row.travel())
                .name(TIME_NANOS)
                .number(row.timeNanos())
                .name(POINT)
                .string(row.point(), points)
                .name(FROM)
                .string(row.from())
                .name(TO)
                .string(row.to())
                .name(PROTOCOL)
                .string(row.protocol(), protocols)
                .name(FLOW)
                .string(row.flow())
                .name(SRC_MAC)
                .string(row.srcMac(), macs)
                .name(DST_MAC)
                .string(row.dstMac(), macs)
                .name(SUMMARY)
                .string(row.summary())
                .name(NAT_PAIR)
                .number(row.natPair())
                .name(NETFILTER_PATH)
                .number(row.netfilterPath())
                .endObject();
        rows++;
    }

    /** Ends the rows, writes the pairs and paths and closes the timeline (not the file: {@link #close()}). */
    public void finish(List<Timeline.Pair> natPairs, List<Timeline.Path> netfilterPaths) throws IOException {
        json.endArray();
        json.name(NAT_PAIRS).startLines();
        for (Timeline.Pair pair : natPairs) {
            json.startLine()
                    .name(KIND)
                    .string(pair.kind())
                    .name(BEFORE)
                    .number(pair.before())
                    .name(AFTER)
                    .number(pair.after())
                    .name(NODE)
                    .string(pair.node())
                    .name(FIELD)
                    .string(pair.field())
                    .name(REWRITE)
                    .string(pair.rewrite())
                    .name(DESCRIPTION)
                    .string(pair.description())
                    .endObject();
        }
        json.endArray();
        // few, and with nested steps: Jackson's own view of the records, written in the same layout
        json.name(NETFILTER_PATHS).tree(MAPPER.valueToTree(netfilterPaths));
        json.endObject();
        json.flush();
    }

    /** How many rows were written. */
    public int rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private void strings(PrettyJson.Name name, List<String> values) throws IOException {
        json.name(name).startArray();
        for (String value : values) {
            json.string(value);
        }
        json.endArray();
    }
}
