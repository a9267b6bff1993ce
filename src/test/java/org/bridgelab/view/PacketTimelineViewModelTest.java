package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.StoredEvents;
import org.bridgelab.capture.TimelineRow;
import org.bridgelab.kernel.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timeline's rows from scenario 3's recorded captures, fed as the capture threads would: no toolkit. */
class PacketTimelineViewModelTest {
    private static final CapturePoint BR0 = new CapturePoint("host", "br0");
    private static final CapturePoint ETH0 = new CapturePoint("host", "eth0");
    private static final Topology LAB = new Topology(List.of(
            ns("docker0", Topology.Role.CONTAINER, link("veth0", "172.18.0.2/24")),
            ns("host", Topology.Role.HOST, link("br0", "172.18.0.1/24"), link("eth0", "192.0.2.183/24")),
            ns("router", Topology.Role.OUTSIDE, link("lan0", "192.0.2.1/24")),
            ns("internet", Topology.Role.OUTSIDE, link("eth0", "198.51.100.10/24"))));

    private PacketTimelineViewModel model;

    @BeforeEach
    void newTimeline() {
        model = new PacketTimelineViewModel(new SameThreadTaskExecutor());
        model.learn(LAB, 0);
    }

    @Test
    void rows_are_in_kernel_order_when_the_uplinks_capture_delivers_first() {
        // given: everything eth0 saw delivered before anything br0 saw
        List<Object> arrival =
                scenario3(Comparator.comparing((PacketEvent e) -> e.point().equals(BR0)));

        // when:
        feed(arrival);

        // then: kernel time never goes back; the masqueraded request leaves before its reply comes in
        List<TimelineRow> rows = model.rows();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).event().timestampNanos())
                    .isGreaterThanOrEqualTo(rows.get(i - 1).event().timestampNanos());
        }
        assertThat(labels(rows).stream().map(label -> label.replaceAll(" id .*", "")))
                .containsSubsequence(
                        "172.18.0.2 > 198.51.100.10  ICMP echo request",
                                "192.0.2.183 > 198.51.100.10  ICMP echo request",
                        "198.51.100.10 > 192.0.2.183  ICMP echo reply", "198.51.100.10 > 172.18.0.2  ICMP echo reply");
    }

    @Test
    void the_window_and_the_timeline_json_lay_out_the_same_rows() {
        // given: scenario 3's sightings, shown in the window and written as --timeline's JSON
        List<Object> arrival = scenario3(Comparator.comparingLong(PacketEvent::timestampNanos));
        feed(arrival);
        org.bridgelab.capture.TimelineBuilder json =
                new org.bridgelab.capture.TimelineBuilder(org.bridgelab.capture.LabNodes.of(LAB), List.of());
        arrival.stream()
                .filter(PacketEvent.class::isInstance)
                .map(PacketEvent.class::cast)
                .forEach(json::add);
        List<org.bridgelab.capture.Timeline.Row> written =
                json.build(List.of(BR0, ETH0), List.of()).events();

        // when: the JSON's sightings are taken one per packet per wire, the earliest, as the window shows them
        java.util.Set<String> wires = new java.util.HashSet<>();
        List<String> expected = written.stream()
                .filter(row -> row.travel() == 0 || wires.add(row.travel() + "|" + row.from() + "|" + row.to()))
                .map(row -> row.sequence() + " " + row.from() + " → " + row.to() + " " + row.protocol())
                .toList();

        // then: the window, its chatter filter off, shows exactly those rows, between the same lanes, in order
        model.show(PacketTimelineViewModel.Kind.CHATTER, true);
        assertThat(model.rows())
                .extracting(row -> row.sequence() + " " + row.from() + " → " + row.to() + " "
                        + row.protocol().label())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void a_translation_is_shown_once_on_the_host_with_what_it_rewrote() {
        // given: the worst order: every sighting in reverse kernel order
        feed(scenario3(Comparator.comparingLong(PacketEvent::timestampNanos).reversed()));

        // when:
        List<NatPair> shown = model.rows().stream()
                .map(model::natOf)
                .filter(java.util.Objects::nonNull)
                .toList();

        // then: one SNAT and its reverse, each on the row of the first sighting after the rewrite, at the host
        assertThat(shown).extracting(NatPair::kind).containsExactly(NatPair.Kind.SNAT, NatPair.Kind.REVERSE_SNAT);
        assertThat(shown).extracting(NatPair::node).containsOnly("host");
        assertThat(shown)
                .extracting(NatPair::rewrite)
                .containsExactly("172.18.0.2 → 192.0.2.183", "192.0.2.183 → 172.18.0.2");
        assertThat(shown.get(0).after().point()).isEqualTo(ETH0);
        assertThat(shown.get(1).after().point()).isEqualTo(BR0);
    }

    @Test
    void a_rows_passport_lists_its_packet_at_every_capture_point_with_what_changed() {
        // given:
        feed(scenario3(Comparator.comparing((PacketEvent e) -> e.point().equals(BR0))));
        TimelineRow masqueraded = model.rows().stream()
                .filter(row -> row.label().startsWith("192.0.2.183 > 198.51.100.10  ICMP echo request"))
                .findFirst()
                .orElseThrow();

        // when:
        List<org.bridgelab.capture.Passport.Stamp> passport = model.passport(masqueraded);

        // then: seen on br0, then on eth0 with its source rewritten
        assertThat(passport).extracting(stamp -> stamp.sighting().point()).containsExactly(BR0, ETH0);
        assertThat(passport.get(1).changes())
                .extracting(org.bridgelab.capture.Passport.Change::after)
                .contains("192.0.2.183");
        String text = new PacketDetailLines(new I18n("en"))
                .of(
                        masqueraded,
                        model.natOf(masqueraded),
                        passport,
                        java.util.Optional.empty(),
                        java.util.Optional.empty())
                .children()
                .get(2)
                .children()
                .get(1)
                .text();
        assertThat(text).contains("host/eth0  192.0.2.183 > 198.51.100.10 · source 172.18.0.2 → 192.0.2.183");
    }

    @Test
    void a_steps_first_packet_is_the_anchor_even_when_a_late_frame_comes_before_it() {
        // given: the first half shown before the step
        List<Object> arrival = scenario3(Comparator.comparingLong(PacketEvent::timestampNanos));
        int half = arrival.size() / 2;
        feed(arrival.subList(0, half));
        assertThat(model.anchorIndex()).isEqualTo(-1);

        // when: a step starts and the rest arrives
        model.markStep();
        feed(arrival.subList(half, arrival.size()));

        // then: the anchor is the step's earliest packet
        int anchor = model.anchorIndex();
        assertThat(anchor).isNotNegative();
        long stepStart = model.rows().stream()
                .filter(row -> arrival.indexOf(row.event()) >= half)
                .mapToLong(row -> row.event().timestampNanos())
                .min()
                .orElseThrow();
        assertThat(model.rows().get(anchor).event().timestampNanos()).isEqualTo(stepStart);
    }

    @Test
    void pause_holds_the_packets_that_arrive_and_resume_shows_them() {
        // given:
        List<Object> arrival = scenario3(Comparator.comparingLong(PacketEvent::timestampNanos));
        int half = arrival.size() / 2;
        feed(arrival.subList(0, half));
        int before = model.rows().size();

        // when: paused while the rest arrives
        model.pausedProperty().set(true);
        feed(arrival.subList(half, arrival.size()));

        // then: nothing new is shown, nothing is lost
        assertThat(model.rows()).hasSize(before);
        assertThat(model.heldProperty().get()).isPositive();

        // when:
        model.pausedProperty().set(false);

        // then:
        PacketTimelineViewModel unpaused = new PacketTimelineViewModel(new SameThreadTaskExecutor());
        unpaused.learn(LAB, 0);
        RecordedCaptures.deliver(unpaused, arrival);
        assertThat(labels(model.rows())).isEqualTo(labels(unpaused.rows()));
        assertThat(model.heldProperty().get()).isZero();
    }

    @Test
    void the_labs_ipv6_and_multicast_chatter_is_hidden_until_asked_for() {
        // given:
        PacketEvent solicitation = new PacketEvent(
                0,
                BR0,
                1,
                86,
                "aa:00:00:00:00:01",
                "33:33:ff:00:00:01",
                org.bridgelab.capture.Protocol.IPV6,
                "fe80::1",
                "ff02::1:ff00:1",
                -1,
                -1,
                -1,
                0,
                "fe80::1 > ff02::1:ff00:1: ICMPv6 neighbor solicitation",
                0);

        // when:
        model.showFx(List.of(solicitation));

        // then:
        assertThat(model.rows()).isEmpty();
        model.show(PacketTimelineViewModel.Kind.CHATTER, true);
        assertThat(model.rows()).hasSize(1);
    }

    @Test
    void simulation_keeps_the_newest_sightings_up_to_its_bound_late_ones_in_kernel_order() {
        // given: more sightings than are kept, 1 µs apart
        int count = PacketTimelineViewModel.MAX_SIGHTINGS + PacketTimelineViewModel.MAX_SIGHTINGS / 8;
        List<PacketEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(arp(i, 1_000L * i));
        }
        model.showFx(events);

        // when: one frame arrives late, older than every sighting kept, and one late within them
        long oldestKept = 1_000L * (count - PacketTimelineViewModel.MAX_SIGHTINGS);
        model.showFx(List.of(arp(count, oldestKept - 500), arp(count + 1, oldestKept + 500)));

        // then: the newest are kept, in kernel order, and no more
        List<PacketEvent> kept = model.shownSightings();
        assertThat(kept).hasSize(PacketTimelineViewModel.MAX_SIGHTINGS);
        assertThat(kept.get(0).sequence()).isEqualTo(count + 1);
        assertThat(kept.get(1).sequence()).isEqualTo(count - PacketTimelineViewModel.MAX_SIGHTINGS + 1);
        assertThat(kept.get(kept.size() - 1).sequence()).isEqualTo(count - 1);
        assertThat(kept).extracting(PacketEvent::sequence).doesNotContain((long) count);
    }

    @Test
    void rows_read_their_packets_from_the_store_and_go_when_the_store_drops_their_frames() {
        // given: a store of one segment's worth of frames, and the model reading from it
        PacketStore store = new PacketStore(PacketStore.SEGMENT_EVENTS, PacketStore.SEGMENT_BYTES);
        model.attach(store);
        PcapRecord request = records("s3-br0.pcap").stream()
                .filter(record -> PacketDecoder.decode(BR0, 0, record).summary().contains("echo request"))
                .findFirst()
                .orElseThrow();
        List<PacketEvent> first = new ArrayList<>();
        for (int i = 0; i < PacketStore.SEGMENT_EVENTS; i++) {
            PcapRecord frame = new PcapRecord(1_000L * i, request.data(), request.originalLength());
            first.add(store.event(store.append(BR0, frame, 0)));
        }
        model.showFx(first);
        assertThat(model.rows()).hasSize(PacketStore.SEGMENT_EVENTS);
        assertThat(model.rows().get(0).label()).contains("172.18.0.2 > 198.51.100.10  ICMP echo request");

        // when: the store goes past its bound and drops its oldest segment
        PcapRecord late = new PcapRecord(1_000L * PacketStore.SEGMENT_EVENTS, request.data(), request.originalLength());
        model.showFx(List.of(store.event(store.append(BR0, late, 0))));

        // then: the timeline holds what the store holds, no more, and each row still reads its packet
        assertThat(store.firstSequence()).isEqualTo(PacketStore.SEGMENT_EVENTS);
        assertThat(model.rows()).extracting(TimelineRow::sequence).containsExactly((long) PacketStore.SEGMENT_EVENTS);
        assertThat(model.rows().get(0).label()).contains("ICMP echo request");
        assertThat(model.shownSightings()).extracting(PacketEvent::sequence).containsExactly((long)
                PacketStore.SEGMENT_EVENTS);
    }

    @Test
    void a_row_whose_frame_the_store_dropped_says_so_instead_of_failing() {
        PacketStore store = new PacketStore(PacketStore.SEGMENT_EVENTS, PacketStore.SEGMENT_BYTES);
        PcapRecord frame = records("s3-br0.pcap").get(0);
        TimelineRow row =
                new TimelineRow(store.event(store.append(BR0, frame, 0)), "docker0", "host", new StoredEvents(store));

        for (int i = 0; i < PacketStore.SEGMENT_EVENTS; i++) {
            store.append(BR0, frame, 0);
        }

        assertThat(store.firstSequence()).isPositive();
        assertThat(row.event().summary()).isEqualTo("no longer held (the capture keeps the newest frames)");
        assertThat(row.event().timestampNanos()).isEqualTo(frame.timestampNanos());
    }

    @Test
    void the_diagram_is_told_of_a_batchs_sightings_in_kernel_order_whatever_their_arrival() {
        // given: the uplink's capture delivered its frame before br0's older one
        List<Long> told = new ArrayList<>();
        model.onSighting(event -> told.add(event.sequence()));

        // when:
        model.showFx(List.of(arp(1, 3_000), arp(2, 1_000), arp(3, 2_000)));

        // then:
        assertThat(told).containsExactly(2L, 3L, 1L);
    }

    private static PacketEvent arp(long sequence, long timestampNanos) {
        return new PacketEvent(
                sequence,
                BR0,
                timestampNanos,
                42,
                "aa:00:00:00:00:01",
                "ff:ff:ff:ff:ff:ff",
                org.bridgelab.capture.Protocol.ARP,
                "172.18.0.2",
                "172.18.0.3",
                -1,
                -1,
                -1,
                1,
                "who-has 172.18.0.3 tell 172.18.0.2",
                0);
    }

    private void feed(List<Object> arrival) {
        RecordedCaptures.deliver(model, arrival);
    }

    private static List<Object> scenario3(Comparator<PacketEvent> arrivalOrder) {
        return RecordedCaptures.scenario3(arrivalOrder);
    }

    private static List<PcapRecord> records(String name) {
        return RecordedCaptures.records(name);
    }

    private static List<String> labels(List<TimelineRow> rows) {
        return rows.stream().map(TimelineRow::label).toList();
    }

    private static Topology.Namespace ns(String name, Topology.Role role, Topology.Link... links) {
        return new Topology.Namespace(
                name, role, false, List.of(links), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Topology.Link link(String name, String... addresses) {
        return new Topology.Link(1, name, "veth", "UP", List.of("UP"), null, 1500, null, null, List.of(addresses));
    }
}
