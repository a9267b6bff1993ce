package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.testing.KernelTest;
import org.bridgelab.testing.SshVm;
import org.junit.jupiter.api.Test;

/**
 * The overlay lesson across two lab VMs over real SSH, as a learner with two machines runs it: each host on a VM
 * of its own, joined through the network the VMs share (a cable between them, on addresses of their own), each
 * command run on the host it is typed on, and nothing left on either VM afterwards.
 */
@KernelTest(root = true)
class OverlayTwoVmsIT {

    @Test
    void overlay_runs_across_two_lab_vms_each_command_on_its_host_and_leaves_nothing_on_either() throws Exception {
        try (SshVm a = SshVm.start("labvm-a");
                SshVm b = SshVm.start("labvm-b")) {
            a.cableTo(b, "192.0.2.101/24", "192.0.2.102/24");
            String beforeA = a.labState();
            String beforeB = b.labState();
            Path config = Files.createTempFile("bridgelab-two-vms", ".ssh_config");
            Path pcap = Files.createTempFile("bridgelab-two-vms", ".pcapng");
            try {
                Files.writeString(config, Files.readString(a.config()) + Files.readString(b.config()));

                CommandResult run = Cli.run(
                        "run",
                        "overlay",
                        "--lab-host",
                        "ssh:labvm-a",
                        "--lab-host",
                        "ssh:labvm-b",
                        "--ssh-config",
                        config.toString(),
                        "--capture",
                        pcap.toString());

                String said = run.stdout() + run.stderr();
                assertThat(run.exitCode()).as(said).isZero();
                assertThat(said)
                        .contains(
                                "lab host: hosta on lab VM labvm-a over SSH (root), hostb on lab VM labvm-b over SSH (root)")
                        .contains("[hosta] $ sudo ip link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.12")
                        .contains("[hostb] $ sudo ip link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.11")
                        .contains("PASSED");
                // each host on its own VM: hosta's tunnel end on A, hostb's on B, and neither is left
                assertThat(a.labState()).as("VM A after the run").isEqualTo(beforeA);
                assertThat(b.labState()).as("VM B after the run").isEqualTo(beforeB);
                // the capture holds the underlay's VXLAN packets between the hosts, and br0's plain frames
                String read = new org.bridgelab.lab.ProcessRunner()
                        .run(
                                java.util.List.of("tcpdump", "-r", pcap.toString(), "-n"),
                                java.time.Duration.ofSeconds(30))
                        .stdout();
                assertThat(read)
                        .containsPattern("IP 203\\.0\\.113\\.11\\.\\d+ > 203\\.0\\.113\\.12\\.4789: VXLAN.*vni 42\\n"
                                + "IP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.3: ICMP echo request")
                        .containsPattern("IP 203\\.0\\.113\\.12\\.\\d+ > 203\\.0\\.113\\.11\\.4789: VXLAN.*vni 42\\n"
                                + "IP 10\\.0\\.0\\.3 > 10\\.0\\.0\\.2: ICMP echo reply")
                        .containsPattern("(?m)^\\S+ IP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.3: ICMP echo request");
            } finally {
                Files.deleteIfExists(config);
                Files.deleteIfExists(pcap);
            }
        }
    }
}
