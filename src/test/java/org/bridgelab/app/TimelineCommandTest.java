package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bridgelab.capture.CaptureFileReader;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab timeline FILE --out FILE.json}, run in-process through {@link Main#run}. */
class TimelineCommandTest {
    private static final CapturePoint BR0 = new CapturePoint("host", "br0");
    private static final CapturePoint ETH0 = new CapturePoint("host", "eth0");

    /** What the command printed and returned. */
    private record Outcome(int exitCode, String stdout, String stderr) {
        List<String> errLines() {
            return stderr.lines().toList();
        }
    }

    private static Outcome bridgelab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = TimelineCommandTest.class.getResourceAsStream("/org/bridgelab/capture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Resource not found: " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Scenario 3 recorded on br0 and eth0, written point after point: file order is not kernel order. */
    private static Path scenario3Pcapng(Path dir) throws IOException {
        Path file = dir.resolve("s3.pcapng");
        try (PcapngWriter writer = new PcapngWriter(file)) {
            for (String name : List.of("s3-br0.pcap", "s3-eth0.pcap")) {
                Path pcap = Files.write(dir.resolve(name), fixture(name));
                for (CaptureFileReader.Frame frame : CaptureFileReader.frames(pcap)) {
                    writer.write(name.contains("br0") ? BR0 : ETH0, frame.record());
                }
            }
        }
        return file;
    }

    @Test
    void a_pcapng_of_scenario_3_becomes_a_timeline_in_kernel_order_with_its_nat_pairs(@TempDir Path dir)
            throws Exception {
        // given:
        Path capture = scenario3Pcapng(dir);
        Path json = dir.resolve("timeline.json");

        // when:
        Outcome outcome = bridgelab("timeline", capture.toString(), "--out", json.toString());

        // then:
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.errLines()).containsExactly("timeline written to " + json + " (10 packets)");
        JsonNode timeline = new ObjectMapper().readTree(json.toFile());
        assertThat(timeline.path("capturePoints"))
                .extracting(JsonNode::asText)
                .containsExactly("host/br0", "host/eth0");
        List<Long> times = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (JsonNode event : timeline.path("events")) {
            assertThat(event.path("sequence").asLong()).isEqualTo(times.size());
            times.add(event.path("timeNanos").asLong());
            points.add(event.path("point").asText());
        }
        assertThat(times).hasSize(10).isSorted();
        assertThat(points)
                .contains("host/br0", "host/eth0")
                .isNotEqualTo(points.stream().sorted().toList());
        assertThat(timeline.path("natPairs"))
                .extracting(pair -> pair.path("kind").asText())
                .containsExactly("SNAT", "REVERSE_SNAT");
        for (JsonNode pair : timeline.path("natPairs")) {
            assertThat(pair.path("before").asLong())
                    .isLessThan(pair.path("after").asLong());
        }
        JsonNode snat = timeline.path("natPairs").get(0);
        JsonNode before = timeline.path("events").get(snat.path("before").asInt());
        JsonNode after = timeline.path("events").get(snat.path("after").asInt());
        assertThat(before.path("point").asText()).isEqualTo("host/br0");
        assertThat(before.path("summary").asText()).startsWith("172.18.0.2 > 198.51.100.10");
        assertThat(after.path("point").asText()).isEqualTo("host/eth0");
        assertThat(after.path("summary").asText()).startsWith("192.0.2.183 > 198.51.100.10");
        assertThat(after.path("travel").asLong())
                .isEqualTo(before.path("travel").asLong());
        assertThat(before.path("natPair").asInt()).isZero();
        assertThat(timeline.path("netfilterPaths")).isEmpty();
        assertThat(timeline.path("lanes")).isEmpty();
    }

    @Test
    void a_classic_pcap_from_tcpdump_is_one_capture_point_of_the_file(@TempDir Path dir) throws Exception {
        // given:
        Path capture = Files.write(dir.resolve("eth0.pcap"), fixture("CaptureFileReaderTest-tcpdump-nanos.pcap"));
        Path json = dir.resolve("timeline.json");

        // when:
        Outcome outcome = bridgelab("timeline", "--out", json.toString(), capture.toString());

        // then:
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        JsonNode timeline = new ObjectMapper().readTree(json.toFile());
        assertThat(timeline.path("capturePoints")).extracting(JsonNode::asText).containsExactly("file/if0");
        assertThat(timeline.path("events")).hasSize(4);
    }

    @Test
    void garbage_is_refused_in_one_line_naming_the_file_with_exit_2(@TempDir Path dir) throws Exception {
        // given:
        Path garbage = Files.writeString(dir.resolve("notes.pcap"), "these are my notes, not a capture\n");
        Path json = dir.resolve("timeline.json");

        // when:
        Outcome outcome = bridgelab("timeline", garbage.toString(), "--out", json.toString());

        // then:
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errLines())
                .singleElement()
                .asString()
                .startsWith("bridgelab timeline: " + garbage + ": not a capture file");
        assertThat(json).doesNotExist();
    }

    @Test
    void an_empty_file_is_refused_in_one_line_with_exit_2(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pcapng"));

        Outcome outcome = bridgelab(
                "timeline", empty.toString(), "--out", dir.resolve("t.json").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errLines())
                .containsExactly("bridgelab timeline: " + empty + ": empty file: no pcap or pcapng header");
    }

    @Test
    void a_truncated_file_is_refused_in_one_line_with_exit_2(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(scenario3Pcapng(dir));
        Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 30));

        Outcome outcome = bridgelab(
                "timeline", cut.toString(), "--out", dir.resolve("t.json").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errLines())
                .singleElement()
                .asString()
                .contains(cut.toString())
                .contains("truncated");
    }

    @Test
    void a_missing_file_is_refused_in_one_line_with_exit_2(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pcap");

        Outcome outcome = bridgelab(
                "timeline", missing.toString(), "--out", dir.resolve("t.json").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly("bridgelab timeline: " + missing + ": no such file");
    }

    @Test
    void without_out_or_with_an_unknown_option_the_usage_is_shown_with_exit_2(@TempDir Path dir) throws Exception {
        Path capture = scenario3Pcapng(dir);

        Outcome noOut = bridgelab("timeline", capture.toString());
        Outcome unknown = bridgelab("timeline", capture.toString(), "--out", "x.json", "--fast");

        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.stderr())
                .startsWith("bridgelab timeline: give --out FILE.json")
                .contains("Usage:");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr())
                .startsWith("bridgelab timeline: unknown option --fast")
                .contains("Usage:");
        assertThat(Path.of("x.json")).doesNotExist();
    }
}
