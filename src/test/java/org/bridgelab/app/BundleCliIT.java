package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.session.SessionBundle;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session bundles from real runs, and the class report an instructor makes of them. */
@KernelTest
class BundleCliIT {
    @TempDir
    Path dir;

    @Test
    void a_run_asked_for_a_capture_file_and_a_bundle_puts_the_capture_in_both() throws Exception {
        Path pcap = dir.resolve("s1.pcapng");
        Path bundle = dir.resolve("dave.bridgelab");

        CommandResult run = Cli.run("run", "s1", "--capture", pcap.toString(), "--bundle", bundle.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.size(pcap)).isPositive();
        try (var zip = new java.util.zip.ZipFile(bundle.toFile())) {
            assertThat(zip.getEntry("capture.pcapng"))
                    .as("the bundle's capture")
                    .isNotNull();
            assertThat(zip.getInputStream(zip.getEntry("capture.pcapng")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(pcap));
        }
    }

    @Test
    void the_class_report_has_a_row_per_bundle_the_passed_the_failed_and_the_damaged_one_named() throws Exception {
        // given: a learner who passed scenario 1, one whose lesson of their own failed, one whose bundle was cut
        Path passed = dir.resolve("alice.bridgelab");
        CommandResult alice = Cli.run("run", "s1", "--bundle", passed.toString());
        assertThat(alice.exitCode()).as(alice.stderr()).isZero();
        assertThat(alice.stderr()).contains("session bundle written to " + passed);
        Path lesson = Files.writeString(dir.resolve("br9.json"), """
                {"id": "my-bridge", "title": {"en": "My bridge", "zh": "我的网桥"}, "requires": ["s1"], "steps": [
                  {"id": "look", "title": {"en": "Look for br9", "zh": "找 br9"}, "actions": [
                    {"check": [{"link": "br9"}]}
                  ]}
                ]}""");
        Path failed = dir.resolve("bob.bridgelab");
        CommandResult bob = Cli.run("run", "--lesson-file", lesson.toString(), "--bundle", failed.toString());
        assertThat(bob.exitCode()).as(bob.stderr()).isEqualTo(1);
        Path damaged = dir.resolve("carol.bridgelab");
        byte[] whole = Files.readAllBytes(passed);
        Files.write(damaged, Arrays.copyOf(whole, whole.length - 100));

        // then: alice's bundle holds what it says
        SessionBundle.Contents contents = SessionBundle.read(passed);
        assertThat(contents.manifest().lessons()).containsExactly("s1");
        try (var zip = new java.util.zip.ZipFile(passed.toFile())) {
            assertThat(zip.getEntry("capture.pcapng").getSize()).isPositive();
            assertThat(zip.getEntry("topology/010-s1-ping-back.json")).isNotNull();
            assertThat(zip.getEntry("lessons/s1.json")).isNotNull();
        }

        // when:
        Path csv = dir.resolve("class.csv");
        CommandResult report =
                Cli.run("report", passed.toString(), failed.toString(), damaged.toString(), "--csv", csv.toString());

        // then: one row each, right; the damaged one named with why, and the exit status says so
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.stderr()).contains("carol.bridgelab is damaged: not a readable zip");
        assertThat(Files.readAllLines(csv))
                .satisfiesExactly(
                        header -> assertThat(header)
                                .isEqualTo("\"bundle\",\"learner\",\"lessons passed\",\"challenges passed\","
                                        + "\"checks failed\",\"predictions right\",\"hints\",\"diagnoses\",\"time\","
                                        + "\"status\""),
                        row -> assertThat(row)
                                .startsWith("\"alice.bridgelab\",\"" + System.getProperty("user.name")
                                        + "\",\"1/1\",\"0/0\",\"0\",\"-\",\"0\",\"0\",")
                                .endsWith(",\"ok\""),
                        row -> assertThat(row)
                                .startsWith("\"bob.bridgelab\",\"" + System.getProperty("user.name")
                                        + "\",\"1/2\",\"0/0\",\"1\",")
                                .endsWith(",\"ok\""),
                        row -> assertThat(row)
                                .startsWith("\"carol.bridgelab\",\"?\"")
                                .contains("\"damaged: not a readable zip"));
        assertThat(report.stdout().lines().toList())
                .hasSize(4)
                .anySatisfy(
                        line -> assertThat(line).startsWith("alice.bridgelab").endsWith("ok"));
    }
}
