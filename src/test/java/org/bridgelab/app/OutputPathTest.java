package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bridgelab.app.InProcessCli.bridgelab;

import java.nio.file.Path;
import java.util.List;
import org.bridgelab.app.InProcessCli.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output file that cannot be written is refused before any lab is built, with the option and the reason. */
class OutputPathTest {
    @TempDir
    Path dir;

    @Test
    void run_refuses_each_output_it_could_not_write_before_building_the_lab() {
        String missing = dir.resolve("no-such-dir/out.file").toString();

        for (String option : List.of("--capture", "--timeline", "--dump-state")) {
            Outcome outcome = bridgelab("run", "s1", option, missing);

            assertThat(outcome.exitCode()).as(option).isEqualTo(2);
            assertThat(outcome.stderr())
                    .as(option)
                    .contains("cannot write " + option + " " + missing + ": there is no directory "
                            + dir.resolve("no-such-dir"))
                    .doesNotContain("lab host:");
        }
    }

    @Test
    void a_directory_is_not_a_file_to_write() {
        Outcome outcome = bridgelab("run", "s1", "--timeline", dir.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("cannot write --timeline " + dir + ": it is a directory");
    }

    @Test
    void timeline_checks_its_out_before_reading_the_capture() {
        Outcome outcome = bridgelab(
                "timeline",
                "no-such-capture.pcap",
                "--out",
                dir.resolve("x/y.json").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("cannot write --out").doesNotContain("no such file");
    }

    @Test
    void a_writable_place_passes() {
        OutputPath.check("--capture", dir.resolve("new.pcapng"));
        OutputPath.check("--capture", null);
    }
}
