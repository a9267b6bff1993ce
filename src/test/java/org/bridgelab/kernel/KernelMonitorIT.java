package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.testing.AwaitedChange;
import org.bridgelab.testing.CountingLabHost;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Changes made from outside any lesson (as from a second terminal) arrive as events, and stopping leaves nothing. */
@KernelTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelMonitorIT {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static Lab lab;
    private static StateReader reader;
    private static KernelMonitor monitor;
    private static final BlockingQueue<TopologyChange> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void watchAFreshLab() {
        lab = Lab.open(LabHostChoice.sandbox());
        reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES));
        monitor = KernelMonitor.start(lab.host(), reader);
        monitor.subscribe(events::add);
    }

    @AfterAll
    static void closeEverything() {
        monitor.close();
        reader.close();
        lab.close();
    }

    @Test
    @Order(1)
    void a_link_added_from_outside_the_runner_is_delivered_as_a_change() throws InterruptedException {
        // when: a change made directly on the lab host
        host("ip", "link", "add", "probe0", "type", "bridge");

        // then:
        TopologyChange change = awaitChange("bridge probe0 added in host");
        assertThat(change.after().namespace("host").orElseThrow().link("probe0"))
                .isPresent();
        assertThat(change.causes()).extracting(MonitorEvent::kind).contains(MonitorEvent.Kind.LINK);
    }

    @Test
    @Order(2)
    void rules_policies_and_forwarding_changes_are_delivered() throws InterruptedException {
        host("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "172.18.0.0/24", "!", "-o", "br0", "-j", "MASQUERADE");
        awaitChange("rule added in host: nat POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");

        // the sandbox starts as a Docker host does, with FORWARD's policy DROP
        host("iptables", "-P", "FORWARD", "ACCEPT");
        awaitChange("policy of filter FORWARD in host DROP → ACCEPT");

        host("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        awaitChange("ip_forward in host 0 → 1");
    }

    @Test
    @Order(2)
    void a_table_made_with_nft_itself_is_delivered_too() throws InterruptedException {
        Assumptions.assumeTrue(lab.host().run(LabHost.HOST, "nft", "--version").succeeded(), "nft is optional");

        host("nft", "add", "table", "inet", "lab");

        awaitChange("nft table inet lab added in host");
    }

    @Test
    @Order(3)
    void a_namespace_created_later_is_watched_too() throws InterruptedException {
        // given: a namespace that did not exist when the monitor started
        host("ip", "netns", "add", "late1");
        awaitChange("namespace late1 added");
        // its monitor starts on the netns event, before the change that event causes is delivered
        assertThat(monitor.watched()).contains("late1");

        // when: something changes inside it
        host("ip", "-n", "late1", "link", "add", "inside0", "type", "bridge");

        // then:
        awaitChange("bridge inside0 added in late1");
    }

    @Test
    @Order(3)
    void a_namespace_file_that_appears_before_its_namespace_is_mounted_is_watched_once_it_is()
            throws InterruptedException {
        // given: ip netns add's own order, stretched out: the file first (the netns monitor reports it at once,
        // and a monitor started then finds no namespace in it), the namespace mounted on it afterwards
        host("touch", "/run/netns/late2");
        host("unshare", "--net", "mount", "--bind", "/proc/self/ns/net", "/run/netns/late2");
        awaitChange("namespace late2 added");

        // when:
        host("ip", "-n", "late2", "link", "add", "inside2", "type", "bridge");

        // then:
        awaitChange("bridge inside2 added in late2");
        host("ip", "netns", "del", "late2");
        awaitChange("namespace late2 removed");
    }

    @Test
    @Order(4)
    void settling_reads_what_was_notified_at_once_and_only_there() {
        CountingLabHost counting = new CountingLabHost(lab.host());
        // a quiet time that outlasts the test: only settle() reads
        try (StateReader own = new StateReader(counting, new HashSet<>(OutsideWorld.NAMESPACES));
                KernelMonitor patient = KernelMonitor.start(counting, own, Duration.ofHours(1))) {
            host("ip", "link", "add", "settle0", "type", "bridge");
            counting.asked().clear();

            // the notification takes a moment to arrive: settle until it has
            long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
            Topology settled = patient.settle();
            while (settled.namespace(LabHost.HOST).orElseThrow().link("settle0").isEmpty()
                    && System.nanoTime() < deadline) {
                settled = patient.settle();
            }

            assertThat(settled.namespace(LabHost.HOST).orElseThrow().link("settle0"))
                    .isPresent();
            // the host's links again, not every namespace's state (a full read asks ip -all netns exec)
            assertThat(counting.asked())
                    .contains("host: ip -j -d addr show")
                    .noneMatch(asked -> asked.contains("-all"));
        } finally {
            host("ip", "link", "del", "settle0");
        }
    }

    @Test
    @Order(4)
    void settling_reads_a_namespace_added_or_deleted_before_its_notification_is() {
        CountingLabHost counting = new CountingLabHost(lab.host());
        try (StateReader own = new StateReader(counting, new HashSet<>(OutsideWorld.NAMESPACES));
                KernelMonitor patient = KernelMonitor.start(counting, own, Duration.ofHours(1))) {
            host("ip", "netns", "add", "settle1");
            counting.asked().clear();
            assertThat(patient.settle().namespace("settle1")).isPresent();
            // the namespace added is read on its own, not every namespace again (ip -all netns exec)
            assertThat(counting.asked())
                    .contains("settle1: ip -j -d addr show")
                    .noneMatch(asked -> asked.contains("-all"));

            host("ip", "netns", "del", "settle1");
            assertThat(patient.settle().namespace("settle1")).isEmpty();
        } finally {
            lab.host().run(LabHost.HOST, "ip", "netns", "del", "settle1");
        }
    }

    @Test
    @Order(4)
    void packets_seen_on_the_hosts_uplink_are_counted_again_at_its_other_end_in_the_router()
            throws InterruptedException {
        // given: a rule in the router counting the host's pings; no capture watches the router itself
        List<String> rule = List.of("INPUT", "-s", OutsideWorld.HOST_ADDRESS, "-p", "icmp", "-j", "ACCEPT");
        router("iptables", "-A", rule);
        try {
            awaitRouterInputCount(count -> count == 0);

            // when: one ping from the host to the router, seen on the host's end of the cable between them
            host("ping", "-c", "1", "-W", "2", OutsideWorld.ROUTER_LAN_ADDRESS);
            monitor.trafficSeen(LabHost.HOST, lab.world().uplink());

            // then: the router's counter is read again and has moved
            awaitRouterInputCount(count -> count > 0);
        } finally {
            router("iptables", "-D", rule);
        }
    }

    @Test
    @Order(4)
    void packets_seen_while_reads_are_deferred_are_counted_once_deferring_ends() throws InterruptedException {
        // given: a rule in the router counting the host's pings, and reads after packets deferred
        List<String> rule = List.of("INPUT", "-s", OutsideWorld.HOST_ADDRESS, "-p", "icmp", "-j", "ACCEPT");
        router("iptables", "-A", rule);
        try {
            awaitRouterInputCount(count -> count == 0);
            monitor.deferTrafficReads(true);

            // when: two pings seen on the host's end of the cable to the router
            for (int i = 0; i < 2; i++) {
                host("ping", "-c", "1", "-W", "2", OutsideWorld.ROUTER_LAN_ADDRESS);
                monitor.trafficSeen(LabHost.HOST, lab.world().uplink());
            }

            // then: both ends wait, noted once; settling reads only what the kernel notified
            assertThat(monitor.trafficDeferred()).containsExactlyInAnyOrder(LabHost.HOST, OutsideWorld.ROUTER);
            assertThat(routerInputCount(monitor.settle())).isZero();

            // when: deferring ends
            monitor.deferTrafficReads(false);

            // then: the router's counter is read and shows both
            assertThat(monitor.trafficDeferred()).isEmpty();
            awaitRouterInputCount(count -> count == 2);
        } finally {
            monitor.deferTrafficReads(false);
            router("iptables", "-D", rule);
        }
    }

    @Test
    @Order(4)
    void a_mac_the_routers_bridge_learns_or_forgets_is_read_from_the_kernels_notification_alone()
            throws InterruptedException {
        // given: the router's switch has not (or no longer) learned the host's uplink MAC; no capture reports
        // the packets that follow, so only the kernel's own notifications can tell the monitor
        String mac = monitor.current()
                .namespace(LabHost.HOST)
                .flatMap(host -> host.link(lab.world().uplink()))
                .orElseThrow()
                .mac();
        lab.host().run(OutsideWorld.ROUTER, "bridge", "fdb", "del", mac, "dev", "lan-host", "master");

        // when: the host pings the router, so the switch learns where the host's MAC is
        host("ping", "-c", "1", "-W", "2", OutsideWorld.ROUTER_LAN_ADDRESS);

        // then:
        awaitRouterMac(mac, true);

        // when: the entry goes (as when it ages out), no packet moving
        lab.host()
                .run(OutsideWorld.ROUTER, "bridge", "fdb", "del", mac, "dev", "lan-host", "master")
                .orThrow();

        // then:
        awaitRouterMac(mac, false);
    }

    @Test
    @Order(4)
    void a_deleted_namespace_is_reported_and_its_monitor_is_stopped() throws InterruptedException {
        host("ip", "netns", "del", "late1");

        awaitChange("namespace late1 removed");
        assertThat(monitor.watched()).doesNotContain("late1");
        assertThat(processes()).doesNotContain("ip -n late1 monitor");
    }

    @Test
    @Order(5)
    void closing_the_monitor_stops_every_process_it_started() {
        // given: monitors running in the sandbox
        assertThat(processes()).contains("ip monitor", "ip netns monitor", "xtables-monitor");

        // when:
        monitor.close();

        // then:
        assertThat(processes()).doesNotContain("monitor");
    }

    private static TopologyChange awaitChange(String description) throws InterruptedException {
        return AwaitedChange.of(events, description, EVENT_TIMEOUT);
    }

    /** Waits for a change after which the router's switch lists (or no longer lists) {@code mac} on lan-host. */
    private static void awaitRouterMac(String mac, boolean learned) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TopologyChange change = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (change != null && routerKnows(change.after(), mac) == learned) {
                return;
            }
        }
        throw new AssertionError(
                "the router's switch " + (learned ? "never learned " : "still lists ") + mac + " on lan-host: "
                        + monitor.current().namespace(OutsideWorld.ROUTER).map(Topology.Namespace::fdb));
    }

    private static boolean routerKnows(Topology snapshot, String mac) {
        return snapshot.namespace(OutsideWorld.ROUTER).orElseThrow().fdb().stream()
                .anyMatch(entry -> entry.learned()
                        && entry.port().equals("lan-host")
                        && entry.mac().equalsIgnoreCase(mac));
    }

    /** Waits for a change after which the router's one INPUT rule has counted {@code wanted} packets. */
    private static void awaitRouterInputCount(java.util.function.LongPredicate wanted) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TopologyChange change = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (change != null && wanted.test(routerInputCount(change.after()))) {
                return;
            }
        }
        throw new AssertionError("the router's INPUT rule still counts " + routerInputCount(monitor.current())
                + " packets after " + EVENT_TIMEOUT.toSeconds() + " s");
    }

    /** The packets counted by the router's one INPUT rule, -1 while it has none. */
    private static long routerInputCount(Topology snapshot) {
        return snapshot.namespace(OutsideWorld.ROUTER)
                .flatMap(router -> router.chain("filter", "INPUT"))
                .filter(input -> input.rules().size() == 1)
                .map(input -> input.rules().get(0).packets())
                .orElse(-1L);
    }

    /** Runs {@code program action rule…} in the router (iptables, to add or delete a rule). */
    private static void router(String program, String action, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of(program, action));
        argv.addAll(rule);
        lab.host().run(OutsideWorld.ROUTER, argv).orThrow();
    }

    private static String processes() {
        return lab.host().run(LabHost.HOST, "ps", "-eo", "args").orThrow().stdout();
    }

    private static void host(String... argv) {
        lab.host().run(LabHost.HOST, argv).orThrow();
    }
}
