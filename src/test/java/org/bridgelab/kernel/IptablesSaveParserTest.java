package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesSaveParserTest {

    @Test
    void reads_tables_chains_policies_counters_and_rules_of_a_real_scenario_4_host() {
        List<Topology.Table> tables = IptablesSaveParser.parse(Fixtures.read("iptables-save-plain.txt"));

        assertThat(tables).extracting(Topology.Table::name).containsExactly("filter", "nat");
        Topology.Chain forward = tables.get(0).chains().get(1);
        assertThat(forward.name()).isEqualTo("FORWARD");
        assertThat(forward.policy()).isEqualTo("ACCEPT");
        assertThat(forward.packets()).isEqualTo(2);
        assertThat(forward.bytes()).isEqualTo(168);
        Topology.Table nat = tables.get(1);
        assertThat(nat.chains())
                .extracting(Topology.Chain::name)
                .containsExactly("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
        assertThat(nat.chains().get(0).rules())
                .extracting(Topology.Rule::text)
                .containsExactly(
                        "-A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
        assertThat(nat.chains().get(3).rules())
                .extracting(Topology.Rule::text)
                .containsExactly("-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void rule_counters_of_iptables_save_c_are_kept_with_each_rule() {
        List<Topology.Table> tables = IptablesSaveParser.parse(Fixtures.read("iptables-save-c-s4.txt"));

        assertThat(tables.get(1).chains().get(3).rules())
                .containsExactly(new Topology.Rule("-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE", 1, 84));
    }

    @Test
    void nothing_loaded_means_no_tables() {
        assertThat(IptablesSaveParser.parse("")).isEmpty();
    }

    @Test
    void a_line_it_does_not_understand_is_an_error_with_its_number() {
        assertThatThrownBy(() -> IptablesSaveParser.parse("*nat\n:PREROUTING ACCEPT [0:0]\n-X what\nCOMMIT\n"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> IptablesSaveParser.parse("*nat\n:PREROUTING ACCEPT [0:0]\n"))
                .hasMessageContaining("no COMMIT");
        assertThatThrownBy(() -> IptablesSaveParser.parse("*nat\n-A FOO -j ACCEPT\nCOMMIT\n"))
                .hasMessageContaining("undeclared chain FOO");
    }
}
