package org.bridgelab.view;

import org.bridgelab.capture.PacketEvent;

/** One packet on one wire of the timeline: the event (as first seen there) and the lanes it goes between. */
public record TimelineRow(PacketEvent event, String from, String to) {

    private static final java.util.regex.Pattern ADDRESSES = java.util.regex.Pattern.compile("^\\S+ > \\S+: ");

    /**
     * The words on the arrow: "who-has 172.18.0.3 tell 172.18.0.2", "ICMP echo request id 7 seq 1", …
     * without the addresses, which the lanes already show (the details pane has them).
     */
    public String label() {
        return ADDRESSES.matcher(event.summary()).replaceFirst("");
    }
}
