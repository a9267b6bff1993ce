package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConntrackParserTest {

    @Test
    void reads_original_and_reply_directions_so_nat_shows() {
        // given: conntrack -L of a scenario-4 host after a ping outside and a connection from the remote machine
        String text = Fixtures.read("conntrack-s4.txt");

        // when:
        List<Topology.Flow> flows = ConntrackParser.parse(text);

        // then: MASQUERADE shows as a reply to the host's address, DNAT as a reply from the container
        assertThat(flows).hasSize(4);
        Topology.Flow masqueraded = flows.get(0);
        assertThat(masqueraded.protocol()).isEqualTo("icmp");
        assertThat(masqueraded.original()).isEqualTo(new Topology.Tuple("172.18.0.2", "198.51.100.10", 0, 0, 56));
        assertThat(masqueraded.reply()).isEqualTo(new Topology.Tuple("198.51.100.10", "192.0.2.183", 0, 0, 56));
        Topology.Flow dnatted = flows.get(2);
        assertThat(dnatted.state()).isEqualTo("TIME_WAIT");
        assertThat(dnatted.original()).isEqualTo(new Topology.Tuple("192.0.2.50", "192.0.2.183", 33734, 80));
        assertThat(dnatted.reply()).isEqualTo(new Topology.Tuple("172.18.0.2", "192.0.2.50", 80, 33734));
        assertThat(dnatted.flags()).containsExactly("ASSURED");
        assertThat(flows.get(3).flags()).containsExactly("UNREPLIED");
        assertThat(flows.get(3).original().echoId())
                .as("no id= on a flow that is not an ICMP echo")
                .isEqualTo(-1);
    }

    @Test
    void proc_net_nf_conntrack_reads_the_same_as_conntrack_l() {
        // given: /proc/net/nf_conntrack of a scenario-3 host, which puts "ipv4 2" before each flow
        List<Topology.Flow> flows = ConntrackParser.parse(Fixtures.read("proc-nf-conntrack-s3.txt"));

        assertThat(flows).hasSize(3);
        assertThat(flows.get(1).reply()).isEqualTo(new Topology.Tuple("198.51.100.10", "192.0.2.183", 0, 0, 56));
    }

    @Test
    void an_empty_table_is_no_flows() {
        assertThat(ConntrackParser.parse("")).isEmpty();
    }

    @Test
    void a_line_it_does_not_understand_is_an_error_with_its_number() {
        assertThatThrownBy(() ->
                        ConntrackParser.parse("\nconntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown."))
                .hasMessageStartingWith("conntrack -L line 2:");
        assertThatThrownBy(() -> ConntrackParser.parse("tcp 6 10 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1 dport=2"))
                .hasMessageContaining("two src=");
    }
}
