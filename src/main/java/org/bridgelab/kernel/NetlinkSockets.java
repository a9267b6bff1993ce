package org.bridgelab.kernel;

/**
 * Reads {@code /proc/net/netlink}, the kernel's list of a namespace's netlink sockets, to tell whether a
 * monitor has subscribed: an {@code ip monitor} is listening once a route-netlink socket (protocol 0) has
 * joined multicast groups, an {@code xtables-monitor} once a netfilter-netlink socket (protocol 12) has.
 * Until then the kernel's notifications go to nobody.
 */
final class NetlinkSockets {
    private static final String ROUTE_NETLINK = "0";
    private static final String NETFILTER_NETLINK = "12";
    private static final int PROTOCOL = 1;
    private static final int GROUPS = 3;

    private NetlinkSockets() {}

    /** How many route-netlink sockets in the listing have subscribed to some multicast group. */
    static int routeListeners(String procNetNetlink) {
        return listeners(procNetNetlink, ROUTE_NETLINK);
    }

    /** How many netfilter-netlink sockets in the listing have subscribed to some multicast group. */
    static int netfilterListeners(String procNetNetlink) {
        return listeners(procNetNetlink, NETFILTER_NETLINK);
    }

    private static int listeners(String procNetNetlink, String protocol) {
        return (int) procNetNetlink
                .lines()
                .skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > GROUPS)
                .filter(columns -> protocol.equals(columns[PROTOCOL]))
                .filter(columns -> !isZero(columns[GROUPS]))
                .count();
    }

    private static boolean isZero(String hexGroups) {
        return hexGroups.chars().allMatch(c -> c == '0');
    }
}
