package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetParserTest {

    @Test
    void the_iptables_nft_tables_of_scenario_4_read_with_hooks_policies_rules_and_counters() {
        // given: nft -j list ruleset of a scenario-4 host (rules made by iptables)
        List<Topology.NftTable> tables = NftRulesetParser.parse(Fixtures.read("nft-ruleset-s4.json"));

        // then:
        assertThat(tables).extracting(Topology.NftTable::name).containsExactly("filter", "nat");
        assertThat(tables).allMatch(Topology.NftTable::managedByIptables);
        Topology.NftChain postrouting = tables.get(1).chains().get(0);
        assertThat(postrouting.name()).isEqualTo("POSTROUTING");
        assertThat(postrouting.hook()).isEqualTo("postrouting");
        assertThat(postrouting.policy()).isEqualTo("accept");
        assertThat(postrouting.rules())
                .containsExactly(
                        new Topology.NftRule(2, "oifname != br0 ip saddr 172.18.0.0/24 counter masquerade", 1, 84));
    }

    @Test
    void a_table_made_with_nft_itself_is_read_in_nfts_words() {
        List<Topology.NftTable> tables = NftRulesetParser.parse(Fixtures.read("nft-ruleset-inet.json"));

        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).managedByIptables()).isFalse();
        assertThat(tables.get(0).chains().get(0).policy()).isEqualTo("drop");
        assertThat(tables.get(0).chains().get(0).rules())
                .extracting(Topology.NftRule::text)
                .containsExactly("tcp dport 22 ct state { established, related } counter accept", "iifname lo accept");
    }

    @Test
    void nothing_is_no_tables_and_an_unknown_object_is_an_error() {
        assertThat(NftRulesetParser.parse("")).isEmpty();
        assertThatThrownBy(() -> NftRulesetParser.parse("{\"nftables\": [{\"wormhole\": {}}]}"))
                .hasMessageContaining("unknown object \"wormhole\"");
        assertThatThrownBy(() ->
                        NftRulesetParser.parse("{\"nftables\": [{\"rule\": {\"family\": \"ip\", \"table\": \"x\"}}]}"))
                .hasMessageContaining("undeclared table ip x");
    }
}
