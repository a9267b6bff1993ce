package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bridgelab.kernel.TopologyChange;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.session.LabSession;
import org.bridgelab.session.SessionBundle;
import org.bridgelab.testing.AwaitedChange;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.testing.SshVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlay lesson across two lab VMs over real SSH, as a learner with two machines runs it: each host on a VM
 * of its own, joined through the network the VMs share (a cable between them, on addresses of their own), each
 * command run on the host it is typed on, and nothing left on either VM afterwards.
 */
@KernelTest(root = true)
class OverlayTwoVmsIT {
    private static SshVm a;
    private static SshVm b;
    private static Path config;

    @TempDir
    Path dir;

    @BeforeAll
    static void twoVmsOnOneNetwork() throws IOException {
        a = SshVm.start("labvm-a");
        b = SshVm.start("labvm-b");
        a.cableTo(b, "192.0.2.101/24", "192.0.2.102/24");
        config = Files.createTempFile("bridgelab-two-vms", ".ssh_config");
        Files.writeString(config, Files.readString(a.config()) + Files.readString(b.config()));
    }

    @AfterAll
    static void closeThem() throws IOException {
        try (SshVm first = a;
                SshVm second = b) {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void run_passes_every_step_each_command_on_its_host_captures_the_tunnel_and_leaves_nothing() throws Exception {
        String beforeA = a.labState();
        String beforeB = b.labState();
        Path pcap = dir.resolve("overlay.pcapng");
        Path timeline = dir.resolve("overlay.json");
        Path bundle = dir.resolve("overlay.bridgelab");

        CommandResult run = Cli.run(onTheTwoVms(
                "run",
                "overlay",
                "--capture",
                pcap.toString(),
                "--timeline",
                timeline.toString(),
                "--bundle",
                bundle.toString()));

        String said = run.stdout() + run.stderr();
        assertThat(run.exitCode()).as(said).isZero();
        assertThat(said)
                .contains("lab host: hosta on lab VM labvm-a over SSH (root), hostb on lab VM labvm-b over SSH (root)")
                .contains("[hosta] $ sudo ip link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.12")
                .contains("[hostb] $ sudo ip link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.11")
                .contains("netfilter paths: not traced on 2 lab hosts")
                .contains("on two lab hosts, the lab itself builds and removes the network between them")
                .contains("PASSED");
        assertThat(a.labState()).as("VM A after the run").isEqualTo(beforeA);
        assertThat(b.labState()).as("VM B after the run").isEqualTo(beforeB);
        // the capture holds the underlay's VXLAN packets between the hosts, and br0's plain frames
        String read = new ProcessRunner()
                .run(List.of("tcpdump", "-r", pcap.toString(), "-n"), Duration.ofSeconds(30))
                .stdout();
        assertThat(read)
                .containsPattern("IP 203\\.0\\.113\\.11\\.\\d+ > 203\\.0\\.113\\.12\\.4789: VXLAN.*vni 42\\n"
                        + "IP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.3: ICMP echo request")
                .containsPattern("IP 203\\.0\\.113\\.12\\.\\d+ > 203\\.0\\.113\\.11\\.4789: VXLAN.*vni 42\\n"
                        + "IP 10\\.0\\.0\\.3 > 10\\.0\\.0\\.2: ICMP echo reply")
                .containsPattern("(?m)^\\S+ IP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.3: ICMP echo request");

        // the timeline: each host's wires, the tunnel's packet saying what it carries and joining the journey of
        // the frame inside it, in the order of the kernels' timestamps, and no netfilter path (none was traced)
        JsonNode json = new ObjectMapper().readTree(timeline.toFile());
        assertThat((Iterable<JsonNode>) json.path("capturePoints"))
                .extracting(JsonNode::asText)
                .contains("hosta/br0", "hosta/eth0", "hostb/br0", "hostb/eth0");
        JsonNode tunnelled = first(
                json.path("events"),
                "203.0.113.11 > 203.0.113.12: VXLAN vni 42: 10.0.0.2 > 10.0.0.3: ICMP echo request");
        assertThat(tunnelled.path("point").asText()).isIn("hosta/eth0", "hostb/eth0");
        JsonNode plain = first(json.path("events"), "10.0.0.2 > 10.0.0.3: ICMP echo request");
        assertThat(plain.path("point").asText()).isIn("hosta/br0", "hostb/br0");
        assertThat(tunnelled.path("travel").asLong())
                .as("the tunnel's packet on the frame's journey")
                .isEqualTo(plain.path("travel").asLong());
        JsonNode events = json.path("events");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("timeNanos").asLong())
                    .as("row " + i)
                    .isGreaterThanOrEqualTo(events.get(i - 1).path("timeNanos").asLong());
        }
        assertThat(json.path("netfilterPaths").size()).isZero();

        // the bundle: both lab hosts named, the lesson passed, each step's topology holding both hosts
        SessionBundle.Contents contents = SessionBundle.read(bundle);
        assertThat(contents.manifest().labHost()).contains("labvm-a").contains("labvm-b");
        assertThat(contents.summary().lessons())
                .singleElement()
                .satisfies(lesson -> assertThat(lesson.passed()).isTrue());
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            String tunnelStep = zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("topology/") && name.contains("through-the-tunnel"))
                    .findFirst()
                    .orElseThrow();
            String topology =
                    new String(zip.getInputStream(zip.getEntry(tunnelStep)).readAllBytes());
            assertThat(topology).contains("\"hosta\"", "\"hostb\"", "\"vxlan0\"");
            assertThat(zip.getInputStream(zip.getEntry("capture.pcapng")).readAllBytes())
                    .as("the bundle's capture, the --capture file's")
                    .isEqualTo(Files.readAllBytes(pcap));
        }
        // and the window plays it back, on no lab host at all (kept aside to be looked at)
        Path picture = Path.of("target", "overlay-two-vms-replayed.png").toAbsolutePath();
        CommandResult replay = Cli.runAs(
                List.of("xvfb-run", "-a", "-s", "-screen 0 1366x768x24"),
                Cli.JAR,
                "gui",
                "--replay",
                bundle.toString(),
                "--screenshot",
                picture.toString());
        assertThat(replay.exitCode()).as(replay.stderr()).isZero();
        assertThat(Files.size(picture)).isPositive();
    }

    /** The first row whose summary starts with {@code summary}. */
    private static JsonNode first(JsonNode events, String summary) {
        for (JsonNode event : events) {
            if (event.path("summary").asText().startsWith(summary)) {
                return event;
            }
        }
        List<String> near = new java.util.ArrayList<>();
        events.forEach(event -> near.add(
                event.path("point").asText() + " " + event.path("summary").asText()));
        throw new AssertionError("no row starts with " + summary + " among " + near);
    }

    @Test
    void the_window_runs_the_lesson_on_the_two_vms_and_shows_it_then_leaves_nothing() throws Exception {
        String beforeA = a.labState();
        String beforeB = b.labState();
        Path picture = dir.resolve("overlay.png");

        CommandResult gui = Cli.runAs(
                List.of("xvfb-run", "-a", "-s", "-screen 0 1366x768x24"),
                Cli.JAR,
                onTheTwoVms("gui", "--run", "overlay/through-the-tunnel", "--screenshot", picture.toString()));

        // 0: every step up to the tunnel passed in the window, then the picture was taken
        assertThat(gui.exitCode()).as(gui.stderr()).isZero();
        assertThat(gui.stderr()).contains("screenshot written to " + picture);
        assertThat(Files.size(picture)).isPositive();
        assertThat(a.labState()).as("VM A after the window closed").isEqualTo(beforeA);
        assertThat(b.labState()).as("VM B after the window closed").isEqualTo(beforeB);
    }

    @Test
    void the_window_follows_each_vms_kernel_live_as_one_lab_and_stops_watching_when_closed() throws Exception {
        String beforeA = a.labState();
        String beforeB = b.labState();
        BlockingQueue<TopologyChange> changes = new LinkedBlockingQueue<>();
        Lab lab = Lab.joined(
                List.of("hosta", "hostb"),
                List.of(new LabHostChoice("ssh", "labvm-a", config), new LabHostChoice("ssh", "labvm-b", config)));
        try (LabSession session = LabSession.open(lab, LabSession.Options.JOINED_WINDOW, note -> {})) {
            session.subscribe(new LabSession.Listener() {
                @Override
                public void changed(TopologyChange change) {
                    changes.add(change);
                }
            });
            assertThat(session.watchesKernel()).isTrue();

            // when: a bridge is made in hostb, on VM B, from outside BridgeLab's steps
            lab.host()
                    .run("hostb", List.of("ip", "link", "add", "probe0", "type", "bridge"))
                    .orThrow();

            // then: the change arrives, in a snapshot of the whole lab that still holds hosta
            TopologyChange seen = AwaitedChange.of(changes, "bridge probe0 added in hostb", Duration.ofSeconds(20));
            assertThat(seen.after().namespace("hostb").orElseThrow().link("probe0"))
                    .isPresent();
            assertThat(seen.after().namespace("hosta")).isPresent();

            // and one made in hosta, on VM A, too
            lab.host()
                    .run("hosta", List.of("ip", "link", "add", "probe1", "type", "bridge"))
                    .orThrow();
            AwaitedChange.of(changes, "bridge probe1 added in hosta", Duration.ofSeconds(20));
        }
        // closing the session stopped the monitors and removed what the lab built on both VMs
        assertThat(a.labState()).as("VM A after the session closed").isEqualTo(beforeA);
        assertThat(b.labState()).as("VM B after the session closed").isEqualTo(beforeB);
    }

    /** A command line with the two VMs as its lab hosts, host A first. */
    private static String[] onTheTwoVms(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(
                List.of("--lab-host", "ssh:labvm-a", "--lab-host", "ssh:labvm-b", "--ssh-config", config.toString()));
        return all.toArray(String[]::new);
    }
}
