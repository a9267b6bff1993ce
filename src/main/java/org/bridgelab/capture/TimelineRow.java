package org.bridgelab.capture;

import java.util.regex.Pattern;

/**
 * One sighting of a packet laid out on the timeline: when and where it was captured and the lanes (lab nodes)
 * it goes between. The one row model of every timeline: the window's rows and {@code --timeline}'s are these,
 * laid out by {@link #of}. A row keeps only what ordering and filtering read; the decoded packet (its words,
 * addresses and MACs) comes from the capture's store when the row is drawn, selected or written, so a
 * million rows cost tens of megabytes, not hundreds.
 */
public final class TimelineRow {
    private static final Pattern ADDRESSES = Pattern.compile("^\\S+ > \\S+: ");

    private final long sequence;
    private final long timeNanos;
    private final long travel;
    private final CapturePoint point;
    private final Protocol protocol;
    private final String from;
    private final String to;
    private final EventSource source;

    /** Where a row's packet is decoded from: the capture's store (through a cache), or the event itself. */
    @FunctionalInterface
    public interface EventSource {
        /** The event, or null if its frame is no longer held. */
        PacketEvent event(long sequence);
    }

    /**
     * @param from the node that sent it on this wire, null if the lab's nodes do not show it
     * @param to   the node it is for, null if every node on the wire (a broadcast) or unknown
     */
    public TimelineRow(PacketEvent event, String from, String to, EventSource source) {
        this.sequence = event.sequence();
        this.timeNanos = event.timestampNanos();
        this.travel = event.travel();
        this.point = event.point();
        this.protocol = event.protocol();
        this.from = from;
        this.to = to;
        this.source = source;
    }

    /** A sighting laid out between the lanes {@code nodes} knows, its packet decoded again from {@code source}. */
    public static TimelineRow of(PacketEvent event, LabNodes nodes, EventSource source) {
        LabNodes.Hop hop = nodes == null ? NO_HOP : nodes.hop(event);
        return new TimelineRow(event, hop.from(), hop.to(), source);
    }

    private static final LabNodes.Hop NO_HOP = new LabNodes.Hop(null, null);

    /** A row that holds its event itself (for a packet that is in no store). */
    public TimelineRow(PacketEvent event, String from, String to) {
        this(event, from, to, sequence -> event);
    }

    /**
     * The packet as decoded from its frame; if the store has already dropped the frame (it keeps the newest
     * ones, and this row goes with the next batch), what the row itself knows, saying so.
     */
    public PacketEvent event() {
        PacketEvent event = source.event(sequence);
        return event != null
                ? event
                : new PacketEvent(
                        sequence,
                        point,
                        timeNanos,
                        0,
                        null,
                        null,
                        protocol,
                        null,
                        null,
                        -1,
                        -1,
                        -1,
                        0,
                        "no longer held (the capture keeps the newest frames)",
                        travel);
    }

    public long sequence() {
        return sequence;
    }

    /** The kernel's capture time, ns since the epoch. */
    public long timeNanos() {
        return timeNanos;
    }

    public long travel() {
        return travel;
    }

    public CapturePoint point() {
        return point;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The sending node, null if unknown. */
    public String from() {
        return from;
    }

    /** The receiving node, null for every node on the wire or unknown. */
    public String to() {
        return to;
    }

    /**
     * The words on the arrow, with the addresses (and ports) as seen on this wire, since NAT changes them:
     * "172.18.0.2 > 198.51.100.10  ICMP echo request id 7 seq 1"; ARP names its addresses in its words.
     */
    public String label() {
        PacketEvent event = event();
        String words = ADDRESSES.matcher(event.summary()).replaceFirst("");
        return event.srcIp() == null || event.protocol() == Protocol.ARP ? words : event.flow() + "  " + words;
    }

    @Override
    public String toString() {
        return "row " + sequence + " " + (from == null ? "?" : from) + " → " + (to == null ? "*" : to) + " at "
                + point.label();
    }
}
