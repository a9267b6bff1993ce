package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpJsonParserTest {

    @Test
    void reads_links_with_kind_state_master_peer_reference_and_addresses() {
        List<IpJsonParser.RawLink> host = IpJsonParser.links(Fixtures.read("host-addr.json"));

        assertThat(host).extracting(IpJsonParser.RawLink::name).contains("lo", "veth1", "veth3", "br0");
        IpJsonParser.RawLink veth1 =
                host.stream().filter(l -> l.name().equals("veth1")).findFirst().orElseThrow();
        assertThat(veth1.kind()).isEqualTo("veth");
        assertThat(veth1.master()).isEqualTo("br0");
        assertThat(veth1.flags()).contains("UP", "LOWER_UP");
        assertThat(veth1.peerNetnsId()).isNotNull();
        IpJsonParser.RawLink br0 =
                host.stream().filter(l -> l.name().equals("br0")).findFirst().orElseThrow();
        assertThat(br0.kind()).isEqualTo("bridge");
        assertThat(br0.addresses()).containsExactly("172.18.0.1/24");
        assertThat(host.get(0).kind())
                .as("loopback has no linkinfo, only a link type")
                .isEqualTo("loopback");
    }

    @Test
    void reads_routes_with_the_default_gateway() {
        assertThat(IpJsonParser.routes(Fixtures.read("docker0-route.json")))
                .contains(new Topology.Route("default", "172.18.0.1", "veth0", null, null));
    }

    @Test
    void reads_named_namespaces_and_an_empty_list() {
        assertThat(IpJsonParser.namespaces(Fixtures.read("netns-list.json"))).containsExactly("docker1", "docker0");
        assertThat(IpJsonParser.namespaces("")).isEmpty();
    }

    @Test
    void ip_forward_is_the_ipv4_all_row_of_netconf() {
        assertThat(IpJsonParser.forwarding(Fixtures.read("netconf-forwarding-on.json")))
                .isTrue();
        assertThatThrownBy(() -> IpJsonParser.forwarding("[]")).hasMessageContaining("no IPv4 \"all\" row");
    }

    @Test
    void broken_json_names_the_command() {
        assertThatThrownBy(() -> IpJsonParser.links("[{")).hasMessageContaining("ip -j -d addr show");
        assertThatThrownBy(() -> IpJsonParser.routes("{}")).hasMessageContaining("not print a JSON array");
    }

    @Test
    void veth_peers_are_resolved_across_namespaces_by_mutual_index() {
        List<StateReader.RawNamespace> all = List.of(
                raw("host", "host-addr.json"),
                raw("docker0", "docker0-addr.json"),
                raw("docker1", "docker1-addr.json"));

        assertThat(peerOf(all, "host", "veth1")).isEqualTo(new Topology.Endpoint("docker0", "veth0"));
        assertThat(peerOf(all, "host", "veth3")).isEqualTo(new Topology.Endpoint("docker1", "veth2"));
        assertThat(peerOf(all, "docker0", "veth0")).isEqualTo(new Topology.Endpoint("host", "veth1"));
        assertThat(peerOf(all, "docker1", "veth2")).isEqualTo(new Topology.Endpoint("host", "veth3"));
        assertThat(peerOf(all, "host", "br0")).isNull();
    }

    @Test
    void where_two_namespaces_repeat_the_same_indexes_the_namespaces_own_numbers_name_the_peer() {
        // given: as recorded with the overlay lesson's hosts beside the outside world: remote's eth0 (2) and the
        // router's lan-remote (3) are a pair, and so are hosta's eth0 (2) and the host's ua (3)
        List<StateReader.RawNamespace> unnamed = List.of(
                withLinks("host", Map.of(), veth(3, "ua", 2, 1)),
                withLinks("router", Map.of(), veth(3, "lan-remote", 2, 1)),
                withLinks("remote", Map.of(), veth(2, "eth0", 3, 0)),
                withLinks("hosta", Map.of(), veth(2, "eth0", 3, 0)));
        List<StateReader.RawNamespace> named = List.of(
                withLinks("host", Map.of(1, "hosta"), veth(3, "ua", 2, 1)),
                withLinks("router", Map.of(1, "remote"), veth(3, "lan-remote", 2, 1)),
                withLinks("remote", Map.of(0, "router"), veth(2, "eth0", 3, 0)),
                withLinks("hosta", Map.of(0, "host"), veth(2, "eth0", 3, 0)));

        // then: without the numbers' names two peers fit, and none is shown rather than a wrong one
        assertThat(peerOf(unnamed, "remote", "eth0")).isNull();
        assertThat(peerOf(unnamed, "host", "ua")).isNull();
        // with them, each is the one it is
        assertThat(peerOf(named, "remote", "eth0")).isEqualTo(new Topology.Endpoint("router", "lan-remote"));
        assertThat(peerOf(named, "hosta", "eth0")).isEqualTo(new Topology.Endpoint("host", "ua"));
        assertThat(peerOf(named, "host", "ua")).isEqualTo(new Topology.Endpoint("hosta", "eth0"));
    }

    @Test
    void a_namespaces_numbers_are_named_unnamed_ones_being_the_host_seen_from_a_named_namespace() {
        String list = "[{\"nsid\":0},{\"nsid\":1,\"name\":\"remote\"}]";

        assertThat(IpJsonParser.namespaceIds(list, false)).isEqualTo(Map.of(0, "host", 1, "remote"));
        assertThat(IpJsonParser.namespaceIds(list, true)).isEqualTo(Map.of(1, "remote"));
        assertThat(IpJsonParser.namespaceIds("Object \"list-id\" is unknown", false))
                .isEmpty();
    }

    @Test
    void a_vxlan_interface_has_its_tunnel_and_a_veth_none() {
        // given: ip -j -d addr show in a namespace with a veth and "vxlan id 42 dstport 4789 remote 203.0.113.12 dev
        // ua"
        String json = Fixtures.read("vxlan-addr.json");

        // when:
        List<IpJsonParser.RawLink> links = IpJsonParser.links(json);

        // then:
        IpJsonParser.RawLink vxlan = links.stream()
                .filter(link -> link.name().equals("vxlan0"))
                .findFirst()
                .orElseThrow();
        assertThat(vxlan.kind()).isEqualTo("vxlan");
        assertThat(vxlan.tunnel()).isEqualTo(new Topology.Tunnel(42, "203.0.113.12", null, 4789, "ua"));
        assertThat(links.stream()
                        .filter(link -> link.name().equals("ua"))
                        .findFirst()
                        .orElseThrow()
                        .tunnel())
                .isNull();
    }

    private static IpJsonParser.RawLink veth(int index, String name, int peerIndex, int peerNetnsId) {
        return new IpJsonParser.RawLink(
                index, name, "veth", "UP", List.of(), null, 1500, null, peerIndex, peerNetnsId, null, List.of(), null);
    }

    private static StateReader.RawNamespace withLinks(
            String name, Map<Integer, String> ids, IpJsonParser.RawLink... links) {
        return new StateReader.RawNamespace(
                name, List.of(links), List.of(), false, List.of(), List.of(), List.of(), List.of(), ids);
    }

    @Test
    void a_veth_pair_within_one_namespace_is_named_by_iproute2_itself() {
        List<StateReader.RawNamespace> all = List.of(raw("host", "same-namespace-veth.json"));

        assertThat(peerOf(all, "host", "vA")).isEqualTo(new Topology.Endpoint("host", "vB"));
    }

    private static StateReader.RawNamespace raw(String name, String fixture) {
        return new StateReader.RawNamespace(
                name,
                IpJsonParser.links(Fixtures.read(fixture)),
                List.of(),
                false,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of());
    }

    private static Topology.Endpoint peerOf(List<StateReader.RawNamespace> all, String ns, String link) {
        StateReader.RawNamespace namespace =
                all.stream().filter(n -> n.name().equals(ns)).findFirst().orElseThrow();
        IpJsonParser.RawLink raw = namespace.links().stream()
                .filter(l -> l.name().equals(link))
                .findFirst()
                .orElseThrow();
        return StateReader.peer(namespace, raw, all);
    }
}
