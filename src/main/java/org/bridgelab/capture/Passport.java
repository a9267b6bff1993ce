package org.bridgelab.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A packet's passport: every sighting of one travelling packet, capture point by capture point in kernel
 * order, each stamped with what changed since the sighting before, as read from the frames themselves (the
 * addresses and ports NAT rewrites, the MAC addresses a router rewrites, the TTL it lowers). Only what the
 * captures show: a hop no capture point watched is not in it.
 */
public final class Passport {

    /** What differs from the sighting before, old and new. */
    public record Change(Kind kind, String before, String after) {
        public enum Kind {
            SOURCE,
            DESTINATION,
            MACS,
            TTL
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
        for (PacketEvent sighting : ordered) {
            int ttl = ttlOf(frameOf.apply(sighting.sequence()));
            List<Change> changes = new ArrayList<>();
            if (previous != null) {
                note(changes, Change.Kind.SOURCE, previous.sourceEndpoint(), sighting.sourceEndpoint());
                note(changes, Change.Kind.DESTINATION, previous.destinationEndpoint(), sighting.destinationEndpoint());
                note(
                        changes,
                        Change.Kind.MACS,
                        previous.srcMac() + " → " + previous.dstMac(),
                        sighting.srcMac() + " → " + sighting.dstMac());
                if (previousTtl >= 0 && ttl >= 0) {
                    note(changes, Change.Kind.TTL, String.valueOf(previousTtl), String.valueOf(ttl));
                }
            }
            long first = ordered.get(0).timestampNanos();
            stamps.add(new Stamp(sighting, sighting.timestampNanos() - first, ttl, changes));
            previous = sighting;
            previousTtl = ttl;
        }
        return stamps;
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
