package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetlinkSocketsTest {
    @Test
    void a_subscribed_ip_monitor_is_one_route_listener() {
        // recorded with `ip monitor link address route netconf` and `xtables-monitor -e` running:
        // ip's second, unsubscribed socket and xtables-monitor's netfilter socket are not route listeners
        String listing = Fixtures.read("proc-net-netlink-ip-monitor.txt");

        assertThat(NetlinkSockets.routeListeners(listing)).isEqualTo(1);
    }

    @Test
    void xtables_monitor_is_the_one_subscribed_netfilter_socket() {
        // the listing was recorded with ip monitor and xtables-monitor -e running in the namespace
        String listing = Fixtures.read("proc-net-netlink-ip-monitor.txt");

        assertThat(NetlinkSockets.netfilterListeners(listing)).isEqualTo(1);
        assertThat(NetlinkSockets.netfilterListeners(Fixtures.read("proc-net-netlink-new-namespace.txt")))
                .isZero();
    }

    @Test
    void a_new_namespace_has_none() {
        String listing = Fixtures.read("proc-net-netlink-new-namespace.txt");

        assertThat(NetlinkSockets.routeListeners(listing)).isZero();
    }

    @Test
    void an_empty_or_foreign_text_has_none() {
        assertThat(NetlinkSockets.routeListeners("")).isZero();
        assertThat(NetlinkSockets.routeListeners("cat: /proc/net/netlink: No such file or directory"))
                .isZero();
    }
}
