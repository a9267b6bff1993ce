package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.RunReport;
import org.junit.jupiter.api.Test;

class ReplayTest {
    /** Recorded by bridgelab run s1 --bundle on the sandbox. */
    private static final Path S1 = Path.of("src/test/resources/bundles/s1.bridgelab");

    @Test
    void a_recorded_session_replays_its_packets_and_the_topology_after_its_last_step() throws Exception {
        Replay.Loaded replay = Replay.load(S1);

        assertThat(replay.manifest().lessons()).containsExactly("s1");
        assertThat(replay.topology().namespace("docker0")).isPresent();
        assertThat(replay.topology().namespace("host").orElseThrow().link("br0"))
                .isPresent();
        assertThat(replay.events()).isNotEmpty();
        assertThat(replay.events())
                .extracting(PacketEvent::summary)
                .anySatisfy(summary -> assertThat(summary).startsWith("who-has 172.18.0.3 tell 172.18.0.2"))
                .anySatisfy(summary -> assertThat(summary).contains("172.18.0.2 > 172.18.0.3: ICMP echo request"));
        // as captured: in the kernel's order, each kept in the store the rows read from
        assertThat(replay.events()).extracting(PacketEvent::timestampNanos).isSorted();
        assertThat(replay.store().size()).isEqualTo(replay.events().size());
        assertThat(replay.lastStep()).isEqualTo(new Replay.StepName("s1", "ping-back"));
    }

    @Test
    void a_recorded_session_brings_its_steps_back_as_they_ran_with_every_check_as_recorded() throws Exception {
        // when:
        RunReport report = Replay.load(S1).report();

        // then: s1's steps, each with its actions, their output and their checks
        assertThat(report.lessons()).extracting(RunReport.LessonReport::id).containsExactly("s1");
        RunReport.LessonReport s1 = report.lessons().get(0);
        assertThat(s1.steps())
                .extracting(RunReport.StepReport::id)
                .startsWith("namespaces")
                .contains("ping-back");
        assertThat(s1.passed()).isTrue();
        RunReport.ActionReport ls = s1.steps().get(0).actions().get(2);
        assertThat(ls.display()).isEqualTo("ls -l /var/run/netns");
        assertThat(ls.output()).contains("docker0", "docker1");
        CheckResult contains = ls.checks().get(1);
        assertThat(contains.passed()).isTrue();
        // the report speaks English: the sentence comes back as it was written, in every language
        assertThat(contains.expected().in("en")).isEqualTo("output contains \"docker0\"");
        assertThat(contains.expected().in("zh")).isEqualTo("output contains \"docker0\"");
        assertThat(contains.evidence().in("en")).contains("docker0");
    }

    @Test
    void the_step_a_topology_was_read_after_is_found_in_its_entry_name() {
        assertThat(Replay.stepOf("topology/003-s3-masquerade.json", List.of("s1", "s3")))
                .isEqualTo(new Replay.StepName("s3", "masquerade"));
        // a lesson's id that begins another's: the longer one
        assertThat(Replay.stepOf(
                        "topology/012-challenge-forward-drop-fix.json",
                        List.of("challenge-forward", "challenge-forward-drop")))
                .isEqualTo(new Replay.StepName("challenge-forward-drop", "fix"));
        // the window's export, and names of no lesson listed
        assertThat(Replay.stepOf("topology/after-last-step.json", List.of("s1")))
                .isNull();
        assertThat(Replay.stepOf("topology/001-s2-ping.json", List.of("s1"))).isNull();
        assertThat(Replay.stepOf("topology/001-s1-.json", List.of("s1"))).isNull();
    }
}
