package org.bridgelab.view;

import org.bridgelab.capture.PacketEvent;

/** One packet on one wire of the timeline: the event (as first seen there) and the lanes it goes between. */
public record TimelineRow(PacketEvent event, String from, String to) {

    private static final java.util.regex.Pattern ADDRESSES = java.util.regex.Pattern.compile("^\\S+ > \\S+: ");

    /**
     * The words on the arrow, with the addresses (and ports) as seen on this wire, since NAT changes them:
     * "172.18.0.2 > 198.51.100.10  ICMP echo request id 7 seq 1"; ARP names its addresses in its words.
     */
    public String label() {
        String words = ADDRESSES.matcher(event.summary()).replaceFirst("");
        return event.srcIp() == null || event.protocol() == org.bridgelab.capture.Protocol.ARP
                ? words : event.flow() + "  " + words;
    }
}
