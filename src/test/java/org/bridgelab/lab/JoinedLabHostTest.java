package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bridgelab.testing.RecordedLabHost;
import org.bridgelab.testing.RecordedLabHost.Answer;
import org.junit.jupiter.api.Test;

/** Two lab hosts in one lab: each command reaches the one that holds its node. */
class JoinedLabHostTest {
    private final RecordedLabHost a =
            new RecordedLabHost(Map.of("host: ip netns list", Answer.printing("ca (id: 1)\nhosta (id: 0)\n")));
    private final RecordedLabHost b =
            new RecordedLabHost(Map.of("host: ip netns list", Answer.printing("cb\nhostb\n")));
    private final JoinedLabHost joined = new JoinedLabHost(hosts());

    private Map<String, LabHost> hosts() {
        Map<String, LabHost> hosts = new LinkedHashMap<>();
        hosts.put("hosta", a);
        hosts.put("hostb", b);
        return hosts;
    }

    @Test
    void a_lesson_host_is_reached_on_its_own_lab_host_and_a_container_where_it_is_listed() {
        joined.run("hosta", List.of("sudo", "ip", "link", "add", "br0", "type", "bridge"));
        joined.run("cb", List.of("ip", "-j", "addr"));

        assertThat(a.asked()).containsExactly("hosta: sudo ip link add br0 type bridge", "host: ip netns list");
        assertThat(b.asked()).containsExactly("host: ip netns list", "cb: ip -j addr");
        assertThat(joined.hosts()).containsExactly("hosta", "hostb");
        assertThat(joined.description()).isEqualTo("hosta on recorded, hostb on recorded");
    }

    @Test
    void where_a_container_lives_is_remembered_until_a_namespace_is_made_or_removed() {
        joined.run("ca", List.of("ip", "link"));
        joined.run("ca", List.of("ip", "route"));
        assertThat(a.asked())
                .filteredOn(command -> command.contains("netns list"))
                .hasSize(1);

        joined.run("hosta", List.of("sudo", "ip", "netns", "del", "ca"));
        joined.run("ca", List.of("ip", "link"));
        assertThat(a.asked())
                .filteredOn(command -> command.contains("netns list"))
                .hasSize(2);
    }

    @Test
    void nothing_runs_on_no_host_and_an_unknown_namespace_is_named() {
        assertThatThrownBy(() -> joined.run(LabHost.HOST, List.of("ip", "link")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("a command must name the host it runs on");
        assertThatThrownBy(() -> joined.run("cc", List.of("ip", "link")))
                .isInstanceOf(LabException.class)
                .hasMessage("no namespace cc on hosta or hostb's lab host");
    }

    @Test
    void the_underlay_goes_out_of_the_interface_that_reaches_the_other_lab_host_directly() {
        // recorded from ip -j route get on a lab host with 192.0.2.101/24 on lan0 and a default route via .1
        assertThat(
                        Underlay.directDevice(
                                "[{\"dst\":\"192.0.2.102\",\"dev\":\"lan0\",\"prefsrc\":\"192.0.2.101\",\"flags\":[],\"uid\":0,\"cache\":[]}]"))
                .contains("lan0");
        assertThat(Underlay.directDevice("[{\"dst\":\"198.51.100.7\",\"gateway\":\"192.0.2.1\",\"dev\":\"lan0\","
                        + "\"prefsrc\":\"192.0.2.101\",\"flags\":[],\"uid\":0,\"cache\":[]}]"))
                .isEmpty();
        assertThat(Underlay.address(0)).isEqualTo("203.0.113.11");
        assertThat(Underlay.address(1)).isEqualTo("203.0.113.12");
    }
}
