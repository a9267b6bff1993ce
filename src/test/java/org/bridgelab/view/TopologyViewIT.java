package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.PacketDecoder;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.kernel.Snapshots;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The diagram drawn from the snapshot recorded after scenario 4, without a lab: bridges are switches with their
 * ports inside, chips keep their places from step to step, netfilter sits on the host's packet path with its
 * rules in whole options, and counters moved by traffic change in place.
 */
@ExtendWith(ApplicationExtension.class)
class TopologyViewIT {
    private LabViewModel model;
    private TopologyView view;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        view = new TopologyView(model, new I18n(I18n.ENGLISH));
        Scene scene = new Scene(view, 1200, 800);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void plugging_the_veths_into_br0_moves_nothing_and_draws_them_inside_the_switch(FxRobot robot) {
        // given: the host before "Plug the other ends into br0": veth1 and veth3 loose, no bridge yet
        Topology plugged = Snapshots.scenario4();
        Topology loose = Snapshots.change(
                plugged,
                "host",
                host -> withLinks(
                        host,
                        host.links().stream()
                                .filter(link -> !link.name().equals("br0"))
                                .map(link -> unplugged(link))
                                .toList()));
        robot.interact(() -> model.topology().read(loose));
        List<Bounds> before = FxWait.onFx(() -> places("veth1", "veth3", "eth0"));

        // when: the bridge is made and both plugged in
        robot.interact(() -> model.topology().read(plugged));

        // then: every chip where it was, and both ports inside br0's switch, the uplink outside it
        assertThat(FxWait.onFx(() -> places("veth1", "veth3", "eth0"))).isEqualTo(before);
        Bounds theSwitch = FxWait.onFx(() -> switchAround("host", "br0"));
        assertThat(theSwitch.contains(FxWait.onFx(() -> place("veth1")))).isTrue();
        assertThat(theSwitch.contains(FxWait.onFx(() -> place("veth3")))).isTrue();
        assertThat(theSwitch.intersects(FxWait.onFx(() -> place("eth0")))).isFalse();
    }

    @Test
    void the_routers_lan0_is_a_switch_with_its_ports_inside(FxRobot robot) {
        // when:
        robot.interact(() -> model.topology().read(Snapshots.scenario4()));

        // then:
        Bounds lan0 = FxWait.onFx(() -> switchAround("router", "lan0"));
        assertThat(lan0.contains(view.chip("router", "lan-host").getBoundsInParent()))
                .isTrue();
        assertThat(lan0.contains(view.chip("router", "lan-remote").getBoundsInParent()))
                .isTrue();
        assertThat(lan0.intersects(view.chip("router", "wan0").getBoundsInParent()))
                .isFalse();
    }

    @Test
    void each_hooks_rules_are_shown_in_whole_options_with_their_counters(FxRobot robot) {
        // when:
        robot.interact(() -> model.topology().read(Snapshots.scenario4()));

        // then: the DNAT rule under PREROUTING, broken only before an option, with its counter
        List<String> ruleLines = FxWait.onFx(() -> view.nodes().stream()
                .filter(node -> node instanceof javafx.scene.layout.Pane pane && "netfilter".equals(pane.getId()))
                .flatMap(node -> ((javafx.scene.layout.Pane) node).getChildren().stream())
                .filter(node -> node.getStyleClass().contains("rule-text"))
                .map(node -> ((Label) node).getText())
                .toList());
        assertThat(ruleLines)
                .anySatisfy(text -> assertThat(text)
                        .startsWith("-A PREROUTING ! -i br0")
                        .contains("--to-destination 172.18.0.2:80"));
        assertThat(ruleLines.stream().flatMap(text -> text.lines()).map(String::strip))
                .allMatch(line -> line.startsWith("-") || line.startsWith("!") || line.startsWith("policy"));
        String masquerade = NetfilterHooks.of(host(Snapshots.scenario4()))
                .groups()
                .get(4)
                .entries()
                .get(0)
                .key();
        assertThat(FxWait.onFx(() -> view.netfilter().counterText(masquerade))).isEqualTo("2 pkts");
    }

    @Test
    void traffic_moves_a_counter_in_place_without_redrawing_the_diagram(FxRobot robot) {
        // given:
        Topology s4 = Snapshots.scenario4();
        robot.interact(() -> model.topology().read(s4));
        Label veth1 = FxWait.onFx(() -> view.chip("host", "veth1"));
        String masquerade =
                NetfilterHooks.of(host(s4)).groups().get(4).entries().get(0).key();

        // when: the kernel counts two more packets through MASQUERADE
        robot.interact(() -> model.topology().read(twoMoreThroughMasquerade(s4)));

        // then: the counter says so and flashes; the chips are the very same nodes
        assertThat(FxWait.onFx(() -> view.netfilter().counterText(masquerade))).isEqualTo("4 pkts");
        assertThat(FxWait.onFx(() -> view.netfilter().isCounting(masquerade))).isTrue();
        assertThat(FxWait.onFx(() -> view.chip("host", "veth1"))).isSameAs(veth1);
    }

    @Test
    void a_counters_flash_ends_without_keeping_the_window_pulsing(FxRobot robot) {
        // given: the diagram drawn, and each pulse the window takes counted from now on
        Topology s4 = Snapshots.scenario4();
        robot.interact(() -> model.topology().read(s4));
        String masquerade =
                NetfilterHooks.of(host(s4)).groups().get(4).entries().get(0).key();
        java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> view.getScene().addPostLayoutPulseListener(pulses::incrementAndGet));

        // when: traffic moves the MASQUERADE counter, which flashes for 0.9 s
        robot.interact(() -> model.topology().read(twoMoreThroughMasquerade(s4)));
        assertThat(FxWait.onFx(() -> view.netfilter().isCounting(masquerade))).isTrue();
        FxWait.await(() -> !view.netfilter().isCounting(masquerade), () -> "still flashing");

        // then: the flash drew its start and its end, and nothing asked for frames in between (an animation
        // used as a timer would have kept the window pulsing 60 times a second: ~54 pulses)
        assertThat(pulses.get()).isLessThan(15);
    }

    @Test
    void the_overlays_hosts_stand_side_by_side_with_their_containers_and_the_tunnel_between_them(FxRobot robot) {
        // when: the overlay lab as the kernel reported it, its lesson naming hosta and hostb as hosts
        robot.interact(() -> model.topology().read(Snapshots.overlay()));

        // then: hosta left of hostb on one line, ca beside hosta, cb beside hostb, and one tunnel between them
        Bounds hosta = FxWait.onFx(() -> box("hosta"));
        Bounds hostb = FxWait.onFx(() -> box("hostb"));
        assertThat(hosta.getMinY()).isEqualTo(hostb.getMinY());
        assertThat(hosta.getMaxX()).isLessThan(hostb.getMinX());
        assertThat(FxWait.onFx(() -> box("ca")).getMaxX()).isLessThanOrEqualTo(hosta.getMinX());
        assertThat(FxWait.onFx(() -> box("cb")).getMinX()).isGreaterThanOrEqualTo(hostb.getMaxX());
        assertThat(FxWait.onFx(() -> view.tunnelsDrawn())).containsExactly("hosta/vxlan0—hostb/vxlan0");
        // each host's eth0 cabled to its port on the lab host's underlay switch, each drawn once
        assertThat(FxWait.onFx(() -> view.cables()))
                .contains("host/ua—hosta/eth0", "host/ub—hostb/eth0", "ca/va—hosta/va-br", "cb/vb—hostb/vb-br");
        assertThat(FxWait.onFx(() -> view.nodes().stream()
                        .filter(node -> node instanceof Rectangle && "hosta".equals(node.getUserData()))
                        .count()))
                .isEqualTo(1);
    }

    @Test
    void in_simulation_a_wrapped_echo_request_travels_the_tunnel_from_hosta_to_hostb(FxRobot robot) {
        // given: the overlay lab, and the echo request as the kernel sent it out of hosta's eth0, inside VXLAN
        robot.interact(() -> model.topology().read(Snapshots.overlay()));
        PacketEvent wrapped = wrappedEchoRequest();
        robot.interact(() -> model.packets().receive(wrapped));
        FxWait.await(() -> !model.packets().rows().isEmpty(), () -> "no row");

        // when: the simulation shows it
        robot.interact(() -> model.packets().simulation().start());

        // then: the token is on the tunnel, going from hosta to hostb, not on hosta's cable to the underlay
        assertThat(FxWait.onFx(() -> view.simulationTokenPlace())).isEqualTo("tunnel hosta/vxlan0>hostb/vxlan0");
    }

    @Test
    void two_lab_hosts_joined_have_no_outside_world_and_the_network_between_them_is_said_to_be_in_neither_kernel() {
        // given: the overlay as two lab hosts give it: their hosts and containers, no machine or outside world,
        // and the hosts' eth0s each other's peer (the network the lab hosts share)
        Topology joined = new Topology(Snapshots.overlay().namespaces().stream()
                .filter(ns -> List.of("hosta", "hostb", "ca", "cb").contains(ns.name()))
                .map(ns -> !ns.name().startsWith("host")
                        ? ns
                        : ns.withLinks(ns.links().stream()
                                .map(link -> !link.name().equals("eth0")
                                        ? link
                                        : new Topology.Link(
                                                        link.index(),
                                                        link.name(),
                                                        "macvlan",
                                                        link.state(),
                                                        link.flags(),
                                                        link.mac(),
                                                        link.mtu(),
                                                        link.master(),
                                                        null,
                                                        link.addresses())
                                                .withPeer(new Topology.Endpoint(
                                                        ns.name().equals("hosta") ? "hostb" : "hosta", "eth0")))
                                .toList()))
                .toList());

        // when
        FxWait.onFx(() -> {
            model.topology().read(joined);
            return true;
        });

        // then: the hosts are drawn, cabled, the cable said to be the lab hosts' own network, and no heading
        // stands over an empty outside world
        List<String> texts = FxWait.onFx(() -> view.nodes().stream()
                .filter(node -> node instanceof Label)
                .map(node -> ((Label) node).getText())
                .toList());
        assertThat(texts)
                .anyMatch(text -> text.startsWith("hosta"))
                .contains("lab hosts' network")
                .doesNotContain("outside world");
        assertThat(FxWait.onFx(() -> view.cables())).contains("hosta/eth0—hostb/eth0");
    }

    @Test
    void on_one_machine_the_underlay_is_cables_the_kernel_shows_and_no_note_is_added() {
        FxWait.onFx(() -> {
            model.topology().read(Snapshots.overlay());
            return true;
        });
        assertThat(FxWait.onFx(() -> view.nodes().stream()
                        .filter(node -> node.getStyleClass().contains("shared-network-label"))
                        .count()))
                .isZero();
    }

    @Test
    void a_live_wrapped_packet_crosses_the_tunnel_as_a_token_above_the_drawing_and_goes(FxRobot robot) {
        // given: the overlay lab drawn, and the echo request as the kernel sent it out of hosta's eth0, in VXLAN
        robot.interact(() -> model.topology().read(Snapshots.overlay()));
        List<javafx.scene.Node> drawn = FxWait.onFx(() -> List.copyOf(view.nodes()));
        PacketEvent wrapped = wrappedEchoRequest();

        // when: it is captured live
        robot.interact(() -> model.packets().receive(wrapped));

        // then: its token is seen on its way (the clock moves it), the drawing's nodes untouched, then it goes
        FxWait.await(
                () -> robot.lookup(".packet-token").queryAll().stream()
                        .anyMatch(token -> token.isVisible() && token.getTranslateX() != 0),
                () -> "no token on its way: " + robot.lookup(".packet-token").queryAll());
        assertThat(FxWait.onFx(() -> List.copyOf(view.nodes()))).containsExactlyElementsOf(drawn);
        FxWait.await(
                () -> robot.lookup(".packet-token").queryAll().isEmpty(),
                () -> "a token stayed: " + robot.lookup(".packet-token").queryAll());
    }

    @Test
    void while_earlier_steps_are_caught_up_on_their_packets_move_no_token_and_the_step_asked_for_moves_its_own(
            FxRobot robot) {
        // given: the overlay lab drawn, the lessons catching up on a step the one asked for builds on
        robot.interact(() -> model.topology().read(Snapshots.overlay()));
        robot.interact(() -> model.lessons().catchingUpFx(true));

        // when: a packet of that step is captured
        robot.interact(() -> model.packets().receive(wrappedEchoRequest()));

        // then: the timeline has it, the diagram moves no token for it, and its title says why
        FxWait.await(() -> model.packets().rows().size() == 1, () -> "no row for the packet");
        assertThat(robot.lookup(".packet-token").queryAll()).isEmpty();
        assertThat(FxWait.onFx(this::title))
                .isEqualTo(
                        "Lab topology (read from the kernel — catching up: packets in the timeline, counters at the end)");

        // when: the step asked for runs, and its packet is captured
        robot.interact(() -> model.lessons().catchingUpFx(false));
        robot.interact(() -> model.packets().receive(wrappedEchoRequest()));

        // then:
        FxWait.await(
                () -> !robot.lookup(".packet-token").queryAll().isEmpty(),
                () -> "no token for the packet of the step asked for");
        assertThat(FxWait.onFx(this::title)).isEqualTo("Lab topology (read from the kernel)");
    }

    @Test
    void a_frame_on_a_hosts_cable_routed_round_the_boxes_stays_on_its_chip_rather_than_cutting_across(FxRobot robot) {
        // given: the overlay lab, and a plain frame (no tunnel) the kernel sent out of hosta's eth0
        robot.interact(() -> model.topology().read(Snapshots.overlay()));
        PacketEvent plain = RecordedCaptures.records("overlay-hosta-eth0.pcap").stream()
                .map(record -> PacketDecoder.decode(new CapturePoint("hosta", "eth0"), 0, record))
                .filter(event -> !event.tunnelled())
                .findFirst()
                .orElseThrow();
        robot.interact(() -> model.packets().receive(plain));
        FxWait.await(() -> !model.packets().rows().isEmpty(), () -> "no row");

        // when:
        robot.interact(() -> model.packets().simulation().start());

        // then: hosta/eth0's cable to the underlay runs round the boxes, so the token waits on the chip
        assertThat(FxWait.onFx(() -> view.simulationTokenPlace())).isEqualTo("at hosta/eth0");
    }

    /** The echo request as the kernel sent it out of hosta's eth0, inside VXLAN. */
    private static PacketEvent wrappedEchoRequest() {
        return RecordedCaptures.records("overlay-hosta-eth0.pcap").stream()
                .map(record -> PacketDecoder.decode(new CapturePoint("hosta", "eth0"), 0, record))
                .filter(event -> event.tunnelled() && event.summary().contains("ICMP echo request"))
                .findFirst()
                .orElseThrow();
    }

    /** The diagram's heading. */
    private String title() {
        return view.nodes().stream()
                .filter(node -> node.getStyleClass().contains("pane-heading"))
                .map(node -> ((Label) node).getText())
                .findFirst()
                .orElseThrow();
    }

    /** The box drawn for a namespace. */
    private Bounds box(String namespace) {
        return view.nodes().stream()
                .filter(node -> node instanceof Rectangle && namespace.equals(node.getUserData()))
                .map(Node::getBoundsInParent)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no box drawn for " + namespace));
    }

    private Bounds place(String hostLink) {
        return view.chip("host", hostLink).getBoundsInParent();
    }

    private List<Bounds> places(String... hostLinks) {
        return java.util.Arrays.stream(hostLinks).map(this::place).toList();
    }

    /** The switch box drawn around a bridge's chip. */
    private Bounds switchAround(String namespace, String bridge) {
        Bounds chip = view.chip(namespace, bridge).getBoundsInParent();
        return view.nodes().stream()
                .filter(node ->
                        node instanceof Rectangle && node.getStyleClass().contains("bridge-box"))
                .map(Node::getBoundsInParent)
                .filter(box -> box.contains(chip))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no switch drawn around " + bridge));
    }

    /** The same lab after the kernel counted two more packets through the host's MASQUERADE rule. */
    private static Topology twoMoreThroughMasquerade(Topology topology) {
        return Snapshots.change(
                topology,
                "host",
                host -> withRules(
                        host,
                        rule -> rule.text().contains("MASQUERADE")
                                ? new Topology.Rule(rule.text(), rule.packets() + 2, rule.bytes() + 168)
                                : rule));
    }

    private static Topology.Namespace host(Topology topology) {
        return topology.namespace("host").orElseThrow();
    }

    private static Topology.Link unplugged(Topology.Link link) {
        return link.withMaster(null);
    }

    private static Topology.Namespace withLinks(Topology.Namespace ns, List<Topology.Link> links) {
        return ns.withLinks(links);
    }

    private static Topology.Namespace withRules(Topology.Namespace ns, UnaryOperator<Topology.Rule> edit) {
        return ns.withIptables(ns.iptables().stream()
                .map(table -> new Topology.Table(
                        table.name(),
                        table.chains().stream()
                                .map(chain -> new Topology.Chain(
                                        chain.name(),
                                        chain.policy(),
                                        chain.packets(),
                                        chain.bytes(),
                                        chain.rules().stream().map(edit).toList()))
                                .toList()))
                .toList());
    }
}
