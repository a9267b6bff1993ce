package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.bridgelab.kernel.ConntrackParser;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.Test;

/**
 * A packet's conntrack entry, from captures recorded in the same run as the host's conntrack table
 * (with-conntrack/, see record-fixtures.sh): scenario 3's masqueraded ping and scenario 4's DNATed
 * connection, each matched to its entry in both directions, and packets that have none.
 */
class ConntrackEntryTest {
    private static final String DIR = "with-conntrack/";

    @Test
    void the_masqueraded_echo_request_goes_the_entrys_original_way() {
        // given: the request at br0 (before MASQUERADE) and at eth0 (after), and the table read after it
        List<PacketEvent> request = sightings("s3", event -> event.summary().contains("echo request"));

        // when:
        var said = ConntrackEntry.passportLine(request, host("s3-conntrack.txt"), true)
                .orElseThrow();

        // then:
        assertThat(said.entry())
                .get()
                .extracting(ConntrackEntry::direction)
                .isEqualTo(ConntrackEntry.Direction.ORIGINAL);
        assertThat(said.line().in("en"))
                .isEqualTo("conntrack in host: icmp 172.18.0.2 → 198.51.100.10 id 26009, "
                        + "replies 198.51.100.10 → 192.0.2.183 id 26009 (the request's direction: its source 172.18.0.2 became "
                        + "192.0.2.183 (MASQUERADE or SNAT); this entry is what undoes that for the reply)");
        assertThat(said.note().in("en"))
                .isEqualTo("as the table read after the packet lists it, not the moment the packet met it");
        assertThat(said.line().in("zh")).startsWith("host 的 conntrack：icmp 172.18.0.2 → 198.51.100.10");
    }

    @Test
    void the_echo_reply_is_the_one_conntrack_sent_back_to_the_container() {
        List<PacketEvent> reply = sightings("s3", event -> event.summary().contains("echo reply"));

        var said = ConntrackEntry.passportLine(reply, host("s3-conntrack.txt"), true)
                .orElseThrow();

        assertThat(said.entry()).get().extracting(ConntrackEntry::direction).isEqualTo(ConntrackEntry.Direction.REPLY);
        assertThat(said.line().in("en"))
                .endsWith("(a reply: conntrack undid the source NAT with this entry, "
                        + "destination 192.0.2.183 back to 172.18.0.2)");
    }

    @Test
    void the_dnated_syn_and_its_syn_ack_share_the_entry_one_each_way() {
        // given: the table after the connection, which also still lists scenario 3's ping
        Topology table = host("s4-conntrack.txt");
        List<PacketEvent> syn = sightings("s4", event -> event.summary().contains("[SYN]"));
        List<PacketEvent> synAck = sightings("s4", event -> event.summary().contains("[SYN-ACK]"));

        // when:
        ConntrackEntry forSyn = ConntrackEntry.find(syn, table).orElseThrow();
        ConntrackEntry forSynAck = ConntrackEntry.find(synAck, table).orElseThrow();

        // then:
        assertThat(forSyn.flow()).isEqualTo(forSynAck.flow());
        assertThat(forSyn.flow().original()).isEqualTo(new Topology.Tuple("192.0.2.50", "192.0.2.183", 59594, 80));
        assertThat(forSyn.direction()).isEqualTo(ConntrackEntry.Direction.ORIGINAL);
        assertThat(forSynAck.direction()).isEqualTo(ConntrackEntry.Direction.REPLY);
        assertThat(forSyn.wording().in("en"))
                .isEqualTo(
                        "conntrack in host: tcp TIME_WAIT 192.0.2.50:59594 → 192.0.2.183:80, "
                                + "replies 172.18.0.2:80 → 192.0.2.50:59594 (the request's direction: its destination 192.0.2.183:80 "
                                + "became 172.18.0.2:80 (DNAT); this entry is what puts 192.0.2.183:80 back as the reply's source)");
        assertThat(forSynAck.wording().in("en"))
                .endsWith("(a reply: conntrack undid the DNAT with this entry, "
                        + "source 172.18.0.2:80 back to 192.0.2.183:80)");
    }

    @Test
    void a_single_sighting_after_nat_still_finds_its_entry() {
        // given: the SYN only where the container sees it, already DNATed
        List<PacketEvent> syn = sightings(
                "s4",
                event -> event.summary().contains("[SYN]") && event.point().equals(CaptureFixtures.BR0));

        assertThat(ConntrackEntry.find(syn, host("s4-conntrack.txt")))
                .get()
                .extracting(ConntrackEntry::direction)
                .isEqualTo(ConntrackEntry.Direction.ORIGINAL);
    }

    @Test
    void a_packet_with_no_entry_says_none_is_listed_rather_than_borrowing_one() {
        // given: the TCP connection's packets against scenario 3's table (same container, another flow), and
        // a ping between the same addresses as the listed one but with another echo identifier
        Topology s3 = host("s3-conntrack.txt");
        List<PacketEvent> syn = sightings("s4", event -> event.summary().contains("[SYN]"));
        PacketEvent request = sightings("s3", event -> event.summary().contains("echo request"))
                .get(0);
        PacketEvent otherPing = new PacketEvent(
                request.sequence(),
                request.point(),
                request.timestampNanos(),
                request.length(),
                request.srcMac(),
                request.dstMac(),
                request.protocol(),
                request.srcIp(),
                request.dstIp(),
                request.srcPort() + 1,
                request.dstPort() + 1,
                request.ipId(),
                request.identity(),
                request.summary().replace("id " + request.srcPort(), "id " + (request.srcPort() + 1)),
                request.travel());

        // when:
        var forSyn = ConntrackEntry.passportLine(syn, s3, true).orElseThrow();
        var forOtherPing =
                ConntrackEntry.passportLine(List.of(otherPing), s3, true).orElseThrow();
        var beforeReading = ConntrackEntry.passportLine(syn, s3, false).orElseThrow();

        // then:
        assertThat(forSyn.entry()).isEmpty();
        assertThat(forSyn.line().in("en"))
                .isEqualTo(
                        "conntrack: no entry for this packet is listed now (it may have expired, or the kernel never tracked it)");
        assertThat(forOtherPing.entry()).isEmpty();
        assertThat(beforeReading.line().in("en")).contains("last reading, which came before the packet");
    }

    @Test
    void nothing_is_said_where_conntrack_does_not_key_the_packet_or_no_table_was_read() {
        List<PacketEvent> arp = sightings("s3", event -> event.protocol() == Protocol.ARP);
        List<PacketEvent> request = sightings("s3", event -> event.summary().contains("echo request"));
        Topology unread = new Topology(List.of(namespace(List.of(), List.of())));

        assertThat(ConntrackEntry.passportLine(arp, host("s3-conntrack.txt"), true))
                .isEmpty();
        assertThat(ConntrackEntry.passportLine(request, unread, true))
                .as("no nat rules: the table was never read")
                .isEmpty();
        assertThat(ConntrackEntry.passportLine(request, null, true)).isEmpty();
    }

    /** The packets of one scenario at br0 and eth0 that pass the filter. */
    private static List<PacketEvent> sightings(String scenario, Predicate<PacketEvent> wanted) {
        return CaptureFixtures.merged(
                        DIR + scenario + "-br0.pcap",
                        CaptureFixtures.BR0,
                        DIR + scenario + "-eth0.pcap",
                        CaptureFixtures.ETH0)
                .stream()
                .filter(wanted)
                .toList();
    }

    /** A host that masquerades and DNATs, whose conntrack table is the recorded one. */
    private static Topology host(String table) {
        Topology.Rule masquerade = new Topology.Rule("-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE", 1, 84);
        List<Topology.Table> iptables = List.of(new Topology.Table(
                "nat", List.of(new Topology.Chain("POSTROUTING", "ACCEPT", 0, 0, List.of(masquerade)))));
        return new Topology(List.of(namespace(iptables, ConntrackParser.parse(CaptureFixtures.text(DIR + table)))));
    }

    private static Topology.Namespace namespace(List<Topology.Table> iptables, List<Topology.Flow> conntrack) {
        return new Topology.Namespace(
                "host", Topology.Role.HOST, true, List.of(), List.of(), iptables, List.of(), conntrack, List.of());
    }
}
