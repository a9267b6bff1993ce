package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Correlation of captures recorded together on br0 and the uplink (record-fixtures.sh). */
class PacketCorrelatorTest {

    private static List<NatPair> pairsOf(List<PacketEvent> events) {
        PacketCorrelator correlator = new PacketCorrelator();
        events.forEach(correlator::accept);
        return correlator.natPairs();
    }

    @Test
    void scenario_3_masquerade_pairs_the_request_and_translates_the_reply_back() {
        // given: one ping from docker0 to the internet server, seen on br0 and on eth0
        List<PacketEvent> events =
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0);

        // when:
        List<NatPair> pairs = pairsOf(events);

        // then: the request's source rewritten, the reply's destination put back, and nothing else
        assertThat(pairs).hasSize(2);
        NatPair request = pairs.get(0);
        assertThat(request.kind()).isEqualTo(NatPair.Kind.SNAT);
        assertThat(request.before().point()).isEqualTo(CaptureFixtures.BR0);
        assertThat(request.before().flow()).isEqualTo("172.18.0.2 > 198.51.100.10");
        assertThat(request.after().point()).isEqualTo(CaptureFixtures.ETH0);
        assertThat(request.after().flow()).isEqualTo("192.0.2.183 > 198.51.100.10");
        NatPair reply = pairs.get(1);
        assertThat(reply.kind()).isEqualTo(NatPair.Kind.REVERSE_SNAT);
        assertThat(reply.before().flow()).isEqualTo("198.51.100.10 > 192.0.2.183");
        assertThat(reply.after().flow()).isEqualTo("198.51.100.10 > 172.18.0.2");
        assertThat(reply.after().point()).isEqualTo(CaptureFixtures.BR0);
    }

    @Test
    void scenario_4_dnat_pairs_the_syn_to_the_hosts_port_80_with_the_one_to_the_container() {
        // given:
        List<PacketEvent> events =
                CaptureFixtures.merged("s4-eth0.pcap", CaptureFixtures.ETH0, "s4-br0.pcap", CaptureFixtures.BR0);

        // when:
        List<NatPair> pairs = pairsOf(events);

        // then: the SYN first, DNAT; the SYN-ACK's source put back
        NatPair syn = pairs.get(0);
        assertThat(syn.kind()).isEqualTo(NatPair.Kind.DNAT);
        assertThat(syn.before().summary()).contains("[SYN]");
        assertThat(syn.before().dstIp()).isEqualTo("192.0.2.183");
        assertThat(syn.before().point()).isEqualTo(CaptureFixtures.ETH0);
        assertThat(syn.after().dstIp()).isEqualTo("172.18.0.2");
        assertThat(syn.after().dstPort()).isEqualTo(80);
        assertThat(pairs.get(1).kind()).isEqualTo(NatPair.Kind.REVERSE_DNAT);
        assertThat(pairs.get(1).before().summary()).contains("[SYN-ACK]");
        // every TCP segment of the connection crossed the host once, so every one of them is paired
        assertThat(pairs)
                .hasSize((int) events.stream()
                                .filter(e -> e.protocol() == Protocol.TCP)
                                .count()
                        / 2);
    }

    @Test
    void the_same_frame_seen_at_two_points_is_one_packet_travelling_not_a_translation() {
        // given: scenario 1's frames as if seen on veth1 and then on br0
        CapturePoint veth1 = new CapturePoint("host", "veth1");
        List<PacketEvent> once = CaptureFixtures.events("s1-br0.pcap", CaptureFixtures.BR0);
        List<PacketEvent> twice = new ArrayList<>();
        for (PacketEvent event : once) {
            twice.add(new PacketEvent(
                    0,
                    veth1,
                    event.timestampNanos() - 1000,
                    event.length(),
                    event.srcMac(),
                    event.dstMac(),
                    event.protocol(),
                    event.srcIp(),
                    event.dstIp(),
                    event.srcPort(),
                    event.dstPort(),
                    event.ipId(),
                    event.identity(),
                    event.summary(),
                    0));
            twice.add(event);
        }
        PacketCorrelator correlator = new PacketCorrelator();

        // when:
        List<Long> travels =
                twice.stream().map(e -> correlator.accept(e).travel()).toList();

        // then: each pair of sightings shares a travel number, consecutive packets do not
        for (int i = 0; i < travels.size(); i += 2) {
            assertThat(travels.get(i + 1)).as("sighting " + i).isEqualTo(travels.get(i));
            if (i > 0) {
                assertThat(travels.get(i)).isNotEqualTo(travels.get(i - 1));
            }
        }
        assertThat(correlator.natPairs()).isEmpty();
    }

    @Test
    void sightings_arriving_out_of_kernel_order_still_pair_earlier_to_later() {
        // given: the uplink's tcpdump delivered before br0's
        List<PacketEvent> events = new ArrayList<>(CaptureFixtures.events("s3-eth0.pcap", CaptureFixtures.ETH0));
        events.addAll(CaptureFixtures.events("s3-br0.pcap", CaptureFixtures.BR0));

        // when:
        List<NatPair> pairs = pairsOf(events);

        // then:
        assertThat(pairs).extracting(NatPair::kind).containsExactly(NatPair.Kind.SNAT, NatPair.Kind.REVERSE_SNAT);
        assertThat(pairs.get(0).before().point()).isEqualTo(CaptureFixtures.BR0);
    }

    @Test
    void replies_arriving_before_their_requests_are_still_named_as_reverse_translations() {
        // given: the worst arrival order there is: every sighting in reverse kernel order
        List<PacketEvent> s3 = new ArrayList<>(
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0));
        List<PacketEvent> s4 = new ArrayList<>(
                CaptureFixtures.merged("s4-eth0.pcap", CaptureFixtures.ETH0, "s4-br0.pcap", CaptureFixtures.BR0));
        java.util.Collections.reverse(s3);
        java.util.Collections.reverse(s4);

        // when:
        List<NatPair> masquerade = pairsOf(s3);
        List<NatPair> forwarded = pairsOf(s4);

        // then: the same answer as in kernel order, pairs listed in kernel order
        assertThat(masquerade).extracting(NatPair::kind).containsExactly(NatPair.Kind.SNAT, NatPair.Kind.REVERSE_SNAT);
        assertThat(masquerade.get(0).before().point()).isEqualTo(CaptureFixtures.BR0);
        assertThat(forwarded.get(0).kind()).isEqualTo(NatPair.Kind.DNAT);
        assertThat(forwarded.get(0).before().summary()).contains("[SYN]");
        assertThat(forwarded.get(1).kind()).isEqualTo(NatPair.Kind.REVERSE_DNAT);
        assertThat(forwarded)
                .allSatisfy(pair -> assertThat(pair.before().timestampNanos())
                        .isLessThan(pair.after().timestampNanos()));
    }

    @Test
    void any_arrival_order_gives_the_pairs_of_kernel_order() {
        // given:
        List<PacketEvent> inKernelOrder =
                CaptureFixtures.merged("s4-eth0.pcap", CaptureFixtures.ETH0, "s4-br0.pcap", CaptureFixtures.BR0);
        List<String> expected = describe(pairsOf(inKernelOrder));

        for (long seed = 1; seed <= 20; seed++) {
            // when: the two captures interleaved at random, each point still in its own order
            List<PacketEvent> arrival = interleave(inKernelOrder, new java.util.Random(seed));

            // then:
            assertThat(describe(pairsOf(arrival))).as("seed " + seed).isEqualTo(expected);
        }
    }

    @Test
    void a_long_conversation_arriving_out_of_order_is_named_as_in_kernel_order() {
        // given: scenario 3's ping 200 times, 2 s apart: one conversation of 400 pairs (requests and replies)
        List<PacketEvent> round =
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0);
        List<PacketEvent> inKernelOrder = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            long shift = r * 2_000_000_000L;
            for (PacketEvent e : round) {
                inKernelOrder.add(new PacketEvent(
                        inKernelOrder.size(),
                        e.point(),
                        e.timestampNanos() + shift,
                        e.length(),
                        e.srcMac(),
                        e.dstMac(),
                        e.protocol(),
                        e.srcIp(),
                        e.dstIp(),
                        e.srcPort(),
                        e.dstPort(),
                        e.ipId(),
                        e.identity(),
                        e.summary(),
                        0));
            }
        }
        List<String> expected = describe(pairsOf(inKernelOrder));

        for (long seed = 1; seed <= 5; seed++) {
            // when: each round's two captures interleaved at random (late sightings rename the pairs after them)
            java.util.Random random = new java.util.Random(seed);
            List<PacketEvent> arrival = new ArrayList<>();
            for (int from = 0; from < inKernelOrder.size(); from += round.size()) {
                arrival.addAll(interleave(inKernelOrder.subList(from, from + round.size()), random));
            }

            // then:
            assertThat(describe(pairsOf(arrival))).as("seed " + seed).isEqualTo(expected);
        }
        assertThat(expected).hasSize(400);
        assertThat(expected).filteredOn(text -> text.startsWith("SNAT ")).hasSize(200);
        assertThat(expected)
                .filteredOn(text -> text.startsWith("REVERSE_SNAT "))
                .hasSize(200);
    }

    @Test
    void a_pair_frames_the_hop_of_the_translation_not_the_first_and_last_sightings() {
        // given: the request also seen in docker0 (before br0) and at the internet server (after eth0)
        CapturePoint container = new CapturePoint("docker0", "veth0");
        CapturePoint server = new CapturePoint("internet", "eth0");
        List<PacketEvent> events = new ArrayList<>();
        for (PacketEvent event :
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0)) {
            events.add(event);
            if (event.point().equals(CaptureFixtures.BR0) && "172.18.0.2".equals(event.srcIp())) {
                events.add(moved(event, container, -2_000));
            }
            if (event.point().equals(CaptureFixtures.ETH0) && "192.0.2.183".equals(event.srcIp())) {
                events.add(moved(event, server, 3_000));
            }
        }

        // when: delivered with the far points first
        events.sort(java.util.Comparator.comparing(
                (PacketEvent e) -> e.point().node().equals("host")));
        NatPair request = pairsOf(events).get(0);

        // then: the last sighting before the rewrite and the first after it, both on the host that made it
        assertThat(request.kind()).isEqualTo(NatPair.Kind.SNAT);
        assertThat(request.before().point()).isEqualTo(CaptureFixtures.BR0);
        assertThat(request.after().point()).isEqualTo(CaptureFixtures.ETH0);
        assertThat(request.node()).isEqualTo("host");
        assertThat(request.field()).isEqualTo(NatPair.Field.SOURCE);
        assertThat(request.rewrite()).isEqualTo("172.18.0.2 → 192.0.2.183");
    }

    @Test
    void a_thousand_pings_of_one_flow_in_any_arrival_order_are_a_thousand_snats_and_their_reverses() {
        // given: s3's ping repeated every 2 s (same addresses and echo id: one flow), delivered shuffled nearby
        List<PacketEvent> once =
                CaptureFixtures.merged("s3-br0.pcap", CaptureFixtures.BR0, "s3-eth0.pcap", CaptureFixtures.ETH0);
        List<PacketEvent> arrival = new ArrayList<>();
        for (int round = 0; round < 1000; round++) {
            List<PacketEvent> this_round = new ArrayList<>();
            for (PacketEvent event : once) {
                this_round.add(moved(event, event.point(), round * 2_000_000_000L));
            }
            java.util.Collections.shuffle(this_round, new java.util.Random(round));
            arrival.addAll(this_round);
        }

        // when:
        List<NatPair> pairs = pairsOf(arrival);

        // then:
        assertThat(pairs).hasSize(2000);
        assertThat(pairs.stream().filter(p -> p.kind() == NatPair.Kind.SNAT))
                .hasSize(1000)
                .allSatisfy(p -> assertThat(p.before().flow()).isEqualTo("172.18.0.2 > 198.51.100.10"));
        assertThat(pairs.stream().filter(p -> p.kind() == NatPair.Kind.REVERSE_SNAT))
                .hasSize(1000)
                .allSatisfy(p -> assertThat(p.after().flow()).isEqualTo("198.51.100.10 > 172.18.0.2"));
    }

    @Test
    void a_rewrite_of_the_echo_id_alone_is_named_as_such_not_as_an_unchanged_address() {
        // given: the request masqueraded with its address kept and its echo id changed (two ids clashed)
        PacketEvent request = CaptureFixtures.events("s3-br0.pcap", CaptureFixtures.BR0).stream()
                .filter(e -> e.summary().contains("echo request"))
                .findFirst()
                .orElseThrow();
        PacketEvent rewritten = new PacketEvent(
                1,
                CaptureFixtures.ETH0,
                request.timestampNanos() + 1000,
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
                request.summary(),
                0);

        // when:
        NatPair pair = pairsOf(List.of(request, rewritten)).get(0);

        // then:
        assertThat(pair.field()).isEqualTo(NatPair.Field.SOURCE);
        assertThat(pair.rewrite())
                .isEqualTo("172.18.0.2:" + request.srcPort() + " → 172.18.0.2:" + (request.srcPort() + 1));
    }

    /** The events with the travel numbers the correlator gives them, fed to it in {@code arrival} order. */
    private static List<PacketEvent> correlated(PacketCorrelator correlator, List<PacketEvent> arrival) {
        return arrival.stream()
                .map(event -> event.withTravel(correlator.accept(event).travel()))
                .sorted(java.util.Comparator.comparingLong(PacketEvent::timestampNanos))
                .toList();
    }

    private static List<PacketEvent> saying(List<PacketEvent> events, String words) {
        return events.stream().filter(e -> e.summary().contains(words)).toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void the_vxlan_packets_carrying_a_frame_are_on_that_frames_journey_not_a_translation_of_it(boolean reversed) {
        // given: one ping from ca to cb, seen plain on ca's and cb's veths and inside VXLAN on both hosts' uplinks
        List<PacketEvent> arrival = new ArrayList<>(CaptureFixtures.overlay());
        if (reversed) {
            java.util.Collections.reverse(arrival);
        }
        PacketCorrelator correlator = new PacketCorrelator();

        // when:
        List<PacketEvent> events = correlated(correlator, arrival);

        // then: the request is one journey, into the tunnel on hosta and out of it on hostb; the reply another
        List<PacketEvent> request = saying(events, "10.0.0.2 > 10.0.0.3: ICMP echo request");
        assertThat(request)
                .extracting(PacketEvent::point)
                .containsExactly(
                        CaptureFixtures.CA_VA,
                        CaptureFixtures.HOSTA_ETH0,
                        CaptureFixtures.HOSTB_ETH0,
                        CaptureFixtures.CB_VB);
        assertThat(request).extracting(PacketEvent::vni).containsExactly(-1, 42, 42, -1);
        assertThat(request)
                .extracting(PacketEvent::travel)
                .containsOnly(request.get(0).travel());
        List<PacketEvent> reply = saying(events, "10.0.0.3 > 10.0.0.2: ICMP echo reply");
        assertThat(reply)
                .hasSize(4)
                .extracting(PacketEvent::travel)
                .containsOnly(reply.get(0).travel());
        assertThat(reply.get(0).travel()).isNotEqualTo(request.get(0).travel());
        // the containers' ARP question crossed the tunnel too; the hosts' own ARP for each other is another packet
        List<PacketEvent> question = saying(events, "who-has 10.0.0.3 tell 10.0.0.2");
        assertThat(question)
                .hasSize(4)
                .extracting(PacketEvent::travel)
                .containsOnly(question.get(0).travel());
        List<PacketEvent> hostsQuestion = saying(events, "who-has 203.0.113.12");
        assertThat(hostsQuestion)
                .hasSize(2)
                .extracting(PacketEvent::travel)
                .containsOnly(hostsQuestion.get(0).travel())
                .doesNotContain(question.get(0).travel(), request.get(0).travel());
        // the tunnel's addresses are not a rewrite of the frame's
        assertThat(correlator.natPairs()).isEmpty();
    }

    @Test
    void two_echo_requests_in_the_tunnel_at_once_each_join_only_the_frame_they_carry() {
        // given: the underlay, where two pings (ids 180 and 278) sent seq 1 within 5 µs, and the frame inside
        // each packet as if seen on hosta's bridge port 2 µs before; the plain frames arrive last, newest first
        CapturePoint port = new CapturePoint("hosta", "va-br");
        List<PcapRecord> records = CaptureFixtures.records("overlay-underlay0.pcap");
        List<PacketEvent> tunnelled = CaptureFixtures.events("overlay-underlay0.pcap", CaptureFixtures.BR0);
        List<PacketEvent> plain = new ArrayList<>();
        for (PcapRecord record : records) {
            // Ethernet, IPv4 and UDP headers of the underlay, then the 8-byte VXLAN header
            byte[] inner = Arrays.copyOfRange(record.data(), 14 + 20 + 8 + 8, record.data().length);
            plain.add(PacketDecoder.decode(
                    port, 100 + plain.size(), new PcapRecord(record.timestampNanos() - 2_000, inner, inner.length)));
        }
        List<PacketEvent> newestFirst = new ArrayList<>(plain);
        java.util.Collections.reverse(newestFirst);
        List<PacketEvent> arrival = new ArrayList<>(tunnelled);
        arrival.addAll(newestFirst);
        PacketCorrelator correlator = new PacketCorrelator();

        // when:
        long[] travels = arrival.stream()
                .mapToLong(event -> correlator.accept(event).travel())
                .toArray();

        // then: each frame is on the journey of the packet that carried it, and every packet is a journey of its own
        for (int i = 0; i < tunnelled.size(); i++) {
            assertThat(travels[arrival.size() - 1 - i])
                    .as(plain.get(i).summary())
                    .isEqualTo(travels[i]);
        }
        assertThat(Arrays.stream(travels).distinct().count()).isEqualTo(tunnelled.size());
        assertThat(saying(tunnelled, "echo request id 180 seq 1")).hasSize(1);
        assertThat(saying(tunnelled, "echo request id 278 seq 1")).hasSize(1);
    }

    @Test
    void copies_of_a_frame_flooded_to_two_tunnel_ends_are_not_a_translation() {
        // given: the containers' ARP question in VXLAN to hostb, and a copy of it to a third tunnel end
        PacketEvent toHostb = saying(CaptureFixtures.overlay(), "who-has 10.0.0.3").stream()
                .filter(PacketEvent::tunnelled)
                .findFirst()
                .orElseThrow();
        PacketEvent toThird = new PacketEvent(
                toHostb.sequence() + 1,
                toHostb.point(),
                toHostb.timestampNanos() + 1_000,
                toHostb.length(),
                toHostb.srcMac(),
                "02:00:00:00:00:13",
                toHostb.protocol(),
                toHostb.srcIp(),
                "203.0.113.13",
                toHostb.srcPort(),
                toHostb.dstPort(),
                toHostb.ipId() + 1,
                toHostb.identity(),
                toHostb.summary(),
                0,
                toHostb.vni());

        // when:
        List<NatPair> pairs = pairsOf(List.of(toHostb, toThird));

        // then:
        assertThat(pairs).isEmpty();
    }

    private static PacketEvent moved(PacketEvent e, CapturePoint point, long nanos) {
        return new PacketEvent(
                e.sequence(),
                point,
                e.timestampNanos() + nanos,
                e.length(),
                e.srcMac(),
                e.dstMac(),
                e.protocol(),
                e.srcIp(),
                e.dstIp(),
                e.srcPort(),
                e.dstPort(),
                e.ipId(),
                e.identity(),
                e.summary(),
                0);
    }

    private static List<PacketEvent> interleave(List<PacketEvent> events, java.util.Random random) {
        List<PacketEvent> eth0 = events.stream()
                .filter(e -> e.point().equals(CaptureFixtures.ETH0))
                .toList();
        List<PacketEvent> br0 = events.stream()
                .filter(e -> e.point().equals(CaptureFixtures.BR0))
                .toList();
        List<PacketEvent> arrival = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < eth0.size() || j < br0.size()) {
            if (j >= br0.size() || (i < eth0.size() && random.nextBoolean())) {
                arrival.add(eth0.get(i++));
            } else {
                arrival.add(br0.get(j++));
            }
        }
        return arrival;
    }

    private static List<String> describe(List<NatPair> pairs) {
        return pairs.stream()
                .map(pair -> pair.kind() + " " + pair.description())
                .toList();
    }
}
