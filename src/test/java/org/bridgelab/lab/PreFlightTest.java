package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bridgelab.testing.RecordedLabHost;
import org.bridgelab.testing.RecordedLabHost.Answer;
import org.junit.jupiter.api.Test;

/**
 * The pre-flight check of a real lab host, on recorded answers: the addresses and routes are this project's
 * build machine's own ({@code ip -j addr show}, {@code ip -j route show}), whose uplink is in 192.0.2.0/24.
 */
class PreFlightTest {
    private static final String ALL_TOOLS = String.join(
            "\n",
            java.util.Arrays.stream(RequiredTool.values())
                    .map(tool -> "/usr/sbin/" + tool.command())
                    .toList());

    @Test
    void a_machine_ready_for_the_lessons_has_no_findings() {
        Map<String, Answer> answers = ready();

        assertThat(PreFlight.check(new RecordedLabHost(answers))).isEmpty();
    }

    @Test
    void the_machines_own_network_in_a_lab_range_is_found_with_its_effect_and_fix() {
        Map<String, Answer> answers = ready();
        answers.put("host: ip -j addr show", Answer.printing(fixture("preflight-addr.json")));
        answers.put("host: ip -j route show", Answer.printing(fixture("preflight-route.json")));

        List<PreFlight.Finding> findings = PreFlight.check(new RecordedLabHost(answers));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.what())
                    .startsWith("192.0.2.0/24 is already in use on this machine")
                    .contains("192.0.2.2/24 on eth0", "192.0.2.0/24 routed via eth0");
            assertThat(finding.effect()).contains("the LAN of the host, the router and the remote machine");
            assertThat(finding.fix()).contains("192.0.2.0/24");
        });
    }

    @Test
    void br_netfilter_with_a_forward_policy_of_drop_says_the_first_pings_fail() {
        Map<String, Answer> answers = ready();
        answers.put("host: cat /proc/sys/net/bridge/bridge-nf-call-iptables", Answer.printing("1\n"));
        answers.put("host: iptables -S FORWARD", Answer.printing("-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n"));

        assertThat(PreFlight.check(new RecordedLabHost(answers)))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.what()).contains("br_netfilter");
                    assertThat(finding.effect()).contains("policy here is DROP", "s1");
                    assertThat(finding.fix()).contains("bridge-nf-call-iptables=0");
                });
    }

    @Test
    void rules_in_the_other_iptables_docker_unreadable_rules_missing_programs_and_user_namespaces_are_found() {
        Map<String, Answer> answers = ready();
        answers.put(
                "host: iptables-legacy-save",
                Answer.printing("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j DROP\nCOMMIT\n"));
        answers.put(
                "host: iptables -S",
                Answer.printing("-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-N DOCKER\n"
                        + "-N DOCKER-USER\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -j RETURN\n"));
        answers.put("host: iptables-save", Answer.printing("# Table `filter' is incompatible, use 'nft' tool.\n"));
        answers.put(
                "host: which "
                        + String.join(
                                " ",
                                java.util.Arrays.stream(RequiredTool.values())
                                        .map(RequiredTool::command)
                                        .toList()),
                new Answer(1, ALL_TOOLS.replace("/usr/sbin/tcpdump\n", ""), ""));
        answers.put("host: cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns", Answer.printing("1\n"));

        List<String> found = PreFlight.check(new RecordedLabHost(answers)).stream()
                .map(PreFlight.Finding::what)
                .toList();

        assertThat(found)
                .anySatisfy(what -> assertThat(what).isEqualTo("missing programs: tcpdump"))
                .anySatisfy(what ->
                        assertThat(what).isEqualTo("1 rule(s) in iptables-legacy while iptables (nf_tables) is in use"))
                .anySatisfy(what -> assertThat(what)
                        .isEqualTo("iptables cannot read a table (Table `filter' is incompatible, use 'nft' tool.)"))
                .anySatisfy(what -> assertThat(what).startsWith("Docker is installed"))
                .anySatisfy(what -> assertThat(what).isEqualTo("AppArmor restricts unprivileged user namespaces"))
                .hasSize(5);
    }

    @Test
    void prefixes_overlap_when_they_share_an_address() {
        assertThat(PreFlight.overlaps("192.0.2.2/24", "192.0.2.0/24")).isTrue();
        assertThat(PreFlight.overlaps("10.0.0.0/8", "10.1.1.0/24")).isTrue();
        assertThat(PreFlight.overlaps("172.18.0.5", "172.18.0.0/24")).isTrue();
        assertThat(PreFlight.overlaps("172.19.0.0/24", "172.18.0.0/24")).isFalse();
        assertThat(PreFlight.overlaps("fd00::2/64", "192.0.2.0/24")).isFalse();
    }

    /** A Debian lab VM as the lessons expect it: every program, nf_tables alone, no Docker, no lab range in use. */
    private static Map<String, Answer> ready() {
        Map<String, Answer> answers = new HashMap<>();
        answers.put(
                "host: which "
                        + String.join(
                                " ",
                                java.util.Arrays.stream(RequiredTool.values())
                                        .map(RequiredTool::command)
                                        .toList()),
                Answer.printing(ALL_TOOLS));
        answers.put("host: iptables -V", Answer.printing("iptables v1.8.9 (nf_tables)\n"));
        answers.put("host: iptables-legacy-save", Answer.printing(""));
        answers.put("host: iptables -S FORWARD", Answer.printing("-P FORWARD ACCEPT\n"));
        answers.put(
                "host: ip -j addr show",
                Answer.printing("[{\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\","
                        + "\"local\":\"127.0.0.1\",\"prefixlen\":8}]},{\"ifname\":\"ens3\",\"addr_info\":[{\"family\":\"inet\","
                        + "\"local\":\"10.20.0.15\",\"prefixlen\":24}]}]"));
        answers.put(
                "host: ip -j route show",
                Answer.printing("[{\"dst\":\"default\",\"gateway\":\"10.20.0.1\",\"dev\":\"ens3\"},"
                        + "{\"dst\":\"10.20.0.0/24\",\"dev\":\"ens3\"}]"));
        return answers;
    }

    private static String fixture(String name) {
        try (InputStream in = PreFlightTest.class.getResourceAsStream("/org/bridgelab/lab/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
