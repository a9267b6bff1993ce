package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bridgelab.words.Phrase;
import org.junit.jupiter.api.Test;

/** Each verdict on the recorded scenario-4 snapshot, broken on purpose in one place (the ITs break a real lab). */
class DiagnoserTest {
    private static final ListenerProbe DOCKER0_SERVES_80 = (ns, port) -> ns.equals("docker0") && port == 80;
    private static final ListenerProbe NOTHING_LISTENS = (ns, port) -> false;
    private final Topology lab = Snapshots.scenario4();

    @Test
    void the_finished_lab_reaches_the_internet_and_the_published_port() {
        assertThat(explain(lab, "docker0", "198.51.100.10", null).verdict().kind())
                .isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(explain(lab, "docker1", "172.18.0.2", null).verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        Diagnosis published = explain(lab, "remote", "192.0.2.183", 80);
        assertThat(published.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(published.path())
                .extracting(Phrase::toString)
                .contains("host: nat PREROUTING DNAT 192.0.2.183:80 → 172.18.0.2:80");
    }

    @Test
    void a_container_on_another_host_is_reached_through_the_vxlan_tunnel_and_not_without_it() {
        // given: the overlay as the kernel reported it: ca on hosta, cb on hostb, vxlan0 (VNI 42) on both bridges
        Topology overlay = Snapshots.overlay();

        // when / then: the tunnel carries hosta's br0 segment to hostb's, both ways
        Diagnosis there = explain(overlay, "ca", "10.0.0.3", null);
        assertThat(there.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(there.path())
                .extracting(Phrase::toString)
                .contains(
                        "ca va → vb in cb",
                        "hosta: the bridge carries it through the VXLAN tunnel vxlan0 in hosta → vxlan0 in hostb"
                                + " (VNI 42, UDP to 203.0.113.12 on the underlay)");
        assertThat(explain(overlay, "cb", "10.0.0.2", null).verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);

        // when: hostb's end has another VNI, the segments are not joined
        Topology otherVni = Snapshots.change(
                overlay,
                "hostb",
                ns -> Snapshots.link(
                        ns,
                        "vxlan0",
                        l -> new Topology.Link(
                                l.index(),
                                l.name(),
                                l.kind(),
                                l.state(),
                                l.flags(),
                                l.mac(),
                                l.mtu(),
                                l.master(),
                                l.peer(),
                                l.addresses(),
                                new Topology.Tunnel(43, "203.0.113.11", null, 4789, "eth0"))));

        // then:
        assertThat(explain(otherVni, "ca", "10.0.0.3", null).verdict().kind()).isEqualTo(Verdict.Kind.NO_SUCH_HOST);
    }

    @Test
    void a_container_interface_that_is_down_is_named_with_the_command_that_brings_it_up() {
        // given: veth0 down in docker0 (the kernel then drops its routes)
        Topology broken = Snapshots.change(
                lab,
                "docker0",
                ns -> Snapshots.routes(
                        Snapshots.link(ns, "veth0", l -> Snapshots.flags(l, List.of("BROADCAST", "MULTICAST"))),
                        List.of()));

        // when:
        Verdict verdict = explain(broken, "docker0", "172.18.0.3", null).verdict();

        // then:
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.INTERFACE_DOWN);
        assertThat(verdict.objects()).containsExactly("veth0 in docker0");
        assertThat(verdict.fix()).isEqualTo("sudo ip netns exec docker0 ip link set veth0 up");
    }

    @Test
    void a_link_without_an_address_is_diagnosed_as_no_address_in_the_bridges_subnet() {
        Topology broken = Snapshots.change(
                lab,
                "docker0",
                ns -> Snapshots.routes(Snapshots.link(ns, "veth0", l -> Snapshots.addresses(l, List.of())), List.of()));

        Verdict verdict = explain(broken, "docker0", "172.18.0.3", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ADDRESS);
        assertThat(verdict.explanation().toString()).contains("172.18.0.0/24");
    }

    @Test
    void an_address_outside_the_bridges_subnet_is_diagnosed_as_no_address_in_the_subnet() {
        // given: docker0's veth0 numbered 10.9.9.2/24, so only a 10.9.9.0/24 route exists
        Topology broken = Snapshots.change(
                lab,
                "docker0",
                ns -> Snapshots.routes(
                        Snapshots.link(ns, "veth0", l -> Snapshots.addresses(l, List.of("10.9.9.2/24"))),
                        List.of(new Topology.Route("10.9.9.0/24", null, "veth0", "kernel", "link"))));

        // when:
        Verdict verdict = explain(broken, "docker0", "172.18.0.3", null).verdict();

        // then:
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ADDRESS);
        assertThat(verdict.explanation().toString())
                .isEqualTo("veth0 in docker0 has no IPv4 address in 172.18.0.0/24, so the kernel has no route over it");
    }

    @Test
    void a_missing_default_route_is_fixed_with_the_bridge_as_gateway() {
        Topology broken = Snapshots.change(
                lab,
                "docker0",
                ns -> Snapshots.routes(
                        ns,
                        ns.routes().stream()
                                .filter(r -> !r.destination().equals("default"))
                                .toList()));

        Verdict verdict = explain(broken, "docker0", "198.51.100.10", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_ROUTE);
        assertThat(verdict.fix()).isEqualTo("sudo ip netns exec docker0 route add default gw 172.18.0.1 veth0");
    }

    @Test
    void a_veth_end_not_plugged_into_the_bridge_is_named_with_brctl_addif() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.link(ns, "veth1", l -> Snapshots.master(l, null)));

        Verdict verdict = explain(broken, "docker0", "198.51.100.10", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NOT_ON_BRIDGE);
        assertThat(verdict.fix()).isEqualTo("sudo brctl addif br0 veth1");
    }

    @Test
    void forwarding_off_is_diagnosed_with_the_sysctl_that_fixes_it() {
        Topology broken = Snapshots.change(lab, "host", ns -> Snapshots.forwarding(ns, false));

        Verdict verdict = explain(broken, "docker0", "198.51.100.10", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARDING_OFF);
        assertThat(verdict.fix()).isEqualTo("sudo sysctl net.ipv4.conf.all.forwarding=1");
    }

    @Test
    void forward_policy_drop_is_diagnosed_with_the_policy_that_fixes_it() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.chain(ns, "filter", "FORWARD", "DROP", List.of()));

        Verdict verdict = explain(broken, "docker0", "198.51.100.10", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
        assertThat(verdict.objects()).containsExactly("filter FORWARD in host");
        assertThat(verdict.fix()).isEqualTo("sudo iptables -P FORWARD ACCEPT");
    }

    @Test
    void without_masquerade_the_reply_is_lost_outside_and_the_rule_is_proposed() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.chain(ns, "nat", "POSTROUTING", null, List.of()));

        Diagnosis diagnosis = explain(broken, "docker0", "198.51.100.10", null);

        assertThat(diagnosis.verdict().kind()).isEqualTo(Verdict.Kind.NO_MASQUERADE);
        assertThat(diagnosis.verdict().fix())
                .isEqualTo("sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
        assertThat(diagnosis.path())
                .extracting(Phrase::toString)
                .contains("internet: 198.51.100.10 is its own address");
    }

    @Test
    void the_diagnosis_is_worded_in_chinese_with_the_nested_reason_and_the_same_fix() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.chain(ns, "nat", "POSTROUTING", null, List.of()));

        String zh = explain(broken, "docker0", "198.51.100.10", null).explain("zh");

        assertThat(zh)
                .contains(
                        "  docker0：去往 198.51.100.10 走路由 default via 172.18.0.1 dev veth0",
                        "到达不了（NO_MASQUERADE）：请求带着私有源地址 172.18.0.2 出去，可 router 没有回到这个地址的路",
                        "（router 既没有去往目的地址的路由，也没有默认网关）",
                        "修复：sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void without_dnat_the_published_port_is_missing_and_the_listening_container_is_proposed() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.chain(ns, "nat", "PREROUTING", null, List.of()));

        Verdict verdict = explain(broken, "remote", "192.0.2.183", 80).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NO_DNAT);
        assertThat(verdict.fix())
                .isEqualTo(
                        "sudo iptables -t nat -A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
    }

    @Test
    void a_port_nobody_listens_on_is_diagnosed_in_the_container_it_reaches() {
        Diagnosis diagnosis = new Diagnoser(lab, NOTHING_LISTENS).explain("remote", "192.0.2.183", 80);

        assertThat(diagnosis.verdict().kind()).isEqualTo(Verdict.Kind.NOTHING_LISTENING);
        assertThat(diagnosis.verdict().fix()).isEqualTo("sudo ip netns exec docker0 nc -lp 80");
        assertThat(diagnosis.reachable()).isFalse();
    }

    @Test
    void a_drop_rule_before_any_accept_is_named_with_the_command_that_deletes_it() {
        Topology broken = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        ns,
                        "filter",
                        "FORWARD",
                        null,
                        Snapshots.rules("-A FORWARD -i br0 -j DROP", "-A FORWARD -i br0 -j ACCEPT")));

        Verdict verdict = explain(broken, "docker0", "198.51.100.10", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
        assertThat(verdict.explanation().toString()).contains("-A FORWARD -i br0 -j DROP", "br0 → eth0");
        assertThat(verdict.fix()).isEqualTo("sudo iptables -D FORWARD -i br0 -j DROP");
    }

    @Test
    void dockers_chains_are_followed_to_the_dnat_of_a_published_port() {
        // given: the DNAT moved into Docker's own chain, reached from PREROUTING for any local address
        Topology docker = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.newChain(
                        Snapshots.chain(
                                ns,
                                "nat",
                                "PREROUTING",
                                null,
                                Snapshots.rules("-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER")),
                        "nat",
                        "DOCKER",
                        Snapshots.rules(
                                "-A DOCKER -i br0 -j RETURN",
                                "-A DOCKER ! -i br0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80")));

        // when:
        Diagnosis published = explain(docker, "remote", "192.0.2.183", 8080);

        // then:
        assertThat(published.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(published.path())
                .extracting(Phrase::toString)
                .contains("host: nat DOCKER DNAT 192.0.2.183:8080 → 172.18.0.2:80");
        assertThat(explain(docker, "remote", "192.0.2.183", 80).verdict().kind())
                .isEqualTo(Verdict.Kind.NO_DNAT);
    }

    @Test
    void with_dockers_forward_policy_drop_replies_need_the_established_rule() {
        // given: Docker's filter FORWARD, first through DOCKER-USER (which returns), then its bridge's rules
        UnaryOperator<Topology.Namespace> docker = ns -> Snapshots.newChain(
                Snapshots.chain(
                        ns,
                        "filter",
                        "FORWARD",
                        "DROP",
                        Snapshots.rules(
                                "-A FORWARD -j DOCKER-USER",
                                "-A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                                "-A FORWARD -i br0 ! -o br0 -j ACCEPT")),
                "filter",
                "DOCKER-USER",
                Snapshots.rules("-A DOCKER-USER -j RETURN"));
        UnaryOperator<Topology.Namespace> withoutEstablished = ns -> Snapshots.chain(
                docker.apply(ns),
                "filter",
                "FORWARD",
                null,
                Snapshots.rules("-A FORWARD -j DOCKER-USER", "-A FORWARD -i br0 ! -o br0 -j ACCEPT"));

        Diagnosis whole = explain(Snapshots.change(lab, "host", docker), "docker0", "198.51.100.10", null);
        Diagnosis broken = explain(Snapshots.change(lab, "host", withoutEstablished), "docker0", "198.51.100.10", null);

        assertThat(whole.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(broken.verdict().kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
        assertThat(broken.verdict().explanation().toString())
                .startsWith("replies cannot return: ")
                .contains("policy DROP", "eth0 → br0");
    }

    @Test
    void the_hosts_own_connection_to_its_published_port_needs_a_dnat_in_nat_output() {
        Verdict before = explain(lab, "host", "192.0.2.183", 80).verdict();
        Topology fixed = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        ns,
                        "nat",
                        "OUTPUT",
                        null,
                        Snapshots.rules(
                                "-A OUTPUT -d 192.0.2.183/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80")));

        assertThat(before.kind()).isEqualTo(Verdict.Kind.NO_DNAT);
        assertThat(before.objects()).containsExactly("nat OUTPUT in host", "port 80");
        assertThat(before.fix())
                .isEqualTo(
                        "sudo iptables -t nat -A OUTPUT -d 192.0.2.183 -p tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
        Diagnosis after = explain(fixed, "host", "192.0.2.183", 80);
        assertThat(after.verdict().kind()).isEqualTo(Verdict.Kind.REACHABLE);
        assertThat(after.path())
                .extracting(Phrase::toString)
                .contains("host: nat OUTPUT DNAT 192.0.2.183:80 → 172.18.0.2:80");
    }

    @Test
    void an_input_policy_drop_on_the_host_loses_the_replies_to_its_own_ping() {
        Topology broken =
                Snapshots.change(lab, "host", ns -> Snapshots.chain(ns, "filter", "INPUT", "DROP", List.of()));

        Verdict verdict = explain(broken, "host", "172.18.0.2", null).verdict();

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.INPUT_DROP);
        assertThat(verdict.explanation().toString()).startsWith("replies cannot return: ");
        assertThat(verdict.fix()).isEqualTo("sudo iptables -P INPUT ACCEPT");
    }

    @Test
    void an_unknown_source_namespace_is_its_own_verdict() {
        assertThat(explain(lab, "docker9", "172.18.0.2", null).verdict().kind()).isEqualTo(Verdict.Kind.NO_NAMESPACE);
    }

    private static Diagnosis explain(Topology topology, String from, String to, Integer port) {
        return new Diagnoser(topology, DOCKER0_SERVES_80).explain(from, to, port);
    }

    @Test
    void a_containers_private_address_asked_from_outside_is_explained_without_a_route_for_bridgelabs_router() {
        // when: the remote machine asks for docker0's own address, as if it were on the internet
        Verdict verdict = explain(lab, "remote", "172.18.0.2", 80).verdict();

        // then: no "ip route add default via GATEWAY" in the lab's own router; the published port is the way
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.PRIVATE_ADDRESS);
        assertThat(verdict.fix()).isEmpty();
        assertThat(verdict.explanation().toString())
                .contains("172.18.0.2 is the private address of docker0")
                .contains("a port the host publishes");
        assertThat(verdict.explanation().in("zh")).contains("172.18.0.2 是 docker0 的私有地址");
    }

    @Test
    void a_reject_rule_and_a_drop_by_icmp_type_are_read_and_a_rule_that_cannot_be_read_is_said_to_be_unknown() {
        // given: the rules the issue found misread, as iptables-save prints them
        Topology reject = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        ns,
                        "filter",
                        "FORWARD",
                        null,
                        Snapshots.rules("-A FORWARD -p icmp -j REJECT --reject-with icmp-port-unreachable")));
        Topology echoDrop = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        ns,
                        "filter",
                        "FORWARD",
                        null,
                        Snapshots.rules("-A FORWARD -p icmp -m icmp --icmp-type 8 -j DROP")));
        Topology unknown = Snapshots.change(
                lab,
                "host",
                ns -> Snapshots.chain(
                        ns,
                        "filter",
                        "FORWARD",
                        null,
                        Snapshots.rules("-A FORWARD -p icmp -m length --length 1000:2000 -j DROP")));

        // when:
        Verdict rejected = explain(reject, "docker0", "198.51.100.10", null).verdict();
        Verdict dropped = explain(echoDrop, "docker0", "198.51.100.10", null).verdict();
        Diagnosis unread = explain(unknown, "docker0", "198.51.100.10", null);

        // then:
        assertThat(rejected.kind()).isEqualTo(Verdict.Kind.FORWARD_DROP);
        assertThat(rejected.fix())
                .isEqualTo("sudo iptables -D FORWARD -p icmp -j REJECT --reject-with icmp-port-unreachable");
        assertThat(dropped.fix()).isEqualTo("sudo iptables -D FORWARD -p icmp -m icmp --icmp-type 8 -j DROP");
        assertThat(unread.path())
                .extracting(Phrase::toString)
                .contains("host: filter FORWARD has the rule "
                        + "-A FORWARD -p icmp -m length --length 1000:2000 -j DROP, which uses a match I cannot evaluate: I assume it "
                        + "does not match (the probe shows whether it does)");
    }

    @Test
    void an_address_held_by_two_containers_is_named_with_both_whatever_the_walk_found() {
        // given: docker1 takes docker0's address too
        Topology twice = Snapshots.change(
                lab,
                "docker1",
                ns -> Snapshots.link(
                        ns, "veth2", l -> Snapshots.addresses(l, List.of("172.18.0.3/24", "172.18.0.2/24"))));

        // when:
        Verdict published = new Diagnoser(twice, DOCKER0_SERVES_80)
                .explain("remote", "192.0.2.183", 80)
                .verdict();

        // then:
        assertThat(published.kind()).isEqualTo(Verdict.Kind.DUPLICATE_ADDRESS);
        assertThat(published.explanation().toString())
                .startsWith("172.18.0.2 is held twice, by veth0 in docker0 and by veth2 in docker1");
        assertThat(published.fix()).isEqualTo("sudo ip netns exec docker1 ip addr del 172.18.0.2/24 dev veth2");
    }
}
