package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole curriculum (concepts, scenarios, Docker's way, teardown) on one real sandbox lab, then the evidence looked at. */
@KernelTest
class ScenariosIT {
    private static RunReport report;

    @BeforeAll
    static void runTheCurriculum() {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            report = new LessonRunner(lab.host(), RunListener.NONE)
                    .run(Curriculum.bundled().lessons());
        }
    }

    @Test
    void every_lesson_passes_on_the_real_kernel() {
        assertThat(report.error()).isNull();
        assertThat(report.lessons())
                .extracting(RunReport.LessonReport::id)
                .containsExactly(
                        "c1-namespaces",
                        "c2-veth",
                        "c3-bridge-learns",
                        "c4-separate-lans",
                        "c5-netfilter",
                        "s1",
                        "s2",
                        "s3",
                        "s4",
                        "challenge-forward-drop",
                        "challenge-default-route",
                        "challenge-dnat-output",
                        "docker",
                        "overlay",
                        "teardown");
        assertThat(report.lessons())
                .allSatisfy(
                        lesson -> assertThat(lesson.passed()).as(lesson.id()).isTrue());
        assertThat(report.passed()).isTrue();
    }

    @Test
    void every_challenge_is_proved_its_fault_breaks_its_goal_and_its_solution_repairs_it() {
        List<RunReport.LessonReport> challenges = report.lessons().stream()
                .filter(lesson -> lesson.id().startsWith("challenge-"))
                .toList();
        assertThat(challenges)
                .hasSize(3)
                .allSatisfy(challenge -> assertThat(challenge.steps())
                        .extracting(RunReport.StepReport::id)
                        .as(challenge.id())
                        .containsExactly(
                                "break",
                                LessonSession.FAULT_BREAKS_GOAL,
                                "solution",
                                challenge.steps().get(3).id()));
        assertThat(challenges)
                .allSatisfy(challenge ->
                        assertThat(challenge.passed()).as("%s", challenge).isTrue());
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
        RunReport.ActionReport before =
                action("s3", "before-masquerade", "sudo ip netns exec docker0 ping -c 1 -W 1 198.51.100.10");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.output()).contains("100% packet loss");
        String serverSide = action("s3", "ping-outside", "(Ctrl-C server-side)").output();
        assertThat(serverSide)
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request")
                .contains("IP 198.51.100.10 > 192.0.2.183: ICMP echo reply")
                .doesNotContain("172.18.0.");
    }

    @Test
    void scenario_4_the_remote_machine_reaches_the_container_through_dnat() {
        assertThat(action("s4", "remote-connect", "telnet 192.0.2.183 80").node())
                .isEqualTo("remote");
        assertThat(action("s4", "remote-connect", "(wait for server)").output())
                .contains("hello from the remote machine");
    }

    @Test
    void scenario_4_the_host_itself_is_refused_until_the_dnat_is_also_in_nat_output() {
        assertThat(action("s4", "from-the-host", "nc -z -w 1 192.0.2.183 80").exitCode())
                .isEqualTo(1);
        assertThat(action("s4", "fix-output", "nc -z -w 1 192.0.2.183 80").exitCode())
                .isZero();
    }

    @Test
    void every_prediction_is_confirmed_by_its_step_and_no_hint_is_shown_when_all_passes() {
        List<RunReport.StepReport> steps =
                report.lessons().stream().flatMap(l -> l.steps().stream()).toList();
        assertThat(steps)
                .allSatisfy(step -> assertThat(step.hint())
                        .as(step.lessonId() + "/" + step.id())
                        .isNull());
        List<RunReport.PredictionReport> predictions = steps.stream()
                .map(RunReport.StepReport::prediction)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(predictions)
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(p -> assertThat(p.confirmed()).isTrue());
    }

    @Test
    void concept_lessons_show_the_veth_packet_at_both_ends_the_learned_macs_and_the_traced_tables() {
        String echo = "IP 10.1.1.1 > 10.1.1.2: ICMP echo request";
        assertThat(action("c2-veth", "both-ends", "(Ctrl-C capture-a)").output())
                .contains(echo);
        assertThat(action("c2-veth", "both-ends", "(Ctrl-C capture-b)").output())
                .contains(echo);
        assertThat(action("c3-bridge-learns", "ping-and-learn", "bridge fdb show br br0")
                        .output())
                .contains("02:00:00:00:00:0a dev va-br master br0")
                .contains("02:00:00:00:00:0b dev vb-br master br0");
        assertThat(action("c4-separate-lans", "isolated", "sudo ip netns exec a ping -c 1 -W 1 10.1.1.3")
                        .exitCode())
                .isEqualTo(1);
        // the chains one packet passed, in order: r's own new ping is the packet that nat OUTPUT saw
        List<String> trace = action("c5-netfilter", "local", "(Ctrl-C trace)")
                .output()
                .lines()
                .filter(line -> line.startsWith(" TRACE: "))
                .toList();
        String packet = trace.stream()
                .filter(line -> line.contains(" nat:OUTPUT"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[3];
        List<String> chains = trace.stream()
                .map(line -> line.strip().split("\\s+"))
                .filter(f -> f[2].equals(packet))
                .map(f -> f[3].substring(0, f[3].indexOf(':', f[3].indexOf(':') + 1)))
                .distinct()
                .toList();
        assertThat(chains)
                .containsExactly(
                        "raw:OUTPUT",
                        "mangle:OUTPUT",
                        "nat:OUTPUT",
                        "filter:OUTPUT",
                        "mangle:POSTROUTING",
                        "nat:POSTROUTING");
    }

    @Test
    void the_docker_lesson_publishes_8080_through_the_docker_chain() {
        assertThat(action("docker", "from-remote", "sudo conntrack -L -p tcp --dport 8080")
                        .output())
                .contains("dport=8080 src=172.18.0.2");
    }

    private static RunReport.ActionReport action(String lesson, String step, String display) {
        List<RunReport.ActionReport> actions = report.lessons().stream()
                .filter(l -> l.id().equals(lesson))
                .flatMap(l -> l.steps().stream())
                .filter(s -> s.id().equals(step))
                .flatMap(s -> s.actions().stream())
                .toList();
        // the last one: a process awaited twice has printed the most by then
        return actions.stream()
                .filter(a -> a.display().equals(display))
                .reduce((first, second) -> second)
                .orElseThrow(() ->
                        new AssertionError("no action " + display + " in " + lesson + "/" + step + ": " + actions));
    }
}
