package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeFdbParserTest {

    @Test
    void keeps_the_bridges_mac_table_and_tells_learned_rows_from_the_ports_own() {
        // given: bridge -j fdb show of a scenario-4 host, after docker0 pinged docker1
        String json = Fixtures.read("bridge-fdb-s4.json");

        // when:
        List<Topology.FdbEntry> table = BridgeFdbParser.parse(json);

        // then: four rows of br0, the "self" filter rows of eth0/veth*/br0 left out
        assertThat(table)
                .containsExactly(
                        new Topology.FdbEntry("br0", "veth1", "de:6a:65:5c:72:3a", true),
                        new Topology.FdbEntry("br0", "veth1", "3e:da:7a:63:e8:33", false),
                        new Topology.FdbEntry("br0", "veth3", "e2:92:d7:9d:b1:6d", true),
                        new Topology.FdbEntry("br0", "veth3", "4a:16:73:08:4f:9a", false));
    }

    @Test
    void an_empty_table_and_broken_json_are_told_apart() {
        assertThat(BridgeFdbParser.parse("[]")).isEmpty();
        assertThatThrownBy(() -> BridgeFdbParser.parse("[{")).hasMessageContaining("bridge -j fdb show");
    }
}
