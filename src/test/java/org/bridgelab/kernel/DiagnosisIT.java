package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.words.Phrase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every verdict shown on a real lab built through scenario 4 and broken in one place on purpose. Each test
 * breaks, diagnoses, compares with what a real ping says where a ping can tell, and repairs; after each test
 * the lab must be whole again (checked), so the tests do not depend on one another.
 */
@KernelTest
class DiagnosisIT {
    private static Lab lab;
    private static StateReader reader;
    private static LiveProcess server;

    @BeforeAll
    static void buildScenario4AndServePort80InDocker0() {
        lab = Lab.open(LabHostChoice.sandbox());
        reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES));
        RunReport report = new LessonRunner(lab.host(), RunListener.NONE)
                .run(Curriculum.bundled().withPrerequisites(List.of("s4")));
        assertThat(report.passed()).as("scenario 4 builds").isTrue();
        server = lab.host().start("docker0", List.of("nc", "-lk", "-p", "80"), OutputListener.IGNORE);
        assertThat(awaitListening()).as("the test server listens").isTrue();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.stop();
        }
        reader.close();
        lab.close();
    }

    @AfterEach
    void the_lab_is_whole_again() {
        assertThat(diagnose("docker0", "198.51.100.10", null).verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(diagnose("remote", "192.0.2.183", 80).verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
    }

    @Test
    void the_whole_lab_is_reachable_and_a_real_ping_agrees() {
        assertThat(diagnose("docker0", "198.51.100.10", null).reachable()).isTrue();
        assertThat(pings("docker0", "198.51.100.10")).isTrue();
    }

    @Test
    void a_container_interface_brought_down_is_diagnosed_as_down() {
        // given:
        run("docker0", "ip", "link", "set", "veth0", "down");
        try {
            // when:
            Verdict verdict = diagnose("docker0", "172.18.0.3", null).verdict();

            // then:
            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.INTERFACE_DOWN);
            assertThat(verdict.fix()).isEqualTo("sudo ip netns exec docker0 ip link set veth0 up");
            assertThat(pings("docker0", "172.18.0.3")).isFalse();
        } finally {
            run("docker0", "ip", "link", "set", "veth0", "up");
            run("docker0", "ip", "route", "replace", "default", "via", "172.18.0.1");
        }
    }

    @Test
    void an_address_removed_is_diagnosed_as_no_address() {
        run("docker0", "ip", "addr", "del", "172.18.0.2/24", "dev", "veth0");
        try {
            Verdict verdict = diagnose("docker0", "172.18.0.3", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ADDRESS);
            assertThat(verdict.objects()).containsExactly("veth0 in docker0");
        } finally {
            run("docker0", "ip", "addr", "add", "172.18.0.2/24", "dev", "veth0");
            run("docker0", "ip", "route", "replace", "default", "via", "172.18.0.1");
        }
    }

    @Test
    void an_address_in_the_wrong_subnet_is_diagnosed_as_no_address_in_the_bridges_subnet() {
        run("docker0", "ip", "addr", "del", "172.18.0.2/24", "dev", "veth0");
        run("docker0", "ip", "addr", "add", "10.9.9.2/24", "dev", "veth0");
        try {
            Verdict verdict = diagnose("docker0", "172.18.0.3", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ADDRESS);
            assertThat(verdict.explanation().toString()).contains("no IPv4 address in 172.18.0.0/24");
            assertThat(pings("docker0", "172.18.0.3")).isFalse();
        } finally {
            run("docker0", "ip", "addr", "del", "10.9.9.2/24", "dev", "veth0");
            run("docker0", "ip", "addr", "add", "172.18.0.2/24", "dev", "veth0");
            run("docker0", "ip", "route", "replace", "default", "via", "172.18.0.1");
        }
    }

    @Test
    void a_deleted_default_route_is_diagnosed_with_the_route_command() {
        run("docker0", "ip", "route", "del", "default");
        try {
            Verdict verdict = diagnose("docker0", "198.51.100.10", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ROUTE);
            assertThat(verdict.fix()).isEqualTo("sudo ip netns exec docker0 route add default gw 172.18.0.1 veth0");
            assertThat(pings("docker0", "198.51.100.10")).isFalse();
        } finally {
            run("docker0", "ip", "route", "add", "default", "via", "172.18.0.1");
        }
    }

    @Test
    void a_veth_taken_off_the_bridge_is_diagnosed_as_not_on_the_bridge() {
        run(LabHost.HOST, "ip", "link", "set", "veth1", "nomaster");
        try {
            Verdict verdict = diagnose("docker0", "198.51.100.10", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NOT_ON_BRIDGE);
            assertThat(verdict.fix()).isEqualTo("sudo brctl addif br0 veth1");
            assertThat(pings("docker0", "172.18.0.1")).isFalse();
        } finally {
            run(LabHost.HOST, "ip", "link", "set", "veth1", "master", "br0");
        }
    }

    @Test
    void forwarding_off_is_diagnosed_with_the_sysctl_that_fixes_it() {
        run(LabHost.HOST, "sysctl", "-q", "-w", "net.ipv4.conf.all.forwarding=0");
        try {
            Verdict verdict = diagnose("docker0", "198.51.100.10", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARDING_OFF);
            assertThat(verdict.fix()).isEqualTo("sudo sysctl net.ipv4.conf.all.forwarding=1");
            assertThat(pings("docker0", "198.51.100.10")).isFalse();
        } finally {
            run(LabHost.HOST, "sysctl", "-q", "-w", "net.ipv4.conf.all.forwarding=1");
        }
    }

    @Test
    void forward_policy_drop_is_diagnosed_with_the_policy_that_fixes_it() {
        run(LabHost.HOST, "iptables", "-P", "FORWARD", "DROP");
        try {
            Verdict verdict = diagnose("docker0", "198.51.100.10", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
            assertThat(verdict.fix()).isEqualTo("sudo iptables -P FORWARD ACCEPT");
            assertThat(pings("docker0", "198.51.100.10")).isFalse();
        } finally {
            run(LabHost.HOST, "iptables", "-P", "FORWARD", "ACCEPT");
        }
    }

    @Test
    void a_missing_masquerade_is_diagnosed_from_the_lost_reply() {
        List<String> rule = List.of("POSTROUTING", "-s", "172.18.0.0/24", "!", "-o", "br0", "-j", "MASQUERADE");
        nat("-D", rule);
        try {
            Diagnosis diagnosis = diagnose("docker0", "198.51.100.10", null);

            assertThat(diagnosis.verdict().kind()).isEqualTo(Verdict.Kind.NO_MASQUERADE);
            assertThat(diagnosis.verdict().fix())
                    .isEqualTo("sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
            assertThat(pings("docker0", "198.51.100.10")).isFalse();
        } finally {
            nat("-A", rule);
        }
    }

    @Test
    void a_missing_dnat_is_diagnosed_for_the_published_port() {
        List<String> rule = List.of(
                "PREROUTING",
                "!",
                "-i",
                "br0",
                "-p",
                "tcp",
                "-m",
                "tcp",
                "--dport",
                "80",
                "-j",
                "DNAT",
                "--to-destination",
                "172.18.0.2:80");
        nat("-D", rule);
        try {
            Verdict verdict = diagnose("remote", "192.0.2.183", 80).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_DNAT);
            assertThat(verdict.fix())
                    .isEqualTo("sudo iptables -t nat -A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 "
                            + "-j DNAT --to-destination 172.18.0.2:80");
        } finally {
            nat("-A", rule);
        }
    }

    @Test
    void a_drop_rule_in_forward_is_named_and_a_real_ping_agrees() {
        run(LabHost.HOST, "iptables", "-I", "FORWARD", "-i", "br0", "-j", "DROP");
        try {
            Verdict verdict = diagnose("docker0", "198.51.100.10", null).verdict();

            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
            assertThat(verdict.fix()).isEqualTo("sudo iptables -D FORWARD -i br0 -j DROP");
            assertThat(pings("docker0", "198.51.100.10")).isFalse();
        } finally {
            run(LabHost.HOST, "iptables", "-D", "FORWARD", "-i", "br0", "-j", "DROP");
        }
    }

    @Test
    void a_port_published_dockers_way_is_followed_through_its_chain_and_a_real_connection_agrees() {
        // given: Docker's DOCKER chain, reached from PREROUTING for every local address, publishing 8080 → 80
        run(LabHost.HOST, "iptables", "-t", "nat", "-N", "DOCKER");
        try {
            run(
                    LabHost.HOST,
                    "iptables",
                    "-t",
                    "nat",
                    "-A",
                    "PREROUTING",
                    "-m",
                    "addrtype",
                    "--dst-type",
                    "LOCAL",
                    "-j",
                    "DOCKER");
            run(
                    LabHost.HOST,
                    "iptables",
                    "-t",
                    "nat",
                    "-A",
                    "DOCKER",
                    "!",
                    "-i",
                    "br0",
                    "-p",
                    "tcp",
                    "-m",
                    "tcp",
                    "--dport",
                    "8080",
                    "-j",
                    "DNAT",
                    "--to-destination",
                    "172.18.0.2:80");

            // when:
            Diagnosis diagnosis = diagnose("remote", "192.0.2.183", 8080);

            // then:
            assertThat(diagnosis.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
            assertThat(diagnosis.path())
                    .extracting(Phrase::toString)
                    .contains("host: nat DOCKER DNAT 192.0.2.183:8080 → 172.18.0.2:80");
            assertThat(connects("remote", "192.0.2.183", 8080)).isTrue();
        } finally {
            lab.host()
                    .run(
                            LabHost.HOST,
                            List.of(
                                    "iptables",
                                    "-t",
                                    "nat",
                                    "-D",
                                    "PREROUTING",
                                    "-m",
                                    "addrtype",
                                    "--dst-type",
                                    "LOCAL",
                                    "-j",
                                    "DOCKER"));
            run(LabHost.HOST, "iptables", "-t", "nat", "-F", "DOCKER");
            run(LabHost.HOST, "iptables", "-t", "nat", "-X", "DOCKER");
        }
    }

    @Test
    void the_hosts_own_connection_to_the_published_port_needs_nat_output_as_a_real_connection_shows() {
        // given: scenario 4 as the tutorial leaves it, before its closing correction adds a DNAT to nat OUTPUT
        List<String> rule = List.of(
                "OUTPUT",
                "-d",
                "192.0.2.183",
                "-p",
                "tcp",
                "--dport",
                "80",
                "-j",
                "DNAT",
                "--to-destination",
                "172.18.0.2:80");
        nat("-D", rule);
        try {
            Verdict verdict = diagnose(LabHost.HOST, "192.0.2.183", 80).verdict();
            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_DNAT);
            assertThat(verdict.fix())
                    .isEqualTo(
                            "sudo iptables -t nat -A OUTPUT -d 192.0.2.183 -p tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
            assertThat(connects(LabHost.HOST, "192.0.2.183", 80)).isFalse();
        } finally {
            // when: the proposed rule is back
            nat("-A", rule);
        }

        // then:
        assertThat(diagnose(LabHost.HOST, "192.0.2.183", 80).verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(connects(LabHost.HOST, "192.0.2.183", 80)).isTrue();
    }

    @Test
    void a_port_nobody_listens_on_is_diagnosed_as_nothing_listening() {
        Verdict verdict = diagnose("host", "172.18.0.2", 81).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NOTHING_LISTENING);
        assertThat(verdict.fix()).isEqualTo("sudo ip netns exec docker0 nc -lp 81");
    }

    private static Diagnosis diagnose(String from, String to, Integer port) {
        return new Diagnoser(reader.read(), ListenerProbe.of(lab.host())).explain(from, to, port);
    }

    private static boolean pings(String from, String to) {
        return lab.host()
                .run(from, List.of("ping", "-c", "1", "-W", "1", to), Duration.ofSeconds(5))
                .succeeded();
    }

    private static boolean connects(String from, String to, int port) {
        return lab.host()
                .run(from, List.of("nc", "-z", "-w", "2", to, String.valueOf(port)), Duration.ofSeconds(5))
                .succeeded();
    }

    private static void nat(String operation, List<String> rule) {
        List<String> argv = new java.util.ArrayList<>(List.of("iptables", "-t", "nat", operation));
        argv.addAll(rule);
        lab.host().run(LabHost.HOST, argv).orThrow();
    }

    private static void run(String node, String... argv) {
        lab.host().run(node, argv).orThrow();
    }

    private static boolean awaitListening() {
        return server.awaitOutput(text -> ListenerProbe.of(lab.host()).listens("docker0", 80), Duration.ofSeconds(5));
    }
}
