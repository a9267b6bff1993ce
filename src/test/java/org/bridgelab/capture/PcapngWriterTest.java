package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {

    private static Path writeScenario3(Path dir) throws Exception {
        return CaptureFixtures.scenario3Pcapng(dir);
    }

    @Test
    void one_interface_block_per_capture_point_named_after_it(@TempDir Path dir) throws Exception {
        // given / when:
        ByteBuffer file =
                ByteBuffer.wrap(Files.readAllBytes(writeScenario3(dir))).order(ByteOrder.LITTLE_ENDIAN);

        // then: walking the blocks by their lengths lands exactly on the end
        List<String> names = new ArrayList<>();
        int packets = 0;
        while (file.hasRemaining()) {
            int start = file.position();
            int type = file.getInt(start);
            int length = file.getInt(start + 4);
            assertThat(file.getInt(start + length - 4))
                    .as("trailing length of block at " + start)
                    .isEqualTo(length);
            if (type == 1) {
                int nameLength = file.getShort(start + 18);
                byte[] name = new byte[nameLength];
                file.get(start + 20, name);
                names.add(new String(name, StandardCharsets.UTF_8));
            } else if (type == 6) {
                packets++;
            }
            file.position(start + length);
        }
        assertThat(names).containsExactly("host/br0", "host/eth0");
        assertThat(packets)
                .isEqualTo(CaptureFixtures.records("s3-br0.pcap").size()
                        + CaptureFixtures.records("s3-eth0.pcap").size());
    }

    @Test
    void tcpdump_reads_it_back_with_nanosecond_times(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
        Path file = writeScenario3(dir);

        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", file.toString()), Duration.ofSeconds(20));

        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout())
                .contains("IP 172.18.0.2 > 198.51.100.10: ICMP echo request")
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request")
                .contains("ARP, Request who-has 192.0.2.1 tell 192.0.2.183");
    }

    @Test
    void interfaces_declared_without_frames_make_a_file_tcpdump_reads(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
        // given:
        Path file = dir.resolve("empty.pcapng");

        // when: declared twice, no frame
        try (PcapngWriter writer = new PcapngWriter(file)) {
            writer.declare(CaptureFixtures.BR0);
            writer.declare(CaptureFixtures.BR0);
        }

        // then: one interface, zero packets, and tcpdump is content
        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", file.toString()), Duration.ofSeconds(20));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout()).isEmpty();
        int idbLength = 12 + 8 + 4 + 8 + 8 + 4;
        assertThat(Files.size(file)).isEqualTo(28 + idbLength);
        assertThat(CaptureFileReader.frames(file)).isEmpty();
    }

    @Test
    void an_empty_capture_session_exports_a_file_tcpdump_and_the_reader_accept(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
        // given: a session that never started a point (its lab host is never asked anything)
        Path file = dir.resolve("nothing.pcapng");
        try (CaptureSession session = new CaptureSession(null)) {
            // when:
            session.exportPcapng(file);
        }

        // then:
        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", file.toString()), Duration.ofSeconds(20));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(CaptureFileReader.frames(file)).isEmpty();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).contains("none/none");
    }
}
