package org.bridgelab.capture;

/**
 * One field of a decoded header, as a packet analyser shows it: what it is ({@code key}, such as
 * "ipv4.ttl", worded by the window), its value as the protocol writes it ("64", "0x0800 (IPv4)", "SYN,
 * ACK"), and where its bytes are in the frame, so that they can be highlighted in a hex dump.
 *
 * @param check for a checksum, whether the value is the one computed from the bytes
 * @param expected for a wrong or offloaded checksum, the value computed from the bytes ("0x1c46"); "" otherwise
 */
public record PacketField(String key, String value, int offset, int length, Check check, String expected) {

    /** Whether a checksum was verified against the bytes. */
    public enum Check {
        /** Not a checksum, or one that could not be verified (the frame was cut short). */
        NONE,
        CORRECT,
        WRONG,
        /** A UDP checksum of 0: the sender did not compute one, which IPv4 allows. */
        UNUSED,
        /**
         * Only the pseudo-header's sum is there: the kernel left the rest to the network card (checksum
         * offload), and a veth or bridge has no card to finish it; the receiving kernel trusts it anyway.
         */
        OFFLOADED
    }

    public static PacketField of(String key, String value, int offset, int length) {
        return new PacketField(key, value, offset, length, Check.NONE, "");
    }

    /** A 16-bit checksum, compared with the one computed over the bytes it covers. */
    static PacketField checksum(String key, int stored, int computed, int offset) {
        boolean correct = (stored & 0xffff) == (computed & 0xffff);
        return new PacketField(
                key, hex16(stored), offset, 2, correct ? Check.CORRECT : Check.WRONG, correct ? "" : hex16(computed));
    }

    static String hex16(int value) {
        return String.format("0x%04x", value & 0xffff);
    }
}
