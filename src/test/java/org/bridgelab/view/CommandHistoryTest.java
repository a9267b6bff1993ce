package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandHistoryTest {
    private final CommandHistory history = new CommandHistory();

    @Test
    void up_goes_back_down_comes_forward_to_what_was_being_typed() {
        history.add("ip link");
        history.add("ip netns list");

        assertThat(history.previous("ip ro")).isEqualTo("ip netns list");
        assertThat(history.previous("ip netns list")).isEqualTo("ip link");
        assertThat(history.previous("ip link")).isEqualTo("ip link");
        assertThat(history.next()).isEqualTo("ip netns list");
        assertThat(history.next()).isEqualTo("ip ro");
        assertThat(history.next()).isEqualTo("ip ro");
    }

    @Test
    void a_command_run_twice_in_a_row_is_kept_once_and_blanks_not_at_all() {
        history.add("ping -c 1 172.18.0.3");
        history.add("ping -c 1 172.18.0.3");
        history.add("  ");

        assertThat(history.previous("")).isEqualTo("ping -c 1 172.18.0.3");
        assertThat(history.previous("ping -c 1 172.18.0.3")).isEqualTo("ping -c 1 172.18.0.3");
    }

    @Test
    void an_empty_history_leaves_the_line_as_it_is() {
        assertThat(history.previous("ip a")).isEqualTo("ip a");
        assertThat(history.next()).isEqualTo("ip a");
    }

    @Test
    void the_oldest_go_past_the_bound() {
        for (int i = 0; i <= CommandHistory.MAX; i++) {
            history.add("echo " + i);
        }
        String oldest = "";
        for (int i = 0; i <= CommandHistory.MAX + 5; i++) {
            oldest = history.previous(oldest);
        }
        assertThat(oldest).isEqualTo("echo 1");
    }

    @Test
    void ctrl_r_finds_the_newest_command_holding_the_text_then_older_ones() {
        history.add("ip netns exec docker0 ip route");
        history.add("ip link");
        history.add("ip netns exec docker1 ip route");

        assertThat(history.search("route")).contains("ip netns exec docker1 ip route");
        assertThat(history.search("route")).contains("ip netns exec docker0 ip route");
        assertThat(history.search("route")).isEmpty();

        history.endSearch();
        assertThat(history.search("link")).contains("ip link");
    }
}
