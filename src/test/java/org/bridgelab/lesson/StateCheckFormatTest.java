package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bridgelab.kernel.StateCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "check" action of the lesson format: facts about the kernel's state, validated like everything else. */
class StateCheckFormatTest {
    private static final String VALID = """
            {"id": "x1", "title": {"en": "T", "zh": "题"}, "steps": [
              {"id": "one", "title": {"en": "S", "zh": "步"}, "actions": [
                {"run": "sudo ip link add br0 type bridge"},
                {"check": [
                  {"namespace": "docker0"},
                  {"link": "veth0", "in": "docker0", "up": true},
                  {"port": "veth1", "of": "br0"},
                  {"address": "172.18.0.2/24", "on": "veth0", "in": "docker0"},
                  {"route": "default", "via": "172.18.0.1", "in": "docker0"},
                  {"forwarding": true},
                  {"rule": "-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE", "table": "nat"},
                  {"policy": "ACCEPT", "chain": "FORWARD"},
                  {"conntrack": {"protocol": "icmp", "from": "172.18.0.2", "to": "198.51.100.10", "replyTo": "192.0.2.183"}},
                  {"reaches": "192.0.2.183", "from": "remote", "tcpPort": 80},
                  {"link": "veth2", "absent": true},
                  {"fdb": "02:00:00:00:00:0a", "on": "va-br", "of": "br0"}
                ]}
              ]}
            ]}""";

    @Test
    void every_kind_of_fact_resolves_into_its_state_check() {
        // when:
        Lesson lesson = LessonReader.read("x1.json", VALID);

        // then:
        Action.Check check = (Action.Check) lesson.steps().get(0).actions().get(1);
        assertThat(check.facts())
                .hasExactlyElementsOfTypes(
                        StateCheck.NamespaceExists.class,
                        StateCheck.LinkIn.class,
                        StateCheck.PortOf.class,
                        StateCheck.AddressOn.class,
                        StateCheck.RoutePresent.class,
                        StateCheck.Forwarding.class,
                        StateCheck.RulePresent.class,
                        StateCheck.ChainPolicy.class,
                        StateCheck.ConntrackEntry.class,
                        StateCheck.Reaches.class,
                        StateCheck.LinkIn.class,
                        StateCheck.FdbLearned.class);
        assertThat(check.facts().get(11))
                .isEqualTo(new StateCheck.FdbLearned("host", "br0", "va-br", "02:00:00:00:00:0a", true));
        assertThat(check.facts().get(11).expected().toString())
                .isEqualTo("br0 learned 02:00:00:00:00:0a behind its port va-br in host");
        assertThat(check.facts().get(2)).isEqualTo(new StateCheck.PortOf("host", "veth1", "br0", true));
        assertThat(check.facts().get(7)).isEqualTo(new StateCheck.ChainPolicy("host", "filter", "FORWARD", "ACCEPT"));
        assertThat(check.facts().get(10)).isEqualTo(new StateCheck.LinkIn("host", "veth2", null, false));
        assertThat(check.facts().get(9).expected().toString()).isEqualTo("remote reaches 192.0.2.183:80");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '~',
            value = {
                "two kinds in one fact ~ {\"forwarding\": true} ~ {\"forwarding\": true, \"namespace\": \"x\"} ~ actions[1], field \"check[5]\": a fact has exactly one of",
                "address without prefix ~ \"172.18.0.2/24\" ~ \"172.18.0.2\" ~ field \"check[3].address\": \"172.18.0.2\" is not an address with its prefix",
                "field of another kind ~ \"of\": \"br0\" ~ \"of\": \"br0\", \"via\": \"1.2.3.4\" ~ field \"check[2].via\": does not belong to a \"port\" fact",
                "rule not in save syntax ~ \"-A POSTROUTING ~ \"POSTROUTING ~ field \"check[6].rule\": write the rule as iptables-save prints it",
                "unknown table ~ \"table\": \"nat\" ~ \"table\": \"mangle\" ~ field \"check[6].table\": \"mangle\" is not filter or nat",
                "bad policy ~ \"ACCEPT\" ~ \"ALLOW\" ~ field \"check[7].policy\": \"ALLOW\" is not ACCEPT or DROP",
                "reaches without from ~ \"from\": \"remote\", ~ ~ field \"check[9].from\": missing",
                "bad namespace name ~ \"in\": \"docker0\", \"up\" ~ \"in\": \"Docker 0\", \"up\" ~ field \"check[1].in\": \"Docker 0\" is not a valid name",
                "port out of range ~ \"tcpPort\": 80 ~ \"tcpPort\": 70000 ~ field \"check[9].tcpPort\": must be between 1 and 65535",
                "fdb without a MAC ~ \"fdb\": \"02:00:00:00:00:0a\" ~ \"fdb\": \"va\" ~ field \"check[11].fdb\": \"va\" is not a MAC address",
                "empty check ~ {\"check\": [ ~ {\"check\": [], \"x\": [ ~ unknown field \"x\"",
            })
    void a_broken_fact_names_the_step_the_action_and_the_field(
            String what, String replace, String with, String message) {
        String broken = VALID.replace(replace, with == null ? "" : with);
        assertThat(broken).as("the test's own replacement applies").isNotEqualTo(VALID);

        assertThatThrownBy(() -> LessonReader.read("my-lesson.json", broken))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith("my-lesson.json: ")
                .hasMessageContaining(message);
    }

    @Test
    void a_check_with_no_facts_is_refused() {
        String empty = VALID.substring(0, VALID.indexOf("{\"check\": [")) + "{\"check\": []}\n]}\n]}";

        assertThatThrownBy(() -> LessonReader.read("my-lesson.json", empty))
                .hasMessageContaining("field \"check\": name at least one fact to check");
    }
}
