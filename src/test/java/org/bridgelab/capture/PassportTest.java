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
}
