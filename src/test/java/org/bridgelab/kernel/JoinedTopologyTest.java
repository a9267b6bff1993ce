package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two lab hosts' states as one lab's: the lesson's hosts and containers, without the machines under them. */
class JoinedTopologyTest {

    @Test
    void each_lab_hosts_namespaces_are_kept_its_own_left_out_and_the_two_hosts_eth0_cabled() {
        Map<String, Topology> parts = new LinkedHashMap<>();
        parts.put("hosta", new Topology(List.of(ns("host", "ens3"), ns("hosta", "eth0"), ns("ca", "va"))));
        parts.put(
                "hostb", new Topology(List.of(ns("host", "ens3"), ns("hostb", "eth0"), ns("cb", "vb"), ns("ca", "x"))));

        Topology merged = JoinedTopology.merge(parts);

        assertThat(merged.namespaces())
                .extracting(Topology.Namespace::name)
                .containsExactly("hosta", "ca", "hostb", "cb");
        // a name on both lab hosts is the first one's
        assertThat(merged.namespace("ca").orElseThrow().link("va")).isPresent();
        assertThat(merged.namespace("hosta")
                        .orElseThrow()
                        .link("eth0")
                        .orElseThrow()
                        .peer())
                .isEqualTo(new Topology.Endpoint("hostb", "eth0"));
        assertThat(merged.namespace("hostb")
                        .orElseThrow()
                        .link("eth0")
                        .orElseThrow()
                        .peer())
                .isEqualTo(new Topology.Endpoint("hosta", "eth0"));
        assertThat(merged.namespace("ca").orElseThrow().link("va").orElseThrow().peer())
                .isNull();
    }

    private static Topology.Namespace ns(String name, String link) {
        return new Topology.Namespace(
                name,
                name.equals("host") ? Topology.Role.HOST : Topology.Role.CONTAINER,
                false,
                List.of(new Topology.Link(
                        2,
                        link,
                        "macvlan",
                        "UP",
                        List.of("UP", "LOWER_UP"),
                        "02:00:00:00:00:01",
                        1500,
                        null,
                        null,
                        List.of())),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }
}
