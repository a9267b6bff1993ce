package org.bridgelab.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.kernel.ListenerProbe;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Verdict;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults built by hand on a real scenario-4 lab, one at a time, each diagnosed with a real probe packet and
 * compared with what an independent ping or connection says: the diagnosis is never REACHABLE when the
 * kernel does not carry the packet, and the cause it names is the fault the test made. After each fault the
 * lab is repaired and must carry packets again, so the faults do not depend on one another.
 */
@KernelTest
class WitnessedDiagnosisIT {
    private static Lab lab;
    private static StateReader reader;
    private static LiveProcess server;

    /** A command in a namespace. */
    record Command(String node, List<String> argv) {
        static Command in(String node, String... argv) {
            return new Command(node, List.of(argv));
        }
    }

    /** What the test breaks, the question it asks, what the answer must name, and how it repairs the lab. */
    record Fault(
            String name,
            List<Command> breakIt,
            List<Command> repair,
            String from,
            String to,
            Integer port,
            Verdict.Kind kind,
            String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fault> faults() {
        String host = LabHost.HOST;
        return Stream.of(
                new Fault(
                        "a REJECT rule in FORWARD (iptables-save adds --reject-with)",
                        List.of(Command.in(host, "iptables", "-I", "FORWARD", "-p", "icmp", "-j", "REJECT")),
                        List.of(Command.in(host, "iptables", "-D", "FORWARD", "-p", "icmp", "-j", "REJECT")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.FORWARD_DROP,
                        "sudo iptables -D FORWARD -p icmp -j REJECT --reject-with icmp-port-unreachable"),
                new Fault(
                        "a DROP of echo requests by ICMP type",
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-I",
                                "FORWARD",
                                "-p",
                                "icmp",
                                "-m",
                                "icmp",
                                "--icmp-type",
                                "8",
                                "-j",
                                "DROP")),
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-D",
                                "FORWARD",
                                "-p",
                                "icmp",
                                "-m",
                                "icmp",
                                "--icmp-type",
                                "8",
                                "-j",
                                "DROP")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.FORWARD_DROP,
                        "sudo iptables -D FORWARD -p icmp -m icmp --icmp-type 8 -j DROP"),
                new Fault(
                        "a DROP in raw PREROUTING",
                        List.of(Command.in(
                                host, "iptables", "-t", "raw", "-I", "PREROUTING", "-s", "172.18.0.2", "-j", "DROP")),
                        List.of(Command.in(
                                host, "iptables", "-t", "raw", "-D", "PREROUTING", "-s", "172.18.0.2", "-j", "DROP")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.DROPPED,
                        "sudo iptables -t raw -D PREROUTING -s 172.18.0.2/32 -j DROP"),
                new Fault(
                        "a policy rule to a table whose default is unreachable",
                        List.of(
                                Command.in(host, "ip", "route", "add", "unreachable", "default", "table", "100"),
                                Command.in(
                                        host,
                                        "ip",
                                        "rule",
                                        "add",
                                        "from",
                                        "172.18.0.0/24",
                                        "iif",
                                        "br0",
                                        "table",
                                        "100")),
                        List.of(
                                Command.in(
                                        host,
                                        "ip",
                                        "rule",
                                        "del",
                                        "from",
                                        "172.18.0.0/24",
                                        "iif",
                                        "br0",
                                        "table",
                                        "100"),
                                Command.in(host, "ip", "route", "del", "unreachable", "default", "table", "100")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.ROUTE_REFUSES,
                        "sudo ip route del unreachable default table 100"),
                new Fault(
                        "a blackhole route more specific than the default",
                        List.of(Command.in(host, "ip", "route", "add", "blackhole", "198.51.100.0/28")),
                        List.of(Command.in(host, "ip", "route", "del", "blackhole", "198.51.100.0/28")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.ROUTE_REFUSES,
                        "sudo ip route del blackhole 198.51.100.0/28"),
                new Fault(
                        "forwarding off in the host",
                        List.of(Command.in(host, "sysctl", "-w", "net.ipv4.ip_forward=0")),
                        List.of(Command.in(host, "sysctl", "-w", "net.ipv4.ip_forward=1")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.FORWARDING_OFF,
                        "forwarding=1"),
                new Fault(
                        "the FORWARD policy DROP",
                        List.of(Command.in(host, "iptables", "-P", "FORWARD", "DROP")),
                        List.of(Command.in(host, "iptables", "-P", "FORWARD", "ACCEPT")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.FORWARD_DROP,
                        "sudo iptables -P FORWARD ACCEPT"),
                new Fault(
                        "a container without its default route",
                        List.of(Command.in("docker0", "ip", "route", "del", "default")),
                        List.of(Command.in("docker0", "ip", "route", "add", "default", "via", "172.18.0.1")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.NO_ROUTE,
                        "route add default gw 172.18.0.1"),
                new Fault(
                        "a container's interface down",
                        List.of(Command.in("docker1", "ip", "link", "set", "veth2", "down")),
                        List.of(
                                Command.in("docker1", "ip", "link", "set", "veth2", "up"),
                                Command.in("docker1", "ip", "route", "replace", "default", "via", "172.18.0.1")),
                        "docker1",
                        "172.18.0.2",
                        null,
                        Verdict.Kind.INTERFACE_DOWN,
                        "ip link set veth2 up"),
                new Fault(
                        "no MASQUERADE for the containers",
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-D",
                                "POSTROUTING",
                                "-s",
                                "172.18.0.0/24",
                                "!",
                                "-o",
                                "br0",
                                "-j",
                                "MASQUERADE")),
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-A",
                                "POSTROUTING",
                                "-s",
                                "172.18.0.0/24",
                                "!",
                                "-o",
                                "br0",
                                "-j",
                                "MASQUERADE")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.NO_MASQUERADE,
                        "-j MASQUERADE"),
                new Fault(
                        "no DNAT for the published port",
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-D",
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
                                "172.18.0.2:80")),
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-A",
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
                                "172.18.0.2:80")),
                        "remote",
                        "192.0.2.183",
                        80,
                        Verdict.Kind.NO_DNAT,
                        "-j DNAT --to-destination 172.18.0.2:80"),
                new Fault(
                        "a DNAT the host's own connection misses (no nat OUTPUT rule)",
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-D",
                                "OUTPUT",
                                "-d",
                                "192.0.2.183/32",
                                "-p",
                                "tcp",
                                "-m",
                                "tcp",
                                "--dport",
                                "80",
                                "-j",
                                "DNAT",
                                "--to-destination",
                                "172.18.0.2:80")),
                        List.of(Command.in(
                                host,
                                "iptables",
                                "-t",
                                "nat",
                                "-A",
                                "OUTPUT",
                                "-d",
                                "192.0.2.183/32",
                                "-p",
                                "tcp",
                                "-m",
                                "tcp",
                                "--dport",
                                "80",
                                "-j",
                                "DNAT",
                                "--to-destination",
                                "172.18.0.2:80")),
                        host,
                        "192.0.2.183",
                        80,
                        Verdict.Kind.NO_DNAT,
                        "iptables -t nat -A OUTPUT -d 192.0.2.183"),
                new Fault(
                        "the reverse-path filter and a route back through another interface",
                        List.of(
                                Command.in(host, "sysctl", "-w", "net.ipv4.conf.all.rp_filter=1"),
                                Command.in(host, "ip", "route", "add", "172.18.0.2/32", "dev", "eth0")),
                        List.of(
                                Command.in(host, "ip", "route", "del", "172.18.0.2/32", "dev", "eth0"),
                                Command.in(host, "sysctl", "-w", "net.ipv4.conf.all.rp_filter=0")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.REVERSE_PATH_FILTER,
                        "rp_filter=0"),
                new Fault(
                        "a container address with the wrong netmask",
                        List.of(
                                Command.in("docker0", "ip", "addr", "del", "172.18.0.2/24", "dev", "veth0"),
                                Command.in("docker0", "ip", "addr", "add", "172.18.0.2/31", "dev", "veth0")),
                        List.of(
                                Command.in("docker0", "ip", "addr", "del", "172.18.0.2/31", "dev", "veth0"),
                                Command.in("docker0", "ip", "addr", "add", "172.18.0.2/24", "dev", "veth0"),
                                Command.in("docker0", "ip", "route", "replace", "default", "via", "172.18.0.1")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.WRONG_NETMASK,
                        "ip addr add 172.18.0.2/24 dev veth0"),
                new Fault(
                        "a bridge port down",
                        List.of(Command.in(host, "ip", "link", "set", "veth3", "down")),
                        List.of(Command.in(host, "ip", "link", "set", "veth3", "up")),
                        "docker0",
                        "172.18.0.3",
                        null,
                        Verdict.Kind.INTERFACE_DOWN,
                        "ip link set veth3 up"),
                new Fault(
                        "a DROP in DOCKER-USER",
                        List.of(
                                Command.in(host, "iptables", "-N", "DOCKER-USER"),
                                Command.in(host, "iptables", "-A", "DOCKER-USER", "-j", "DROP"),
                                Command.in(host, "iptables", "-I", "FORWARD", "-j", "DOCKER-USER")),
                        List.of(
                                Command.in(host, "iptables", "-D", "FORWARD", "-j", "DOCKER-USER"),
                                Command.in(host, "iptables", "-F", "DOCKER-USER"),
                                Command.in(host, "iptables", "-X", "DOCKER-USER")),
                        "docker0",
                        "198.51.100.10",
                        null,
                        Verdict.Kind.FORWARD_DROP,
                        "sudo iptables -D DOCKER-USER -j DROP"));
    }

    @BeforeAll
    static void buildScenario4AndServePort80InDocker0() {
        lab = Lab.open(LabHostChoice.sandbox());
        reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES));
        RunReport report = new LessonRunner(lab.host(), RunListener.NONE)
                .run(Curriculum.bundled().withPrerequisites(List.of("s4")));
        assertThat(report.passed()).as("scenario 4 builds").isTrue();
        server = lab.host().start("docker0", List.of("nc", "-lk", "-p", "80"), OutputListener.IGNORE);
        assertThat(server.awaitOutput(
                        text -> ListenerProbe.of(lab.host()).listens("docker0", 80), Duration.ofSeconds(5)))
                .as("the test server listens")
                .isTrue();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.stop();
        }
        if (reader != null) {
            reader.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void the_lab_carries_packets_again_and_no_trace_rule_is_left() {
        assertThat(pings("docker0", "198.51.100.10"))
                .as("docker0 pings the internet")
                .isTrue();
        assertThat(pings("docker1", "172.18.0.2")).as("docker1 pings docker0").isTrue();
        assertThat(connects("remote", "192.0.2.183", 80))
                .as("remote connects to the published port")
                .isTrue();
        assertThat(lab.host().run(LabHost.HOST, List.of("iptables-save")).stdout())
                .doesNotContain("TRACE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void the_probe_decides_and_the_fault_made_is_the_cause_named(Fault fault) {
        // given:
        fault.breakIt()
                .forEach(command ->
                        lab.host().run(command.node(), command.argv()).orThrow());
        try {
            boolean carried = fault.port() == null
                    ? pings(fault.from(), fault.to())
                    : connects(fault.from(), fault.to(), fault.port());

            // when:
            Diagnosis diagnosis =
                    new WitnessedDiagnoser(lab.host()).explain(reader.read(), fault.from(), fault.to(), fault.port());

            // then:
            String explained = diagnosis.explain();
            assertThat(carried).as("the fault stops real traffic").isFalse();
            assertThat(diagnosis.reachable()).as(explained).isFalse();
            assertThat(diagnosis.verdict().kind()).as(explained).isEqualTo(fault.kind());
            assertThat(diagnosis.verdict().fix() + " " + diagnosis.verdict().explanation())
                    .as(explained)
                    .contains(fault.named());
            assertThat(diagnosis.witness()).as("what the probe showed").isNotEmpty();
            if (fault.kind() == Verdict.Kind.FORWARD_DROP || fault.kind() == Verdict.Kind.DROPPED) {
                // the diagram marks the probe's way through the host's hooks, and where it was dropped
                assertThat(diagnosis.traced())
                        .as(explained)
                        .anySatisfy(traced -> assertThat(traced)
                                .extracting(Diagnosis.Traced::namespace, Diagnosis.Traced::dropped)
                                .containsExactly(LabHost.HOST, true));
            }
        } finally {
            fault.repair().forEach(command -> lab.host().run(command.node(), command.argv()));
        }
    }

    @Test
    void an_address_held_twice_is_named_and_reachable_only_if_the_probe_was_answered() {
        // given: docker1 takes docker0's address as well; which of the two gets a packet depends on ARP
        lab.host()
                .run("docker1", List.of("ip", "addr", "add", "172.18.0.2/24", "dev", "veth2"))
                .orThrow();
        try {
            // when:
            Diagnosis diagnosis =
                    new WitnessedDiagnoser(lab.host()).explain(reader.read(), "remote", "192.0.2.183", 80);

            // then:
            String explained = diagnosis.explain();
            assertThat(explained).contains("172.18.0.2 is held twice, by veth0 in docker0 and by veth2 in docker1");
            boolean answered = diagnosis.witness().get(0).toString().endsWith("it was answered");
            assertThat(diagnosis.verdict().kind())
                    .as(explained)
                    .isEqualTo(answered ? Verdict.Kind.REACHABLE : Verdict.Kind.DUPLICATE_ADDRESS);
        } finally {
            lab.host().run("docker1", List.of("ip", "addr", "del", "172.18.0.2/24", "dev", "veth2"));
            lab.host().run(LabHost.HOST, List.of("ip", "neigh", "flush", "dev", "br0"));
        }
    }

    @Test
    void an_answered_probe_is_reachable_and_its_path_through_the_host_is_shown() {
        Diagnosis diagnosis =
                new WitnessedDiagnoser(lab.host()).explain(reader.read(), "docker0", "198.51.100.10", null);

        assertThat(diagnosis.reachable()).as(diagnosis.explain()).isTrue();
        assertThat(diagnosis.explain())
                .contains("it was answered")
                .contains("host: 172.18.0.2 → 198.51.100.10:")
                .contains("nat POSTROUTING MASQUERADE");
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
}
