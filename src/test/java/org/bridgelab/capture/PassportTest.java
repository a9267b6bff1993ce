package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The passport of scenario 3's masqueraded echo request, from the recorded captures of br0 and eth0. */
class PassportTest {

    @Test
    void the_masqueraded_request_is_stamped_with_its_new_source_new_macs_and_one_ttl_less() {
        // given: the request's two sightings, delivered uplink first, and their frames
        Map<Long, byte[]> frames = new HashMap<>();
        List<PacketEvent> request = new ArrayList<>();
        long sequence = 0;
        for (Object[] capture :
                new Object[][] {{"s3-eth0.pcap", CaptureFixtures.ETH0}, {"s3-br0.pcap", CaptureFixtures.BR0}}) {
            for (PcapRecord record : CaptureFixtures.records((String) capture[0])) {
                PacketEvent event = PacketDecoder.decode((CapturePoint) capture[1], sequence, record);
                frames.put(sequence++, record.data());
                if (event.summary().contains("echo request")) {
                    request.add(event);
                }
            }
        }

        // when:
        List<Passport.Stamp> stamps = Passport.of(request, frames::get);

        // then: br0 first, then eth0, with what the host changed in between
        assertThat(stamps)
                .extracting(stamp -> stamp.sighting().point())
                .containsExactly(CaptureFixtures.BR0, CaptureFixtures.ETH0);
        assertThat(stamps.get(0).changes()).isEmpty();
        assertThat(stamps.get(0).ttl()).isEqualTo(64);
        assertThat(stamps.get(1).sinceFirstNanos()).isPositive();
        assertThat(stamps.get(1).changes())
                .extracting(Passport.Change::kind)
                .containsExactly(Passport.Change.Kind.SOURCE, Passport.Change.Kind.MACS, Passport.Change.Kind.TTL);
        assertThat(stamps.get(1).changes().get(0))
                .isEqualTo(new Passport.Change(Passport.Change.Kind.SOURCE, "172.18.0.2", "192.0.2.183"));
        assertThat(stamps.get(1).changes().get(2)).isEqualTo(new Passport.Change(Passport.Change.Kind.TTL, "64", "63"));
    }

    @Test
    void a_frame_no_longer_kept_has_no_ttl_and_no_ttl_change() {
        PacketEvent event =
                CaptureFixtures.events("s1-br0.pcap", CaptureFixtures.BR0).get(0);

        List<Passport.Stamp> stamps = Passport.of(List.of(event, event), sequence -> null);

        assertThat(stamps).allSatisfy(stamp -> assertThat(stamp.ttl()).isEqualTo(-1));
        assertThat(stamps.get(1).changes()).isEmpty();
    }

    /** The sightings whose summary has {@code words}, from the overlay lesson's four wires, and all their frames. */
    private static List<PacketEvent> overlaySightings(String words, Map<Long, byte[]> frames) {
        List<PacketEvent> sightings = new ArrayList<>();
        long sequence = 0;
        for (Object[] capture : new Object[][] {
            {"overlay-ca-va.pcap", CaptureFixtures.CA_VA},
            {"overlay-hosta-eth0.pcap", CaptureFixtures.HOSTA_ETH0},
            {"overlay-hostb-eth0.pcap", CaptureFixtures.HOSTB_ETH0},
            {"overlay-cb-vb.pcap", CaptureFixtures.CB_VB}
        }) {
            for (PcapRecord record : CaptureFixtures.records((String) capture[0])) {
                PacketEvent event = PacketDecoder.decode((CapturePoint) capture[1], sequence, record);
                frames.put(sequence++, record.data());
                if (event.summary().contains(words)) {
                    sightings.add(event);
                }
            }
        }
        return sightings;
    }

    @Test
    void the_request_through_the_tunnel_is_wrapped_on_hosta_and_comes_out_on_hostb_as_it_went_in() {
        // given: one echo request from ca to cb, seen on ca's veth, in VXLAN on both hosts' uplinks, on cb's veth
        Map<Long, byte[]> frames = new HashMap<>();
        List<PacketEvent> request = overlaySightings("10.0.0.2 > 10.0.0.3: ICMP echo request", frames);
        String tunnel = "UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42";

        // when:
        List<Passport.Stamp> stamps = Passport.of(request, frames::get);

        // then: wrapped on hosta, the tunnel's packet unchanged across the underlay, unwrapped with the frame as
        // it was before the tunnel (same addresses, MACs and TTL)
        assertThat(stamps)
                .extracting(stamp -> stamp.sighting().point())
                .containsExactly(
                        CaptureFixtures.CA_VA,
                        CaptureFixtures.HOSTA_ETH0,
                        CaptureFixtures.HOSTB_ETH0,
                        CaptureFixtures.CB_VB);
        assertThat(stamps.get(0).changes()).isEmpty();
        assertThat(stamps.get(1).changes())
                .containsExactly(new Passport.Change(Passport.Change.Kind.ENCAPSULATED, "10.0.0.2 > 10.0.0.3", tunnel));
        assertThat(stamps.get(2).changes()).isEmpty();
        assertThat(stamps.get(3).changes())
                .containsExactly(new Passport.Change(Passport.Change.Kind.DECAPSULATED, tunnel, "10.0.0.2 > 10.0.0.3"));
        assertThat(stamps).extracting(Passport.Stamp::ttl).containsExactly(64, 64, 64, 64);
    }

    @Test
    void a_packet_first_seen_in_the_tunnel_is_only_unwrapped_when_it_comes_out() {
        // given: the ARP reply from cb, without its sighting on cb's veth
        Map<Long, byte[]> frames = new HashMap<>();
        List<PacketEvent> reply = overlaySightings("10.0.0.3 is-at", frames).stream()
                .filter(sighting -> !sighting.point().equals(CaptureFixtures.CB_VB))
                .toList();

        // when:
        List<Passport.Stamp> stamps = Passport.of(reply, frames::get);

        // then: hostb's uplink, hosta's, then ca's veth
        assertThat(stamps)
                .extracting(stamp -> stamp.sighting().point())
                .containsExactly(CaptureFixtures.HOSTB_ETH0, CaptureFixtures.HOSTA_ETH0, CaptureFixtures.CA_VA);
        assertThat(stamps.get(1).changes()).isEmpty();
        assertThat(stamps.get(2).changes())
                .extracting(Passport.Change::kind)
                .containsExactly(Passport.Change.Kind.DECAPSULATED);
    }
}
