package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A process's age from /proc, to the kernel's 10 ms. */
class ProcessAgeTest {

    @Test
    void the_start_tick_is_read_after_a_command_name_with_spaces_and_parentheses() {
        // given: /proc/PID/stat of a process started 6 000 ticks after boot, read at 75.25 s of uptime
        String stat = "4242 (java (my app)) S 1 4242 4242 0 -1 4194560 1 0 0 0 5 3 0 0 20 0 30 0 6000 1 2 3";

        // when / then:
        assertThat(ProcessAge.millis(stat, "75.25 140.10\n")).isEqualTo(15_250);
    }

    @Test
    void this_jvm_started_shortly_before_the_jvm_began_counting() {
        // when:
        long age = ProcessAge.millis();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();

        // then: never after the JVM's own start (less a tick), and not a second before it
        assertThat(age).isGreaterThanOrEqualTo(uptime - 20).isLessThan(uptime + 500);
    }
}
