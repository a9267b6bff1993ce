package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReachProbeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sudo ip netns exec docker0 ping -c 3 198.51.100.10 | host   | docker0 | 198.51.100.10 |",
                "ping -c 1 -W 1 172.18.0.2                         | host   | host    | 172.18.0.2    |",
                "telnet 192.0.2.183 80                             | remote | remote  | 192.0.2.183   | 80",
                "sudo ip netns exec docker1 nc -z -w 1 172.18.0.2 80 | host | docker1 | 172.18.0.2    | 80",
            })
    void a_connectivity_command_names_what_it_tried_to_reach(
            String text, String node, String from, String address, Integer port) {
        Optional<ReachProbe> probe = ReachProbe.of(run(text, node));

        assertThat(probe).contains(new ReachProbe(from, address, port));
    }

    @ParameterizedTest
    @CsvSource({
        "sudo ip netns exec docker0 nc -lp 80",
        "ip link set br0 up",
        "telnet",
        "sudo ip netns exec docker0 ip addr show"
    })
    void other_commands_are_not_probes(String text) {
        assertThat(ReachProbe.of(run(text, "host"))).isEmpty();
    }

    private static Action.Run run(String text, String node) {
        return new Action.Run(
                text, CommandText.tokenize(text), node, null, Duration.ofSeconds(5), null, Expectation.SUCCESS);
    }
}
