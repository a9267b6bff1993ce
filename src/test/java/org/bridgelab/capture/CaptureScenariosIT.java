package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on a real sandbox lab, built once by the curriculum's lessons s1, s3 and s4 (containers on
 * br0, MASQUERADE, DNAT of port 80). Each test captures its own traffic in its own session.
 */
@KernelTest
class CaptureScenariosIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CapturePoint BR0 = new CapturePoint(LabHost.HOST, "br0");
    private static final CapturePoint UPLINK = new CapturePoint(LabHost.HOST, "eth0");
    private static final CapturePoint DOCKER0_VETH = new CapturePoint("docker0", "veth0");

    private static Lab lab;
    private CaptureSession session;
    private PacketLog log;

    @BeforeAll
    static void buildTheLab() {
        lab = Lab.open(LabHostChoice.sandbox());
        RunReport report = new LessonRunner(lab.host(), RunListener.NONE)
                .run(Curriculum.bundled().withPrerequisites(List.of("s4")));
        assertThat(report.passed())
                .as("the lessons that build the lab: %s", report)
                .isTrue();
    }

    @AfterAll
    static void removeTheLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void freshSessionAndEmptyArpCaches() {
        // the lessons' own pings filled the ARP caches; an empty cache makes the first packet ask again
        for (String node : List.of("docker0", "docker1", LabHost.HOST, OutsideWorld.REMOTE, OutsideWorld.ROUTER)) {
            lab.host().run(node, "ip", "neigh", "flush", "all").orThrow();
        }
        session = new CaptureSession(lab.host());
        log = new PacketLog();
        session.subscribe(log);
    }

    @AfterEach
    void closeSession() {
        session.close();
        assertThat(session.activePoints()).isEmpty();
        assertThat(lab.host().run(LabHost.HOST, "iptables-save", "-t", "raw").stdout())
                .doesNotContain("TRACE");
    }

    @Test
    void scenario_1_yields_arp_request_arp_reply_then_icmp_request_and_reply_on_br0() {
        // given:
        session.start(BR0);
        session.start(DOCKER0_VETH);

        // when:
        lab.host().run("docker0", "ping", "-c", "1", "172.18.0.3").orThrow();

        // then: on br0, in kernel order
        assertThat(log.awaitEvents(
                        events ->
                                onBr0(events).stream().anyMatch(e -> e.summary().contains("echo reply")),
                        WAIT))
                .as("an echo reply on br0, got %s", log.events())
                .isTrue();
        List<String> br0 = onBr0(log.events()).stream()
                .filter(e -> e.protocol() == Protocol.ARP || e.protocol() == Protocol.ICMP)
                .map(PacketEvent::summary)
                .toList();
        assertThat(br0.get(0)).isEqualTo("who-has 172.18.0.3 tell 172.18.0.2");
        assertThat(br0.get(1)).startsWith("172.18.0.3 is-at ");
        assertThat(br0.get(2)).startsWith("172.18.0.2 > 172.18.0.3: ICMP echo request id ");
        assertThat(br0.get(3)).startsWith("172.18.0.3 > 172.18.0.2: ICMP echo reply id ");

        // and: the echo request seen inside docker0 and on br0 is one packet travelling, between two lanes
        assertThat(log.awaitEvents(
                        events -> events.stream().filter(this::isEchoRequest).count() == 2, WAIT))
                .isTrue();
        List<PacketEvent> requests =
                log.events().stream().filter(this::isEchoRequest).toList();
        assertThat(requests).extracting(PacketEvent::point).containsExactlyInAnyOrder(BR0, DOCKER0_VETH);
        assertThat(requests.get(0).travel()).isEqualTo(requests.get(1).travel());
        LabNodes nodes = LabNodes.of(new StateReader(lab.host(), Set.copyOf(OutsideWorld.NAMESPACES)).read());
        assertThat(nodes.hop(requests.get(0))).isEqualTo(new LabNodes.Hop("docker0", "docker1"));
        assertThat(nodes.lanes()).startsWith("docker0", "docker1", "host").contains("router", "internet", "remote");
        assertThat(session.natPairs()).isEmpty();
    }

    @Test
    void scenario_3_yields_nat_pairs_and_a_netfilter_path_ending_in_masquerade(@TempDir Path dir) throws Exception {
        // given:
        session.traceNetfilter(List.of("-p", "icmp"));
        session.start(BR0);
        session.start(UPLINK);

        // when:
        lab.host()
                .run("docker0", "ping", "-c", "1", OutsideWorld.INTERNET_ADDRESS)
                .orThrow();

        // then: the request's source rewritten on the way out, the reply's destination on the way back
        assertThat(log.awaitPairs(pairs -> pairs.stream().anyMatch(p -> p.kind() == NatPair.Kind.REVERSE_SNAT), WAIT))
                .as("NAT pairs, got %s from %s", log.pairs(), log.events())
                .isTrue();
        NatPair snat = log.pairs().stream()
                .filter(p -> p.kind() == NatPair.Kind.SNAT)
                .findFirst()
                .orElseThrow();
        assertThat(snat.before().point()).isEqualTo(BR0);
        assertThat(snat.before().flow()).startsWith("172.18.0.2 > 198.51.100.10");
        assertThat(snat.after().point()).isEqualTo(UPLINK);
        assertThat(snat.after().srcIp()).isEqualTo(OutsideWorld.HOST_ADDRESS);
        assertThat(snat.after().travel()).isEqualTo(snat.before().travel());

        // and: the kernel's trace of that request
        Optional<NetfilterPath> path = session.tracer()
                .orElseThrow()
                .awaitPath(p -> p.describes(snat.before()) && p.hooks().contains("POSTROUTING"), WAIT);
        assertThat(path).as("trace paths: %s", session.netfilterPaths()).isPresent();
        assertThat(path.get().hooks()).containsSubsequence("PREROUTING", "FORWARD", "POSTROUTING");
        assertThat(path.get().finalDecision()).isEqualTo("MASQUERADE");
        assertThat(session.netfilterPathOf(snat.before())).contains(path.get());

        // and: the export keeps both points apart, and tcpdump reads it
        Path pcapng = dir.resolve("s3.pcapng");
        session.exportPcapng(pcapng);
        CommandResult read = new ProcessRunner().run(List.of("tcpdump", "-n", "-r", pcapng.toString()), WAIT);
        assertThat(read.stdout())
                .contains("IP 172.18.0.2 > 198.51.100.10: ICMP echo request")
                .contains("IP 192.0.2.183 > 198.51.100.10: ICMP echo request");
    }

    @Test
    void scenario_4_yields_the_dnat_pair_of_the_tcp_syn_to_the_hosts_port_80() {
        // given:
        session.start(UPLINK);
        session.start(BR0);

        // when: the remote machine knocks on the host's port 80 (nobody listens in docker0 now: it answers RST)
        lab.host().run(OutsideWorld.REMOTE, List.of("nc", "-z", "-w", "3", OutsideWorld.HOST_ADDRESS, "80"), WAIT);

        // then:
        assertThat(log.awaitPairs(pairs -> pairs.stream().anyMatch(p -> p.kind() == NatPair.Kind.DNAT), WAIT))
                .as("a DNAT pair, got %s from %s", log.pairs(), log.events())
                .isTrue();
        NatPair dnat = log.pairs().stream()
                .filter(p -> p.kind() == NatPair.Kind.DNAT)
                .findFirst()
                .orElseThrow();
        assertThat(dnat.before().summary()).contains("[SYN]");
        assertThat(dnat.before().point()).isEqualTo(UPLINK);
        assertThat(dnat.before().srcIp()).isEqualTo(OutsideWorld.REMOTE_ADDRESS);
        assertThat(dnat.before().dstIp()).isEqualTo(OutsideWorld.HOST_ADDRESS);
        assertThat(dnat.before().dstPort()).isEqualTo(80);
        assertThat(dnat.after().point()).isEqualTo(BR0);
        assertThat(dnat.after().dstIp()).isEqualTo("172.18.0.2");
        assertThat(dnat.after().dstPort()).isEqualTo(80);
    }

    @Test
    void an_interface_that_does_not_exist_is_refused_with_tcpdumps_words() {
        CapturePoint nowhere = new CapturePoint("docker1", "nosuch0");

        assertThat(session.isUp(nowhere)).isFalse();
        assertThatThrownBy(() -> session.start(nowhere))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("docker1/nosuch0");
        assertThat(session.activePoints()).isEmpty();
    }

    private List<PacketEvent> onBr0(List<PacketEvent> events) {
        return events.stream()
                .filter(e -> e.point().equals(BR0))
                .sorted(java.util.Comparator.comparingLong(PacketEvent::timestampNanos))
                .toList();
    }

    private boolean isEchoRequest(PacketEvent event) {
        return event.summary().contains("172.18.0.3: ICMP echo request");
    }
}
