package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab run} end to end, as instructors and CI use it. */
@KernelTest
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run_s4_reports_json_dumps_the_kernels_state_and_captures_the_traffic(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("state.json");
        Path pcap = dir.resolve("traffic.pcap");

        CommandResult run =
                Cli.run("run", "s4", "--json", "--dump-state", state.toString(), "--capture", pcap.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.path("lessons"))
                .extracting(lesson -> lesson.path("id").asText())
                .containsExactly("s1", "s3", "s4");

        JsonNode topology = JSON.readTree(state.toFile());
        JsonNode host = namespace(topology, "host");
        JsonNode docker0 = namespace(topology, "docker0");
        assertThat(namespace(topology, "docker1").path("role").asText()).isEqualTo("CONTAINER");
        assertThat(namespace(topology, "internet").path("role").asText()).isEqualTo("OUTSIDE");
        assertThat(host.path("forwarding").asBoolean()).isTrue();
        JsonNode veth1 = link(host, "veth1");
        assertThat(veth1.path("master").asText()).isEqualTo("br0");
        assertThat(veth1.path("peer").path("namespace").asText()).isEqualTo("docker0");
        assertThat(veth1.path("peer").path("link").asText()).isEqualTo("veth0");
        assertThat(link(docker0, "veth0").path("addresses").get(0).asText()).isEqualTo("172.18.0.2/24");
        assertThat(link(host, "br0").path("kind").asText()).isEqualTo("bridge");
        assertThat(docker0.path("routes").toString())
                .contains("\"destination\":\"default\",\"gateway\":\"172.18.0.1\"");
        assertThat(host.path("iptables").toString())
                .contains("-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE")
                .contains("-A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");

        CommandResult read =
                new ProcessRunner().run(List.of("tcpdump", "-n", "-r", pcap.toString()), Duration.ofSeconds(30));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout())
                .contains("ARP, Request who-has 172.18.0.3 tell 172.18.0.2")
                .contains("IP 172.18.0.2 > 172.18.0.3: ICMP echo request")
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request")
                .contains("IP 192.0.2.50.");
    }

    @Test
    void leaving_out_the_masquerade_rule_fails_at_the_ping_with_the_kernels_evidence(@TempDir Path dir)
            throws IOException {
        ObjectNode s3 = (ObjectNode) JSON.readTree(
                Cli.REPO.resolve("lessons/s3-container-to-outside.json").toFile());
        ArrayNode steps = (ArrayNode) s3.get("steps");
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("id").asText().equals("masquerade")) {
                steps.remove(i);
            }
        }
        s3.put("id", "s3-without-masquerade");
        Path lesson = dir.resolve("s3-without-masquerade.json");
        JSON.writeValue(lesson.toFile(), s3);

        CommandResult run = Cli.run("run", "--lesson-file", lesson.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("FAILED at s3-without-masquerade / ping-outside")
                .contains("✗ output contains \" 0% packet loss\"")
                .contains("100% packet loss")
                .contains("hint: If the internet sees 172.18.0.x")
                .contains("提示：");
    }

    @Test
    void run_modern_runs_todays_commands_and_prints_the_2018_ones_beside_them_and_the_predictions() {
        CommandResult run = Cli.run("run", "s1", "--modern");

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout())
                .contains("$ sudo ip link add br0 type bridge")
                .contains("(2018: sudo brctl addbr br0)")
                .contains("$ bridge link")
                .contains("? docker0 pings docker1 for the first time. Which packet will br0 see first?")
                .contains("? answer: arp) An ARP request: who has 172.18.0.3? — confirmed by this step's evidence")
                .doesNotContain("$ sudo brctl");
    }

    @Test
    void run_in_chinese_words_the_steps_checks_and_predictions_and_leaves_the_kernels_output_as_it_is() {
        CommandResult run = Cli.run("run", "s1", "--language", "zh");

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout())
                .contains("✓ 退出状态为 0")
                .contains("（检查内核状态：")
                .contains("? 答案：arp) ")
                .contains("——这一步的证据证实了它")
                .contains("✓ 输出里有“ 0% packet loss”")
                .contains("3 packets transmitted, 3 received, 0% packet loss")
                .doesNotContain("exit status 0", "hint: ")
                .contains("PASSED: 1 lessons");
    }

    @Test
    void a_bad_lesson_file_is_refused_with_file_step_and_field(@TempDir Path dir) throws IOException {
        Path lesson = dir.resolve("typo.json");
        Files.writeString(lesson, """
                {"id": "typo", "title": {"en": "Typo", "zh": "笔误"}, "steps": [
                  {"id": "look", "title": {"en": "Look", "zh": "看"}, "actions": [{"run": "ip link | grep br0"}]}]}""");

        CommandResult run = Cli.run("run", "--lesson-file", lesson.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr())
                .contains(lesson.toString())
                .contains("step \"look\"")
                .contains("field \"run\"")
                .contains("shell syntax '|'");
    }

    @Test
    void unknown_options_and_lessons_are_named() {
        assertThat(Cli.run("run", "--al").stderr()).contains("unknown option --al");
        CommandResult unknown = Cli.run("run", "s9");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no lesson \"s9\"");
        assertThat(Cli.run("run", "--lab-host", "local").stderr()).contains("--yes-change-this-machine");
        assertThat(Cli.run("run", "s1", "--language", "fr").stderr()).contains("--language is en or zh, not fr");
    }

    private static JsonNode namespace(JsonNode topology, String name) {
        for (JsonNode ns : topology.path("namespaces")) {
            if (ns.path("name").asText().equals(name)) {
                return ns;
            }
        }
        throw new AssertionError("no namespace " + name + " in " + topology);
    }

    private static JsonNode link(JsonNode namespace, String name) {
        for (JsonNode link : namespace.path("links")) {
            if (link.path("name").asText().equals(name)) {
                return link;
            }
        }
        throw new AssertionError("no link " + name + " in " + namespace.path("name"));
    }
}
