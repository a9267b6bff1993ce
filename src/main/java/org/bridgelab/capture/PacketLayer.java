package org.bridgelab.capture;

import java.util.List;

/**
 * One layer of a decoded frame: its protocol ({@code key}: "ethernet", "arp", "ipv4", "ipv6", "icmpv4",
 * "icmpv6", "tcp", "udp", "vxlan", "payload", or "malformed" for the bytes that could not be read), a one-line
 * summary in protocol notation ("172.18.0.2 → 172.18.0.3", "40000 → 80 [SYN]"), the header's bytes in the
 * frame and its fields. For a malformed layer the summary names what could not be read ("IPv4").
 */
public record PacketLayer(String key, String summary, int offset, int length, List<PacketField> fields) {

    public PacketLayer {
        fields = List.copyOf(fields);
    }

    public boolean malformed() {
        return MALFORMED.equals(key);
    }

    static final String MALFORMED = "malformed";
}
