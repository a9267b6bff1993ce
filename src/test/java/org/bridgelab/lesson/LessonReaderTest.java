package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LessonReaderTest {
    private static final String VALID = """
            {"id": "x1", "title": {"en": "T", "zh": "题"}, "steps": [
              {"id": "one", "title": {"en": "S", "zh": "步"}, "actions": [
                {"run": "sudo ip netns exec docker0 nc -lp 80", "background": "server",
                 "ready": {"namespace": "docker0", "tcpPort": 80}},
                {"run": "telnet 172.18.0.2 80", "background": "client"},
                {"send": "hello", "to": "client"},
                {"await": "server", "expect": {"outputContains": ["hello"]}},
                {"stop": "client"},
                {"run": "ping -c 1 -W 1 198.51.100.10", "expect": {"exit": 1, "outputMatches": ["100% packet loss"]}}
              ]}
            ]}""";

    @Test
    void a_valid_lesson_resolves_into_typed_actions() {
        Lesson lesson = LessonReader.read("x1.json", VALID);

        assertThat(lesson.id()).isEqualTo("x1");
        assertThat(lesson.steps().get(0).actions())
                .hasExactlyElementsOfTypes(
                        Action.Run.class,
                        Action.Run.class,
                        Action.Send.class,
                        Action.Await.class,
                        Action.Stop.class,
                        Action.Run.class);
        Action.Run server = (Action.Run) lesson.steps().get(0).actions().get(0);
        assertThat(server.argv()).containsExactly("sudo", "ip", "netns", "exec", "docker0", "nc", "-lp", "80");
        assertThat(server.ready()).isEqualTo(new Action.Readiness("docker0", 80));
        assertThat(server.expect().exit())
                .as("a background command has no exit status yet")
                .isNull();
        Action.Run ping = (Action.Run) lesson.steps().get(0).actions().get(5);
        assertThat(ping.expect().exit()).isEqualTo(1);
    }

    @Test
    void a_foreground_command_must_succeed_unless_told_otherwise() {
        Lesson lesson = LessonReader.read(
                "x.json", VALID.replace(", \"expect\": {\"exit\": 1, \"outputMatches\": [\"100% packet loss\"]}", ""));
        Action.Run ping = (Action.Run) lesson.steps().get(0).actions().get(5);
        assertThat(ping.expect().exit()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '~',
            quoteCharacter = '`',
            value = {
                "unknown field ~ \"background\": \"client\" ~ \"backgrund\": \"client\" ~ at steps[0].actions[1].backgrund: unknown field \"backgrund\"",
                "missing Chinese title ~ \"zh\": \"步\" ~ \"zz\": \"步\" ~ step \"one\" (steps[0]), field \"title\": unknown language(s) [zz]",
                "shell syntax ~ telnet 172.18.0.2 80 ~ telnet 172.18.0.2 80 | tee log ~ step \"one\" (steps[0]), actions[1], field \"run\": shell syntax '|' is not supported",
                "send to nobody ~ \"to\": \"client\" ~ \"to\": \"klient\" ~ actions[2], field \"to\": no background command named \"klient\"",
                "bad regular expression ~ 100% packet loss ~ 100% (packet loss ~ actions[5], field \"expect.outputMatches\": not a valid regular expression",
                "two kinds in one action ~ {\"stop\": \"client\"} ~ {\"stop\": \"client\", \"send\": \"x\"} ~ actions[4]: an action has exactly one of",
                "a field of another kind of action ~ {\"send\": \"hello\", \"to\": \"client\"} ~ {\"send\": \"hello\", \"to\": \"client\", \"timeoutSeconds\": 5} ~ step \"one\" (steps[0]), actions[2], field \"timeoutSeconds\": does not belong to a \"send\" action (allowed: to)",
                "bad id ~ \"id\": \"one\" ~ \"id\": \"One Step\" ~ field \"id\": \"One Step\" is not a valid name",
                "wrong type ~ \"tcpPort\": 80 ~ \"tcpPort\": \"eighty\" ~ at steps[0].actions[0].ready.tcpPort",
                "not JSON ~ {\"id\": \"x1\" ~ {\"id\" \"x1\" ~ line 1, column 7: not valid JSON",
            })
    void a_broken_lesson_names_the_file_the_place_and_the_problem(
            String what, String replace, String with, String message) {
        String broken = VALID.replace(replace, with);
        assertThat(broken).as("the test's own replacement applies").isNotEqualTo(VALID);

        assertThatThrownBy(() -> LessonReader.read("my-lesson.json", broken))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith("my-lesson.json: ")
                .hasMessageContaining(message);
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> LessonReader.read("empty.json", "")).hasMessageContaining("empty.json");
    }

    private static final String TAUGHT = """
            {"id": "x2", "title": {"en": "T", "zh": "题"}, "steps": [
              {"id": "bridge", "title": {"en": "S", "zh": "步"},
               "hint": {"en": "Is br0 up?", "zh": "br0 启用了吗？"},
               "predict": {"question": {"en": "First packet?", "zh": "第一个包？"},
                           "choices": [{"id": "arp", "text": {"en": "ARP", "zh": "ARP"}}, {"id": "icmp", "text": {"en": "ICMP", "zh": "ICMP"}}],
                           "answer": "arp", "because": {"en": "No MAC yet.", "zh": "还不知道 MAC。"}},
               "actions": [
                {"run": "sudo brctl addbr br0", "modern": "sudo ip link add br0 type bridge"},
                {"check": [{"link": "br0"}]}
              ]}
            ]}""";

    @Test
    void a_step_carries_its_hint_its_prediction_and_the_modern_form_of_a_command() {
        Lesson.Step step = LessonReader.read("x2.json", TAUGHT).steps().get(0);

        assertThat(step.hint()).isEqualTo(new Text("Is br0 up?", "br0 启用了吗？"));
        assertThat(step.predict().answer()).isEqualTo("arp");
        assertThat(step.predict().rightChoice().text().en()).isEqualTo("ARP");
        assertThat(step.predict().choices()).extracting(Lesson.Choice::id).containsExactly("arp", "icmp");
        assertThat(step.predict().because().zh()).isEqualTo("还不知道 MAC。");
        Action.Run run = (Action.Run) step.actions().get(0);
        assertThat(run.hasModernForm()).isTrue();
        assertThat(run.modernArgv()).containsExactly("sudo", "ip", "link", "add", "br0", "type", "bridge");
        Action.Run modern = run.inModernForm();
        assertThat(modern.text()).isEqualTo("sudo ip link add br0 type bridge");
        assertThat(modern.argv()).isEqualTo(run.modernArgv());
        assertThat(modern.expect()).isEqualTo(run.expect());
        assertThat(modern.node()).isEqualTo(run.node());
    }

    private static final String TWO_HOSTS = """
            {"id": "x3", "title": {"en": "T", "zh": "题"}, "hosts": ["hosta", "hostb"], "steps": [
              {"id": "lan", "underlay": true, "title": {"en": "S", "zh": "步"}, "actions": [
                {"run": "sudo ip netns add hosta"},
                {"on": "hosta", "run": "ping -c 1 203.0.113.12"},
                {"check": [{"link": "underlay0"}]}]},
              {"id": "tunnel", "title": {"en": "S", "zh": "步"}, "actions": [
                {"on": "hosta", "run": "sudo ip link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.12 dev eth0"},
                {"check": [{"link": "vxlan0", "in": "hosta"}]}]}]}
            """;

    @Test
    void on_two_lab_hosts_an_underlay_step_runs_only_what_is_typed_on_a_host_and_other_steps_run_whole() {
        Lesson lesson = LessonReader.read("x3.json", TWO_HOSTS);
        Lesson.Step lan = lesson.steps().get(0);
        Lesson.Step tunnel = lesson.steps().get(1);

        assertThat(lan.underlay()).isTrue();
        assertThat(lan.actionsOn(false)).hasSize(3);
        assertThat(lan.actionsOn(true)).containsExactly(lan.actions().get(1));
        assertThat(tunnel.underlay()).isFalse();
        assertThat(tunnel.actionsOn(true)).isEqualTo(tunnel.actions());
    }

    @Test
    void only_a_lesson_with_hosts_has_an_underlay_step() {
        String noHosts = TWO_HOSTS.replace("\"hosts\": [\"hosta\", \"hostb\"], ", "");
        assertThatThrownBy(() -> LessonReader.read("x3.json", noHosts))
                .hasMessageContaining("x3.json")
                .hasMessageContaining("underlay")
                .hasMessageContaining("only a lesson with hosts has an underlay to build");
    }

    @Test
    void hint_prediction_and_modern_are_optional() {
        Lesson.Step step = LessonReader.read("x1.json", VALID).steps().get(0);
        assertThat(step.hint()).isNull();
        assertThat(step.predict()).isNull();
        Action.Run run = (Action.Run) step.actions().get(0);
        assertThat(run.hasModernForm()).isFalse();
        assertThat(run.inModernForm()).isSameAs(run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '~',
            quoteCharacter = '`',
            value = {
                "answer not a choice ~ \"answer\": \"arp\" ~ \"answer\": \"rarp\" ~ step \"bridge\" (steps[0]), field \"predict.answer\": \"rarp\" is not one of the choices (arp, icmp)",
                "no answer ~ \"answer\": \"arp\", ~ ` ` ~ field \"predict.answer\": missing",
                "one choice only ~ , {\"id\": \"icmp\", \"text\": {\"en\": \"ICMP\", \"zh\": \"ICMP\"}} ~ ` ` ~ field \"predict.choices\": give at least two choices",
                "same choice twice ~ \"id\": \"icmp\" ~ \"id\": \"arp\" ~ field \"predict.choices[1].id\": another choice already has the id \"arp\"",
                "choice without Chinese ~ \"zh\": \"ICMP\" ~ \"zh\": \"\" ~ field \"predict.choices[1].text.zh\": missing or empty",
                "no because ~ , \"because\": {\"en\": \"No MAC yet.\", \"zh\": \"还不知道 MAC。\"} ~ ` ` ~ field \"predict.because\": missing",
                "hint without Chinese ~ \"zh\": \"br0 启用了吗？\" ~ \"fr\": \"br0 ?\" ~ field \"hint\": unknown language(s) [fr]",
                "modern with shell syntax ~ type bridge\" ~ type bridge && true\" ~ actions[0], field \"modern\": shell syntax",
                "modern on a check ~ {\"check\": [ ~ {\"modern\": \"ip link\", \"check\": [ ~ actions[1], field \"modern\": does not belong to a \"check\" action",
                "modern same as run ~ sudo ip link add br0 type bridge ~ sudo brctl addbr br0 ~ field \"modern\": is the same command as \"run\"",
                "misspelt predict field ~ \"because\" ~ \"becaus\" ~ unknown field \"becaus\"",
            })
    void a_mistake_in_hint_prediction_or_modern_names_its_field(
            String what, String replace, String with, String message) {
        String broken = TAUGHT.replace(replace, with.strip());
        assertThat(broken).as("the test's own replacement applies").isNotEqualTo(TAUGHT);

        assertThatThrownBy(() -> LessonReader.read("x2.json", broken))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith("x2.json: ")
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{\"id\": \"x\", \"title\": {\"en\": \"T\", \"zh\": \"题\"}, \"steps\": [null]}",
                "{\"id\": \"x\", \"title\": {\"en\": \"T\", \"zh\": \"题\"}, \"requires\": [null], \"steps\": []}",
                "{\"id\": \"x\", \"title\": {\"en\": \"T\", \"zh\": \"题\"}, \"steps\": [{\"id\": \"s\", \"title\": {\"en\": \"S\", \"zh\": \"步\"}, \"actions\": [null]}]}",
                "{\"id\": \"x\", \"title\": {\"en\": \"T\", \"zh\": \"题\"}, \"steps\": [{\"id\": \"s\", \"title\": {\"en\": \"S\", \"zh\": \"步\"}, \"actions\": [{\"check\": [null]}]}]}",
                "{\"id\": \"x\", \"title\": {\"en\": null, \"zh\": \"题\"}, \"steps\": []}",
            })
    void a_null_element_is_named_with_its_place_not_a_crash(String json) {
        assertThatThrownBy(() -> LessonReader.read("nulls.json", json))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith("nulls.json: ")
                .hasMessageContaining("null is not allowed here");
    }

    private static final String CHALLENGE = """
            {"id": "c1", "title": {"en": "C", "zh": "挑"}, "requires": ["s3"],
             "challenge": {
               "setup": [{"run": "iptables -P FORWARD DROP"}],
               "hints": [{"en": "look at FORWARD", "zh": "看看 FORWARD"}, {"en": "its policy", "zh": "它的策略"}],
               "diagnosis": {"en": "FORWARD dropped it", "zh": "FORWARD 丢掉了它"},
               "solution": [{"run": "iptables -P FORWARD ACCEPT"}]
             },
             "steps": [
              {"id": "goal", "title": {"en": "G", "zh": "目"}, "actions": [
                {"check": [{"reaches": "198.51.100.10", "from": "docker0"}]}
              ]}
            ]}""";

    @Test
    void a_challenge_sets_up_its_fault_hidden_before_its_goal_and_keeps_hints_diagnosis_and_solution() {
        Lesson challenge = LessonReader.read("c1.json", CHALLENGE);

        assertThat(challenge.isChallenge()).isTrue();
        assertThat(challenge.steps()).extracting(Lesson.Step::id).containsExactly("break", "goal");
        assertThat(challenge.goal().id()).isEqualTo("goal");
        Action.SetUp setUp = (Action.SetUp) challenge.steps().get(0).actions().get(0);
        assertThat(setUp.runs())
                .extracting(Action.Run::argv)
                .containsExactly(java.util.List.of("iptables", "-P", "FORWARD", "DROP"));
        // what the learner reads of it: not the command
        assertThat(setUp.display()).doesNotContain("iptables").contains("hidden");
        assertThat(setUp.wording().in("zh")).contains("隐藏");
        assertThat(challenge.challenge().hints()).extracting(Text::zh).containsExactly("看看 FORWARD", "它的策略");
        assertThat(challenge.challenge().diagnosis().en()).isEqualTo("FORWARD dropped it");
        assertThat(challenge.challenge().solution())
                .extracting(Action.Run::text)
                .containsExactly("iptables -P FORWARD ACCEPT");
        assertThat(LessonReader.read("x1.json", VALID).isChallenge()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '~',
            value = {
                "no hints ~ [{\"en\": \"look at FORWARD\", \"zh\": \"看看 FORWARD\"}, {\"en\": \"its policy\", \"zh\": \"它的策略\"}] ~ [] ~ field \"challenge.hints\": a challenge needs at least one hint",
                "a server in the set-up ~ {\"run\": \"iptables -P FORWARD DROP\"} ~ {\"run\": \"nc -lp 80\", \"background\": \"s\"} ~ field \"challenge.setup[0].background\": a challenge's commands run to their end",
                "a check as the solution ~ [{\"run\": \"iptables -P FORWARD ACCEPT\"}] ~ [{\"check\": [{\"forwarding\": true}]}] ~ field \"challenge.solution[0]\": only commands",
                "no diagnosis ~ \"diagnosis\": {\"en\": \"FORWARD dropped it\", \"zh\": \"FORWARD 丢掉了它\"}, ~ ~ field \"challenge.diagnosis\": missing",
                "two goals ~ \"steps\": [ ~ \"steps\": [{\"id\": \"extra\", \"title\": {\"en\": \"E\", \"zh\": \"额\"}, \"actions\": [{\"run\": \"true\"}]}, ~ field \"steps\": a challenge has one step",
            })
    void a_broken_challenge_names_its_field_and_the_problem(String what, String replace, String with, String message) {
        String broken = CHALLENGE.replace(replace, with == null ? "" : with);
        assertThat(broken).as("the test's own replacement applies").isNotEqualTo(CHALLENGE);

        assertThatThrownBy(() -> LessonReader.read("c1.json", broken))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith("c1.json: ")
                .hasMessageContaining(message);
    }
}
