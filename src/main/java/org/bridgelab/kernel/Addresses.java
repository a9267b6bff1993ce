package org.bridgelab.kernel;

/** IPv4 arithmetic on the text forms the kernel prints: "172.18.0.2", "172.18.0.0/24", "default". */
public final class Addresses {
    private Addresses() {}

    /** Whether {@code network} ("172.18.0.0/24", "default", or a single address) contains {@code address}. */
    public static boolean contains(String network, String address) {
        String addr = withoutPrefix(address);
        if ("default".equals(network) || "0.0.0.0/0".equals(network)) {
            return true;
        }
        int prefix = prefixLength(network);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (toLong(withoutPrefix(network)) & mask) == (toLong(addr) & mask);
    }

    /** The prefix length of a route destination or an address with a prefix; 32 for a bare address. */
    public static int prefixLength(String network) {
        if ("default".equals(network)) {
            return 0;
        }
        int slash = network.indexOf('/');
        return slash < 0 ? 32 : Integer.parseInt(network.substring(slash + 1));
    }

    public static String withoutPrefix(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** The network an interface address belongs to: 172.18.0.2/24 → 172.18.0.0/24. */
    public static String network(String addressWithPrefix) {
        int prefix = prefixLength(addressWithPrefix);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return toText(toLong(withoutPrefix(addressWithPrefix)) & mask) + "/" + prefix;
    }

    /** A dotted quad whose four parts are 0–255, without a prefix ("999.1.1.1" is not one). */
    public static boolean isIpv4Address(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String part : text.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv4(String text) {
        return text != null && text.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    }

    static long toLong(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static String toText(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }
}
