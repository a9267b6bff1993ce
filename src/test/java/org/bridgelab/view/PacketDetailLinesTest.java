package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.ConntrackEntry;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterStep;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.Passport;
import org.bridgelab.capture.PcapRecord;
import org.bridgelab.capture.TimelineRow;
import org.bridgelab.kernel.ConntrackParser;
import org.bridgelab.words.Phrase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packet detail's tree in the window's language, without a toolkit: recorded frames, a traced path. */
class PacketDetailLinesTest {
    private static final CapturePoint BR0 = new CapturePoint("host", "br0");

    private static List<PcapRecord> records(String name) {
        return RecordedCaptures.records(name);
    }

    private static PcapRecord record(String fixture, String summaryPart) {
        return records(fixture).stream()
                .filter(r -> PacketDecoder.decode(BR0, 0, r).summary().contains(summaryPart))
                .findFirst()
                .orElseThrow();
    }

    private static TimelineRow row(PcapRecord record) {
        return new TimelineRow(PacketDecoder.decode(BR0, 7, record), "docker0", "docker1");
    }

    private static Stream<DetailLine> flat(DetailLine line) {
        return Stream.concat(Stream.of(line), line.children().stream().flatMap(PacketDetailLinesTest::flat));
    }

    private static NetfilterPath masquerade() {
        return new NetfilterPath(
                31043,
                List.of("172.18.0.2", "198.51.100.10"),
                List.of(),
                List.of(
                        new NetfilterStep(
                                "raw",
                                "PREROUTING",
                                "rule",
                                "CONTINUE",
                                "-4 -t raw -A PREROUTING -p icmp -j TRACE",
                                "br0",
                                ""),
                        new NetfilterStep("raw", "PREROUTING", "policy", "ACCEPT", "", "br0", ""),
                        new NetfilterStep(
                                "nat",
                                "POSTROUTING",
                                "rule",
                                "ACCEPT",
                                "-4 -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE",
                                "br0",
                                "eth0")));
    }

    @Test
    void an_echo_request_reads_summary_where_seen_nat_path_and_layers_in_english() {
        // given:
        PcapRecord record = record("s1-br0.pcap", "echo request");

        // when:
        PacketEvent seen = PacketDecoder.decode(BR0, 7, record);
        PacketEvent masqueraded = new PacketEvent(
                8,
                new CapturePoint("host", "eth0"),
                seen.timestampNanos() + 1000,
                seen.length(),
                seen.srcMac(),
                seen.dstMac(),
                seen.protocol(),
                "192.0.2.183",
                seen.dstIp(),
                seen.srcPort(),
                seen.dstPort(),
                seen.ipId(),
                seen.identity(),
                seen.summary(),
                1);
        NatPair snat = new NatPair(NatPair.Kind.SNAT, 1, seen, masqueraded);
        DetailLine root = new PacketDetailLines(new I18n("en"))
                .of(row(record), snat, Optional.of(masquerade()), Optional.of(record.data()));

        // then:
        assertThat(root.text()).matches("ICMP  172\\.18\\.0\\.2 > 172\\.18\\.0\\.3: ICMP echo request id \\d+ seq 1");
        assertThat(root.children())
                .extracting(DetailLine::text)
                .startsWith(
                        "Seen at host/br0 · 98 bytes · docker0 → docker1",
                        "NAT: SNAT source 172.18.0.2 → 192.0.2.183 · host/br0 → host/eth0",
                        "Netfilter path");
        assertThat(root.children().get(2).children())
                .extracting(DetailLine::text)
                .containsExactly(
                        "PREROUTING · raw table · policy ACCEPT (in br0)",
                        "POSTROUTING · nat table · rule `-s 172.18.0.0/24 ! -o br0 -j MASQUERADE` → MASQUERADE (in br0, out eth0)");
        assertThat(root.children())
                .extracting(DetailLine::kind)
                .containsSubsequence(
                        DetailLine.Kind.LAYER, DetailLine.Kind.LAYER, DetailLine.Kind.LAYER, DetailLine.Kind.LAYER);
        DetailLine ttl = flat(root)
                .filter(line -> line.text().startsWith("Time to live"))
                .findFirst()
                .orElseThrow();
        assertThat(ttl.text()).isEqualTo("Time to live (TTL): 64");
        assertThat(ttl.offset()).isEqualTo(22);
        assertThat(ttl.length()).isEqualTo(1);
        assertThat(flat(root).map(DetailLine::text))
                .anyMatch(text -> text.matches("Header checksum: 0x[0-9a-f]{4}  ✓ correct"))
                .contains("Type: 8 (echo request)")
                .noneMatch(text -> text.contains("TRACE"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "en|conntrack in host: icmp 172.18.0.2 → 198.51.100.10 id 26009, replies 198.51.100.10 → 192.0.2.183 id 26009 (the request's direction: its source 172.18.0.2 became 192.0.2.183 (MASQUERADE or SNAT); this entry is what undoes that for the reply)|as the table read after the packet lists it, not the moment the packet met it",
                "zh|host 的 conntrack：icmp 172.18.0.2 → 198.51.100.10 id 26009，回复 198.51.100.10 → 192.0.2.183 id 26009（请求方向：源地址 172.18.0.2 变成了 192.0.2.183（MASQUERADE 或 SNAT）；回复靠这个条目改回来）|这是包经过之后读到的表，不是包遇到它那一刻的样子"
            })
    void the_conntrack_entry_comes_before_the_netfilter_path_with_when_the_table_was_read(
            String language, String line, String note) {
        // given: the request's entry as the domain found it (ConntrackEntryTest finds it from recorded captures)
        var flow = ConntrackParser.parse("icmp 1 29 src=172.18.0.2 dst=198.51.100.10 type=8 code=0 id=26009 "
                        + "src=198.51.100.10 dst=192.0.2.183 type=0 code=0 id=26009 mark=0 use=1")
                .get(0);
        var entry = new ConntrackEntry("host", flow, ConntrackEntry.Direction.ORIGINAL);
        var said = new ConntrackEntry.Said(entry.wording(), Phrase.of("conntrack.read.after"), Optional.of(entry));
        PcapRecord record = record("s1-br0.pcap", "echo request");

        // when:
        DetailLine root = new PacketDetailLines(new I18n(language))
                .of(
                        row(record),
                        null,
                        List.of(),
                        Optional.of(said),
                        Optional.of(masquerade()),
                        Optional.of(record.data()));

        // then:
        DetailLine conntrack = root.children().get(1);
        assertThat(conntrack.text()).isEqualTo(line);
        assertThat(conntrack.kind()).isEqualTo(DetailLine.Kind.NAT);
        assertThat(conntrack.children()).extracting(DetailLine::text).containsExactly(note);
        assertThat(root.children().get(2).kind()).isEqualTo(DetailLine.Kind.NETFILTER);
    }

    @Test
    void a_packet_with_no_listed_entry_says_so_as_information() {
        var said = new ConntrackEntry.Said(
                Phrase.of("conntrack.none"), Phrase.of("conntrack.read.after"), Optional.empty());
        PcapRecord record = record("s1-br0.pcap", "echo request");

        DetailLine root = new PacketDetailLines(new I18n("en"))
                .of(row(record), null, List.of(), Optional.of(said), Optional.empty(), Optional.of(record.data()));

        assertThat(root.children().get(1).text()).startsWith("conntrack: no entry for this packet is listed now");
        assertThat(root.children().get(1).kind()).isEqualTo(DetailLine.Kind.INFO);
    }

    @Test
    void the_same_packet_reads_in_chinese() {
        PcapRecord record = record("s1-br0.pcap", "echo request");

        DetailLine root = new PacketDetailLines(new I18n("zh"))
                .of(row(record), null, Optional.of(masquerade()), Optional.of(record.data()));

        assertThat(root.children().get(0).text()).isEqualTo("抓包点 host/br0 · 98 字节 · docker0 → docker1");
        assertThat(root.children().get(1).children().get(0).text())
                .isEqualTo("PREROUTING · raw 表 · 默认策略 ACCEPT（入口 br0）");
        assertThat(flat(root).map(DetailLine::text))
                .contains("生存时间（TTL）：64", "数据 · 56 字节")
                .anyMatch(text -> text.startsWith("以太网 · "));
    }

    @Test
    void an_offloaded_tcp_checksum_is_explained_not_marked_wrong() {
        PcapRecord record = record("s4-br0.pcap", "[SYN]");

        DetailLine root = new PacketDetailLines(new I18n("en"))
                .of(row(record), null, Optional.empty(), Optional.of(record.data()));

        assertThat(flat(root).filter(line -> line.text().startsWith("Checksum")))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.text()).contains("left to the network card (checksum offload)");
                    assertThat(line.kind()).isEqualTo(DetailLine.Kind.FIELD);
                });
        assertThat(flat(root).map(DetailLine::text)).contains("Flags: 0x002 (SYN)");
    }

    @Test
    void a_packet_whose_bytes_are_gone_still_shows_its_addresses() {
        PcapRecord record = record("s1-br0.pcap", "echo request");

        DetailLine root =
                new PacketDetailLines(new I18n("en")).of(row(record), null, Optional.empty(), Optional.empty());

        assertThat(root.children())
                .extracting(DetailLine::text)
                .contains("The bytes of this packet are no longer kept.")
                .anyMatch(text -> text.matches("172\\.18\\.0\\.2 > 172\\.18\\.0\\.3  IP id \\d+"))
                .anyMatch(
                        text -> text.matches("Ethernet · ([0-9a-f]{2}:){5}[0-9a-f]{2} → ([0-9a-f]{2}:){5}[0-9a-f]{2}"));
        assertThat(root.length()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void every_layer_and_field_of_the_recorded_frames_has_a_name_in_each_language(String language) {
        // given: every frame of every recording, and a handmade malformed one
        PacketDetailLines lines = new PacketDetailLines(new I18n(language));
        List<PcapRecord> frames = new ArrayList<>();
        for (String fixture : List.of("s1-br0.pcap", "s3-br0.pcap", "s3-eth0.pcap", "s4-br0.pcap", "s4-eth0.pcap")) {
            frames.addAll(records(fixture));
        }
        PcapRecord any = frames.get(0);
        frames.add(new PcapRecord(any.timestampNanos(), java.util.Arrays.copyOf(any.data(), 20), 20));

        // when / then: a missing message would throw "Resource not found"
        for (PcapRecord frame : frames) {
            DetailLine root = lines.of(row(frame), null, Optional.empty(), Optional.of(frame.data()));
            assertThat(flat(root).map(DetailLine::text)).noneMatch(text -> text.contains("{0}"));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "en|wrapped in UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42|unwrapped from UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42",
                "zh|被封装进 UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42|从 UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42 中解封装出来"
            })
    void the_journey_through_the_tunnel_says_where_the_frame_was_wrapped_and_unwrapped(
            String language, String wrapped, String unwrapped) {
        // given: the echo request from ca to cb, on ca's veth, in VXLAN on both hosts' uplinks, on cb's veth
        java.util.Map<Long, byte[]> frames = new java.util.HashMap<>();
        List<PacketEvent> request = new ArrayList<>();
        for (String wire : List.of("ca/va", "hosta/eth0", "hostb/eth0", "cb/vb")) {
            CapturePoint point = new CapturePoint(wire.split("/")[0], wire.split("/")[1]);
            for (PcapRecord record : records("overlay-" + wire.replace('/', '-') + ".pcap")) {
                PacketEvent event = PacketDecoder.decode(point, frames.size(), record);
                frames.put(event.sequence(), record.data());
                if (event.summary().contains("10.0.0.2 > 10.0.0.3: ICMP echo request")) {
                    request.add(event);
                }
            }
        }
        PacketEvent first = request.get(0);
        List<Passport.Stamp> passport = Passport.of(request, frames::get);

        // when:
        DetailLine root = new PacketDetailLines(new I18n(language))
                .of(
                        new TimelineRow(first, "ca", "hosta"),
                        null,
                        passport,
                        Optional.empty(),
                        Optional.of(frames.get(first.sequence())));

        // then: the hop into the tunnel and the hop out of it, each saying so
        List<String> hops = flat(root)
                .filter(line -> line.text().startsWith("+"))
                .map(DetailLine::text)
                .toList();
        assertThat(hops).hasSize(4);
        assertThat(hops.get(1))
                .contains("hosta/eth0  203.0.113.11:34649 > 203.0.113.12:4789")
                .endsWith(" · " + wrapped);
        assertThat(hops.get(2)).doesNotContain(" · ");
        assertThat(hops.get(3)).contains("cb/vb  10.0.0.2 > 10.0.0.3").endsWith(" · " + unwrapped);
    }

    @Test
    void the_english_and_chinese_messages_have_the_same_keys() {
        ResourceBundle english = ResourceBundle.getBundle("org.bridgelab.view.messages", Locale.ENGLISH);
        ResourceBundle chinese = ResourceBundle.getBundle("org.bridgelab.view.messages", Locale.CHINESE);

        assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
    }
}
