package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bridgelab.capture.ConntrackEntry;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.NetfilterStep;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketField;
import org.bridgelab.capture.PacketLayer;
import org.bridgelab.capture.PacketLayers;
import org.bridgelab.capture.Passport;
import org.bridgelab.capture.TimelineRow;

/**
 * What the packet detail says about one packet, as a tree of lines in the window's language: the packet's
 * summary on top, where it was seen and what NAT did, its netfilter path in words (without BridgeLab's own
 * trace rules), then its layers and their fields, each knowing its bytes. Decodes the one frame it is given.
 */
final class PacketDetailLines {
    private final I18n i18n;

    PacketDetailLines(I18n i18n) {
        this.i18n = i18n;
    }

    /**
     * @param nat the translation this sighting came out of, or null
     * @param bytes the frame, if still kept
     */
    DetailLine of(TimelineRow row, NatPair nat, Optional<NetfilterPath> path, Optional<byte[]> bytes) {
        return of(row, nat, List.of(), path, bytes);
    }

    /** @param passport the packet at every capture point that saw it (empty: not shown) */
    DetailLine of(
            TimelineRow row,
            NatPair nat,
            List<Passport.Stamp> passport,
            Optional<NetfilterPath> path,
            Optional<byte[]> bytes) {
        return of(row, nat, passport, Optional.empty(), path, bytes);
    }

    /** @param conntrack what the latest snapshot's conntrack tables say of the packet (empty: not shown) */
    DetailLine of(
            TimelineRow row,
            NatPair nat,
            List<Passport.Stamp> passport,
            Optional<ConntrackEntry.Said> conntrack,
            Optional<NetfilterPath> path,
            Optional<byte[]> bytes) {
        PacketEvent event = row.event();
        List<DetailLine> lines = new ArrayList<>();
        lines.add(DetailLine.of(
                format(
                        "detail.seen",
                        event.point().label(),
                        event.length(),
                        row.from() == null ? "?" : row.from(),
                        row.to() == null ? "*" : row.to()),
                DetailLine.Kind.INFO));
        if (nat != null) {
            // what was rewritten, old → new, and where: "SNAT source 172.18.0.2 → 192.0.2.183 · host/br0 → host/eth0"
            lines.add(DetailLine.of(
                    format(
                            "detail.nat",
                            nat.kind() + " "
                                    + i18n.lookup(
                                            "timeline.nat." + nat.field().name().toLowerCase()) + " " + nat.rewrite()
                                    + " · "
                                    + nat.before().point() + " → " + nat.after().point()),
                    DetailLine.Kind.NAT));
        }
        if (passport.size() > 1) {
            lines.add(journey(passport));
        }
        // the entry, with when the table was read beneath it: a snapshot, not the moment the packet met it
        conntrack.ifPresent(said -> lines.add(new DetailLine(
                said.line().in(i18n.language()),
                said.entry().isPresent() ? DetailLine.Kind.NAT : DetailLine.Kind.INFO,
                -1,
                0,
                List.of(DetailLine.of(said.note().in(i18n.language()), DetailLine.Kind.STEP)))));
        path.ifPresent(traced -> lines.add(netfilter(traced)));
        if (bytes.isPresent()) {
            PacketLayers.decode(bytes.get()).forEach(layer -> lines.add(layer(layer)));
        } else {
            // what the timeline kept of the packet, since its bytes are gone
            lines.add(DetailLine.of(i18n.lookup("detail.noBytes"), DetailLine.Kind.INFO));
            lines.add(DetailLine.of("Ethernet · " + event.srcMac() + " → " + event.dstMac(), DetailLine.Kind.LAYER));
            if (event.srcIp() != null) {
                lines.add(DetailLine.of(
                        event.flow() + (event.ipId() >= 0 ? "  IP id " + event.ipId() : ""), DetailLine.Kind.LAYER));
            }
        }
        return new DetailLine(
                event.protocol().label() + "  " + event.summary(),
                DetailLine.Kind.SUMMARY,
                0,
                bytes.map(frame -> frame.length).orElse(0),
                lines);
    }

    private DetailLine netfilter(NetfilterPath path) {
        List<DetailLine> steps = path.steps().stream()
                .filter(step -> !step.isTraceRule())
                .map(step -> DetailLine.of(wording(step), DetailLine.Kind.STEP))
                .toList();
        if (steps.isEmpty()) {
            steps = List.of(DetailLine.of(i18n.lookup("detail.netfilter.none"), DetailLine.Kind.STEP));
        }
        return new DetailLine(i18n.lookup("detail.netfilter"), DetailLine.Kind.NETFILTER, -1, 0, steps);
    }

    /** Hop by hop: "+0.021 ms  host/eth0  192.0.2.183 > 198.51.100.10 · source 172.18.0.3 → 192.0.2.183 · TTL 64 → 63". */
    private DetailLine journey(List<Passport.Stamp> passport) {
        List<DetailLine> hops = new ArrayList<>();
        for (Passport.Stamp stamp : passport) {
            StringBuilder text = new StringBuilder(format(
                    "detail.journey.hop",
                    String.format(java.util.Locale.ROOT, "%.3f", stamp.sinceFirstNanos() / 1e6),
                    stamp.sighting().point().label(),
                    stamp.sighting().flow()));
            for (Passport.Change change : stamp.changes()) {
                text.append(" · ")
                        .append(format(
                                "detail.journey." + change.kind().name().toLowerCase(java.util.Locale.ROOT),
                                change.before(),
                                change.after()));
            }
            hops.add(DetailLine.of(
                    text.toString(), stamp.changes().isEmpty() ? DetailLine.Kind.STEP : DetailLine.Kind.NAT));
        }
        return new DetailLine(format("detail.journey", passport.size()), DetailLine.Kind.NETFILTER, -1, 0, hops);
    }

    private String wording(NetfilterStep step) {
        return step.wording().in(i18n.language());
    }

    private DetailLine layer(PacketLayer layer) {
        List<DetailLine> fields = layer.fields().stream().map(this::field).toList();
        return new DetailLine(
                format("packet.layer." + layer.key(), layer.summary()),
                layer.malformed() ? DetailLine.Kind.MALFORMED : DetailLine.Kind.LAYER,
                layer.offset(),
                layer.length(),
                fields);
    }

    private DetailLine field(PacketField field) {
        String text = format("packet.fieldValue", i18n.lookup("packet.field." + field.key()), field.value());
        String check = switch (field.check()) {
            case NONE -> "";
            case CORRECT -> i18n.lookup("packet.check.correct");
            case WRONG -> format("packet.check.wrong", field.expected());
            case UNUSED -> i18n.lookup("packet.check.unused");
            case OFFLOADED -> format("packet.check.offloaded", field.expected());
        };
        DetailLine.Kind kind = field.check() == PacketField.Check.WRONG ? DetailLine.Kind.WRONG : DetailLine.Kind.FIELD;
        return new DetailLine(
                check.isEmpty() ? text : text + "  " + check, kind, field.offset(), field.length(), List.of());
    }

    /** A window text with its {0}, {1}… filled in. */
    private String format(String key, Object... args) {
        String text = i18n.lookup(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
