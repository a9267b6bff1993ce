package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A packet's passport: every sighting of one travelling packet, capture point by capture point in kernel
 * order, each stamped with what changed since the sighting before, as read from the frames themselves (the
 * addresses and ports NAT rewrites, the MAC addresses a router rewrites, the TTL it lowers, the tunnel that
 * wraps it and unwraps it). Only what the captures show: a hop no capture point watched is not in it.
 */
public final class Passport {

    /** What differs from the sighting before, old and new. */
    public record Change(Kind kind, String before, String after) {
        public enum Kind {
            SOURCE,
            DESTINATION,
            MACS,
            TTL,
            /** The frame went into a tunnel's packet: before, its addresses; after, the packet wrapping it. */
            ENCAPSULATED,
            /** The frame came out of a tunnel's packet: before, the packet that wrapped it; after, its addresses. */
            DECAPSULATED
        }
    }

    /**
     * @param sinceFirstNanos kernel time since the packet's first sighting
     * @param ttl             the IPv4 TTL in the frame, or -1 when unknown (not IPv4, bytes no longer kept)
     */
    public record Stamp(PacketEvent sighting, long sinceFirstNanos, int ttl, List<Change> changes) {
        public Stamp {
            changes = List.copyOf(changes);
        }
    }

    private Passport() {}

    /**
     * The stamps of one packet's sightings (all of the same travel, in any order); {@code frameOf} gives a
     * sighting's bytes by sequence number, or null when they are no longer kept.
     */
    public static List<Stamp> of(List<PacketEvent> sightings, LongFunction<byte[]> frameOf) {
        List<PacketEvent> ordered = new ArrayList<>(sightings);
        ordered.sort(Comparator.comparingLong(PacketEvent::timestampNanos).thenComparingLong(PacketEvent::sequence));
        List<Stamp> stamps = new ArrayList<>();
        PacketEvent previous = null;
        int previousTtl = -1;
        // the frame itself, last seen before it went into a tunnel: what it is compared with when it comes out
        PacketEvent lastPlain = null;
        int lastPlainTtl = -1;
        for (PacketEvent sighting : ordered) {
            int ttl = ttlOf(frameOf.apply(sighting.sequence()));
            List<Change> changes = new ArrayList<>();
            if (previous != null && previous.tunnelled() == sighting.tunnelled()) {
                compare(changes, previous, previousTtl, sighting, ttl);
            } else if (previous != null && sighting.tunnelled()) {
                // the tunnel's addresses, MACs and TTL are its own, not a change of the frame's
                changes.add(new Change(Change.Kind.ENCAPSULATED, previous.flow(), wrapping(sighting)));
            } else if (previous != null) {
                changes.add(new Change(Change.Kind.DECAPSULATED, wrapping(previous), sighting.flow()));
                if (lastPlain != null) {
                    compare(changes, lastPlain, lastPlainTtl, sighting, ttl);
                }
            }
            long first = ordered.get(0).timestampNanos();
            stamps.add(new Stamp(sighting, sighting.timestampNanos() - first, ttl, changes));
            previous = sighting;
            previousTtl = ttl;
            if (!sighting.tunnelled()) {
                lastPlain = sighting;
                lastPlainTtl = ttl;
            }
        }
        return stamps;
    }

    /** What differs between two sightings of the same kind, both the frame or both a tunnel's packet. */
    private static void compare(List<Change> changes, PacketEvent before, int beforeTtl, PacketEvent after, int ttl) {
        note(changes, Change.Kind.SOURCE, before.sourceEndpoint(), after.sourceEndpoint());
        note(changes, Change.Kind.DESTINATION, before.destinationEndpoint(), after.destinationEndpoint());
        note(
                changes,
                Change.Kind.MACS,
                before.srcMac() + " → " + before.dstMac(),
                after.srcMac() + " → " + after.dstMac());
        if (beforeTtl >= 0 && ttl >= 0) {
            note(changes, Change.Kind.TTL, String.valueOf(beforeTtl), String.valueOf(ttl));
        }
    }

    /** "UDP 203.0.113.11:34649 → 203.0.113.12:4789, VXLAN VNI 42": the tunnel's packet around the frame. */
    private static String wrapping(PacketEvent tunnelled) {
        return "UDP " + tunnelled.sourceEndpoint() + " → " + tunnelled.destinationEndpoint() + ", VXLAN VNI "
                + tunnelled.vni();
    }

    private static void note(List<Change> changes, Change.Kind kind, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(kind, before, after));
        }
    }

    /** The TTL of an IPv4 packet in an Ethernet II frame (no VLAN tag), else -1. */
    static int ttlOf(byte[] frame) {
        if (frame == null
                || frame.length < 34
                || (frame[12] & 0xff) != 0x08
                || frame[13] != 0x00
                || (frame[14] & 0xf0) != 0x40) {
            return -1;
        }
        return frame[22] & 0xff;
    }
}
