package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A console line, as the window's console and bridgelab shell both read it. */
class TypedLineTest {
    @Test
    void a_pasted_prompt_is_taken_off_and_the_rest_is_the_command() {
        TypedLine line = TypedLine.of("user@host:~$ sudo ip netns exec docker0 ping -c 3 172.18.0.3");

        assertThat(line.pastedPrompt()).isEqualTo("user@host:~$ ");
        assertThat(line.text()).isEqualTo("sudo ip netns exec docker0 ping -c 3 172.18.0.3");
        assertThat(line.argv()).startsWith("sudo", "ip", "netns").endsWith("172.18.0.3");
        assertThat(line.installs()).isNull();
        assertThat(line.refusal()).isNull();
        assertThat(line.runsUntilStopped()).isFalse();
    }

    @Test
    void an_install_a_refusal_and_a_command_that_runs_on_are_told_apart() {
        assertThat(TypedLine.of("sudo apt-get install bridge-utils").installs()).isEqualTo(List.of("bridge-utils"));
        TypedLine piped = TypedLine.of("$ ip link | grep br0");
        assertThat(piped.refusal()).startsWith("shell syntax '|' is not supported");
        assertThat(piped.pastedPrompt()).isEqualTo("$ ");
        assertThat(piped.runsUntilStopped()).isFalse();
        assertThat(TypedLine.of("sudo tcpdump -i br0 -n").runsUntilStopped()).isTrue();
        assertThat(TypedLine.of("ip link").pastedPrompt()).isNull();
    }
}
