package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AllNetnsOutputTest {

    @Test
    void each_namespace_gets_its_own_section_empty_ones_included() {
        // given: ip -all netns exec ip -j route show in a scenario-4 lab with an extra empty namespace
        String text = Fixtures.read("all-netns-route.txt");

        // when:
        Map<String, String> sections = AllNetnsOutput.split(text);

        // then:
        assertThat(sections.keySet()).containsExactly("empty1", "docker1", "docker0", "remote", "internet", "router");
        assertThat(sections.get("empty1")).isEqualTo("[]");
        assertThat(IpJsonParser.routes(sections.get("docker0")))
                .contains(new Topology.Route("default", "172.18.0.1", "veth0", null, null));
    }

    @Test
    void multi_line_output_stays_together_and_empty_output_is_empty() {
        Map<String, String> sections = AllNetnsOutput.split(Fixtures.read("all-netns-iptables-save.txt"));

        assertThat(sections).containsKeys("docker0", "router");
        assertThat(IptablesSaveParser.parse(sections.get("docker0"))).isEmpty();
        assertThat(AllNetnsOutput.split("")).isEmpty();
    }

    @Test
    void text_before_the_first_namespace_is_an_error() {
        assertThatThrownBy(() -> AllNetnsOutput.split("garbage\nnetns: x\n[]"))
                .hasMessageContaining("before the first");
    }
}
