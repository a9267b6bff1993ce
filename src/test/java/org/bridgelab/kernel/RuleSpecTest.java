package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rule texts as iptables-save prints them for the lab and for Docker. */
class RuleSpecTest {
    private static final RuleSpec.Packet FROM_REMOTE_TO_8080 =
            new RuleSpec.Packet("192.0.2.50", "192.0.2.183", "eth0", "", "tcp", 8080, "LOCAL", "NEW");

    @Test
    void dockers_published_port_matches_a_new_connection_from_outside_only() {
        RuleSpec dnat =
                RuleSpec.parse("-A DOCKER ! -i br0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80");

        assertThat(dnat.understood()).isTrue();
        assertThat(dnat.chain()).isEqualTo("DOCKER");
        assertThat(dnat.toDestination()).isEqualTo("172.18.0.2:80");
        assertThat(dnat.matches(FROM_REMOTE_TO_8080)).isTrue();
        assertThat(dnat.matches(
                        new RuleSpec.Packet("172.18.0.3", "192.0.2.183", "br0", "", "tcp", 8080, "LOCAL", "NEW")))
                .as("from the bridge")
                .isFalse();
        assertThat(dnat.matches(
                        new RuleSpec.Packet("192.0.2.50", "192.0.2.183", "eth0", "", "tcp", 80, "LOCAL", "NEW")))
                .as("another port")
                .isFalse();
    }

    @Test
    void address_type_and_connection_state_are_read_with_their_negation() {
        RuleSpec local = RuleSpec.parse("-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER");
        RuleSpec established = RuleSpec.parse("-A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");

        assertThat(local.matches(FROM_REMOTE_TO_8080)).isTrue();
        assertThat(local.matches(new RuleSpec.Packet(null, "127.0.0.1", "", null, "tcp", 80, "LOCAL", "NEW")))
                .isFalse();
        assertThat(local.matches(new RuleSpec.Packet(null, "198.51.100.10", "", null, "tcp", 80, "UNICAST", "NEW")))
                .isFalse();
        assertThat(established.matches(new RuleSpec.Packet(
                        "198.51.100.10", "172.18.0.2", "eth0", "br0", "icmp", null, "UNICAST", "ESTABLISHED")))
                .isTrue();
        assertThat(established.matches(new RuleSpec.Packet(
                        "198.51.100.10", "172.18.0.2", "eth0", "br0", "icmp", null, "UNICAST", "NEW")))
                .isFalse();
    }

    @Test
    void a_condition_on_what_the_hook_does_not_know_never_matches_either_way() {
        RuleSpec notFromBridge = RuleSpec.parse("-A FORWARD ! -o br0 -j DROP");

        assertThat(notFromBridge.matches(new RuleSpec.Packet(
                        "172.18.0.2", "198.51.100.10", "br0", null, "icmp", null, "UNICAST", "NEW")))
                .isFalse();
    }

    @Test
    void an_option_it_cannot_read_makes_the_rule_not_understood_so_it_never_matches() {
        RuleSpec limited = RuleSpec.parse("-A FORWARD -m limit --limit 5/min -j DROP");

        assertThat(limited.understood()).isFalse();
        assertThat(limited.matches(FROM_REMOTE_TO_8080)).isFalse();
        assertThat(RuleSpec.parse("-A POSTROUTING -o eth0 -j SNAT --to-source 192.0.2.183")
                        .toSource())
                .isEqualTo("192.0.2.183");
        assertThat(RuleSpec.parse("-A FORWARD -m comment --comment lab -j ACCEPT")
                        .understood())
                .isTrue();
        assertThat(RuleSpec.parse("-A FORWARD -j").understood())
                .as("an option without its value")
                .isFalse();
    }

    @Test
    void a_reject_as_iptables_save_prints_it_and_an_icmp_type_are_read() {
        // iptables-save always adds --reject-with; -m icmp --icmp-type 8 is "echo-request"
        RuleSpec reject = RuleSpec.parse("-A FORWARD -p icmp -j REJECT --reject-with icmp-port-unreachable");
        RuleSpec echoRequests = RuleSpec.parse("-A FORWARD -p icmp -m icmp --icmp-type 8 -j DROP");
        RuleSpec byName = RuleSpec.parse("-A FORWARD -p icmp -m icmp --icmp-type echo-request -j DROP");
        RuleSpec notReplies = RuleSpec.parse("-A FORWARD -p icmp -m icmp ! --icmp-type 0/0 -j DROP");
        RuleSpec.Packet request =
                new RuleSpec.Packet("172.18.0.2", "198.51.100.10", "br0", "eth0", "icmp", null, "UNICAST", "NEW", "8");
        RuleSpec.Packet reply = new RuleSpec.Packet(
                "198.51.100.10", "192.0.2.183", "eth0", "br0", "icmp", null, "UNICAST", "ESTABLISHED", "0");

        assertThat(reject.understood()).isTrue();
        assertThat(reject.target()).isEqualTo("REJECT");
        assertThat(reject.matches(request)).isTrue();
        assertThat(echoRequests.matches(request)).isTrue();
        assertThat(echoRequests.matches(reply)).isFalse();
        assertThat(byName.matches(request)).isTrue();
        assertThat(notReplies.matches(request)).isTrue();
        assertThat(notReplies.matches(reply)).isFalse();
        assertThat(echoRequests.matches(new RuleSpec.Packet(
                        "172.18.0.2", "198.51.100.10", "br0", "eth0", "icmp", null, "UNICAST", "NEW")))
                .as("a packet whose type is unknown")
                .isFalse();
    }
}
