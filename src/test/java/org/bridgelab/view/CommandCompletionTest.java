package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.bridgelab.kernel.Snapshots;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

/** Tab on the scenario-4 lab, recorded with --dump-state. */
class CommandCompletionTest {
    private final Topology lab = Snapshots.scenario4();

    @Test
    void the_first_word_and_the_word_after_sudo_complete_to_the_labs_programs() {
        assertThat(CommandCompletion.complete("tcpd", lab))
                .isEqualTo(new CommandCompletion.Result("tcpdump ", java.util.List.of()));
        assertThat(CommandCompletion.complete("sudo iptables-s", lab).text()).isEqualTo("sudo iptables-save ");
    }

    @Test
    void other_words_complete_to_namespaces_and_interfaces_the_kernel_has_now() {
        assertThat(CommandCompletion.complete("ip netns exec dock", lab))
                .isEqualTo(
                        new CommandCompletion.Result("ip netns exec docker", java.util.List.of("docker0", "docker1")));
        assertThat(CommandCompletion.complete("ip link set ve", lab).choices()).contains("veth1", "veth3");
        assertThat(CommandCompletion.complete("tcpdump -i et", lab).text()).isEqualTo("tcpdump -i eth0 ");
        assertThat(CommandCompletion.complete("tcpdump -i br", lab).choices()).containsExactly("br0", "bridge");
        assertThat(CommandCompletion.complete("iptables -t nat -A POST", lab).text())
                .isEqualTo("iptables -t nat -A POSTROUTING ");
    }

    @Test
    void a_word_nothing_starts_with_is_left_as_it_is() {
        assertThat(CommandCompletion.complete("ip link set zz", lab))
                .isEqualTo(new CommandCompletion.Result("ip link set zz", java.util.List.of()));
    }
}
