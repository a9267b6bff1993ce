package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole curriculum on one real sandbox lab, then each scenario's evidence looked at. */
@KernelTest
class ScenariosIT {
    private static RunReport report;

    @BeforeAll
    static void runTheCurriculum() {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            report = new LessonRunner(lab.host(), RunListener.NONE).run(Curriculum.bundled().lessons());
        }
    }

    @Test
    void every_lesson_passes_on_the_real_kernel() {
        assertThat(report.error()).isNull();
        assertThat(report.lessons()).extracting(RunReport.LessonReport::id)
                .containsExactly("s1", "s2", "s3", "s4", "teardown");
        assertThat(report.lessons()).allSatisfy(lesson -> assertThat(lesson.passed()).as(lesson.id()).isTrue());
        assertThat(report.passed()).isTrue();
    }

    @Test
    void scenario_1_br0_sees_the_arp_question_and_answer_then_the_echo() {
        String tcpdump = action("s1", "ping", "(Ctrl-C tcpdump)").output();
        int request = tcpdump.indexOf("ARP, Request who-has 172.18.0.3 tell 172.18.0.2");
        int reply = tcpdump.indexOf("ARP, Reply 172.18.0.3 is-at");
        int echo = tcpdump.indexOf("IP 172.18.0.2 > 172.18.0.3: ICMP echo request");
        assertThat(request).isNotNegative();
        assertThat(reply).isGreaterThan(request);
        assertThat(echo).isGreaterThan(reply);
    }

    @Test
    void scenario_2_text_typed_on_each_side_arrives_on_the_other() {
        assertThat(action("s2", "connect", "(wait for server)").output()).contains("hello from the host");
        assertThat(action("s2", "connect", "(wait for client)").output()).contains("hello from docker0");
    }

    @Test
    void scenario_3_fails_before_masquerade_and_the_internet_sees_only_the_host_after() {
        RunReport.ActionReport before = action("s3", "before-masquerade", "sudo ip netns exec docker0 ping -c 1 -W 1 198.51.100.10");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.output()).contains("100% packet loss");
        String serverSide = action("s3", "ping-outside", "(Ctrl-C server-side)").output();
        assertThat(serverSide).contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request")
                .contains("IP 198.51.100.10 > 192.0.2.183: ICMP echo reply")
                .doesNotContain("172.18.0.");
    }

    @Test
    void scenario_4_the_remote_machine_reaches_the_container_through_dnat() {
        assertThat(action("s4", "remote-connect", "telnet 192.0.2.183 80").node()).isEqualTo("remote");
        assertThat(action("s4", "remote-connect", "(wait for server)").output()).contains("hello from the remote machine");
    }

    private static RunReport.ActionReport action(String lesson, String step, String display) {
        List<RunReport.ActionReport> actions = report.lessons().stream().filter(l -> l.id().equals(lesson))
                .flatMap(l -> l.steps().stream()).filter(s -> s.id().equals(step))
                .flatMap(s -> s.actions().stream()).toList();
        // the last one: a process awaited twice has printed the most by then
        return actions.stream().filter(a -> a.display().equals(display)).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no action " + display + " in " + lesson + "/" + step + ": " + actions));
    }
}
