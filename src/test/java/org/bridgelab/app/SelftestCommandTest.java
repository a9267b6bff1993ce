package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.Protocol;
import org.junit.jupiter.api.Test;

/** What the self-test counts as the ARP and ICMP exchange of scenario 1, without a kernel. */
class SelftestCommandTest {
    private static final CapturePoint BR0 = new CapturePoint("host", "br0");

    @Test
    void the_exchange_between_docker0_and_docker1_ticks_every_check() {
        List<PacketEvent> exchange = List.of(
                event(Protocol.ARP, "172.18.0.2", "172.18.0.3", "who-has 172.18.0.3 tell 172.18.0.2"),
                event(Protocol.ARP, "172.18.0.3", "172.18.0.2", "172.18.0.3 is-at 0a:58:ac:12:00:03"),
                event(
                        Protocol.ICMP,
                        "172.18.0.2",
                        "172.18.0.3",
                        "172.18.0.2 > 172.18.0.3: ICMP echo request id 7 seq 1"),
                event(
                        Protocol.ICMP,
                        "172.18.0.3",
                        "172.18.0.2",
                        "172.18.0.3 > 172.18.0.2: ICMP echo reply id 7 seq 1"));

        for (SelftestCommand.Expected expected : SelftestCommand.EXPECTED) {
            assertThat(exchange).as(expected.description()).anyMatch(expected.matches());
        }
    }

    @Test
    void the_other_direction_or_other_addresses_do_not_count() {
        List<PacketEvent> wrong = List.of(
                event(Protocol.ARP, "172.18.0.3", "172.18.0.2", "who-has 172.18.0.2 tell 172.18.0.3"),
                event(Protocol.ARP, "172.18.0.2", "172.18.0.3", "172.18.0.2 is-at 0a:58:ac:12:00:02"),
                event(
                        Protocol.ICMP,
                        "172.18.0.3",
                        "172.18.0.2",
                        "172.18.0.3 > 172.18.0.2: ICMP echo request id 7 seq 1"),
                event(Protocol.ICMP, "172.18.0.2", "172.18.0.3", "172.18.0.2 > 172.18.0.3: ICMP echo reply id 7 seq 1"),
                event(
                        Protocol.ICMP,
                        "172.18.0.2",
                        "198.51.100.10",
                        "172.18.0.2 > 198.51.100.10: ICMP echo request id 7 seq 1"));

        for (SelftestCommand.Expected expected : SelftestCommand.EXPECTED) {
            assertThat(wrong).as(expected.description()).noneMatch(expected.matches());
        }
    }

    @Test
    void arguments_are_refused_before_any_lab_is_built() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(
                List.of("selftest", "s1"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bridgelab selftest: unexpected argument s1")
                .contains("Usage: bridgelab selftest");
    }

    private static PacketEvent event(Protocol protocol, String src, String dst, String summary) {
        return new PacketEvent(
                1, BR0, 0, 60, "0a:58:ac:12:00:02", "ff:ff:ff:ff:ff:ff", protocol, src, dst, -1, -1, -1, 0, summary, 0);
    }
}
