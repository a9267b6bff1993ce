package org.bridgelab.capture;

/** A pcap stream that is not one, or is broken: the message says where and how. */
public final class PcapFormatException extends RuntimeException {
    public PcapFormatException(String message) {
        super(message);
    }
}
