package org.bridgelab.capture;

/** What a frame carries, as far as the timeline cares; anything unrecognised is still named for what it is. */
public enum Protocol {
    ARP("ARP"),
    ICMP("ICMP"),
    TCP("TCP"),
    UDP("UDP"),
    IGMP("IGMP"),
    IPV4("IPv4"),
    IPV6("IPv6"),
    ETHERNET("Ethernet"),
    MALFORMED("malformed");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
