package org.bridgelab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.lab.SandboxLabHost;

/**
 * A lab "VM" reached over real SSH, for tests: a sandbox whose sshd runs in inetd mode, started per
 * connection by the client's ProxyCommand, so nothing on this machine changes and no port is opened. The
 * link can be cut (every sshd of the VM killed, new connections refused) and mended, as a dropped network
 * would. Needs root: sshd runs as the machine's root inside the sandbox's namespaces, like a VM's root.
 */
public final class SshVm implements AutoCloseable {
    public static final String DESTINATION = "labvm";
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private final SandboxLabHost sandbox;
    private final Path dir;
    private final Path config;

    private SshVm(SandboxLabHost sandbox, Path dir, Path config) {
        this.sandbox = sandbox;
        this.dir = dir;
        this.config = config;
    }

    public static SshVm start() throws IOException {
        return start(DESTINATION);
    }

    /** A VM reached as {@code destination} through its {@link #config()}. */
    public static SshVm start(String destination) throws IOException {
        SandboxLabHost sandbox = SandboxLabHost.start(RUNNER);
        Path dir = Files.createTempDirectory("bridgelab-ssh");
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("id_ed25519"));
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.writeString(
                dir.resolve("sshd_config"),
                String.join(
                        "\n",
                        "HostKey " + dir.resolve("host_ed25519"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PermitRootLogin prohibit-password",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "PidFile none",
                        "LogLevel QUIET",
                        ""));
        // the VM's own /run (for sshd's privilege separation directory and ip netns), mounted by the machine's
        // root: sshd and the lab's commands run as that root, like a VM's, and cannot create files in the
        // sandbox's /run, which belongs to the sandbox's own (unprivileged) root
        String holder = Long.toString(sandbox.holderPid());
        RUNNER.run(
                        List.of(
                                "nsenter",
                                "-t",
                                holder,
                                "--mount",
                                "--",
                                "mount",
                                "-t",
                                "tmpfs",
                                "-o",
                                "mode=0755",
                                "labvm-run",
                                "/run"),
                        Duration.ofSeconds(10))
                .orThrow();
        RUNNER.run(List.of("nsenter", "-t", holder, "--mount", "--", "mkdir", "/run/sshd"), Duration.ofSeconds(10))
                .orThrow();
        Path config = dir.resolve("ssh_config");
        // while the "link-down" file exists, the VM cannot be reached (ssh runs ProxyCommand as "exec COMMAND")
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Host " + destination,
                        "  User root",
                        "  IdentityFile " + dir.resolve("id_ed25519"),
                        "  IdentitiesOnly yes",
                        "  StrictHostKeyChecking no",
                        "  UserKnownHostsFile /dev/null",
                        "  LogLevel ERROR",
                        "  ProxyCommand sh -c 'test ! -e " + dir.resolve("link-down") + " && exec nsenter -t " + holder
                                + " --net --mount --pid -- " + sshd() + " -i -f " + dir.resolve("sshd_config") + "'",
                        ""));
        return new SshVm(sandbox, dir, config);
    }

    /**
     * A cable between this VM and another, as between two VMs on one network: a veth pair made straight into
     * the two VMs' namespaces (nothing of it on this machine), its ends named {@code lan0}, up, with these
     * addresses (with their prefix) on them.
     */
    public void cableTo(SshVm other, String address, String otherAddress) {
        String here = Long.toString(sandbox.holderPid());
        RUNNER.run(
                        List.of(
                                "nsenter",
                                "-t",
                                here,
                                "--net",
                                "--",
                                "ip",
                                "link",
                                "add",
                                "lan0",
                                "type",
                                "veth",
                                "peer",
                                "name",
                                "lan0",
                                "netns",
                                Long.toString(other.sandbox.holderPid())),
                        Duration.ofSeconds(10))
                .orThrow();
        for (var end : List.of(java.util.Map.entry(this, address), java.util.Map.entry(other, otherAddress))) {
            end.getKey()
                    .sandbox
                    .run(LabHost.HOST, "ip", "addr", "add", end.getValue(), "dev", "lan0")
                    .orThrow();
            end.getKey()
                    .sandbox
                    .run(LabHost.HOST, "ip", "link", "set", "lan0", "up")
                    .orThrow();
        }
        // the kernel marks a link up a moment after its carrier (linkwatch): a VM's state read before then would
        // differ from the same state read later
        awaitUp();
        other.awaitUp();
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sandbox.run(LabHost.HOST, "ip", "-br", "link", "show", "lan0")
                .stdout()
                .contains(" UP ")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lan0 did not come up");
            }
        }
    }

    /** The ssh_config that reaches the VM as its destination. */
    public Path config() {
        return config;
    }

    /** The VM's kernel, reached without SSH (as its console would be). */
    public LabHost console() {
        return sandbox;
    }

    /** The link drops: every SSH session to the VM ends at once, and no new one gets through until mended. */
    public void cutLink() throws IOException {
        Files.createFile(dir.resolve("link-down"));
        String net = netNamespaceOf(sandbox.holderPid());
        ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/sshd"))
                .filter(process -> net.equals(netNamespaceOf(process.pid())))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** The link is back: new SSH connections reach the VM again. */
    public void mendLink() throws IOException {
        Files.deleteIfExists(dir.resolve("link-down"));
    }

    /** What BridgeLab could change on the VM: its interfaces, namespaces, rules and forwarding. */
    public String labState() {
        // listing a table creates it, empty, where iptables is nftables: both exist before and after
        sandbox.run(LabHost.HOST, "iptables", "-t", "filter", "-S");
        sandbox.run(LabHost.HOST, "iptables", "-t", "nat", "-S");
        String rules = sandbox.run(LabHost.HOST, "iptables-save")
                .stdout()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll(" \\[\\d+:\\d+\\]$", ""))
                .collect(Collectors.joining("\n"));
        return sandbox.run(LabHost.HOST, "ip", "-br", "link").stdout()
                + sandbox.run(LabHost.HOST, "ip", "netns", "list").stdout()
                + rules
                + sandbox.run(LabHost.HOST, "sysctl", "net.ipv4.ip_forward").stdout();
    }

    /** The VM's processes that a lab could have started: its captures, monitors, tracers and probes. */
    public List<String> labProcesses() {
        return processes("tcpdump|ip|cat|nft|xtables-monitor|conntrack|ping|nc|sleep|sh").stream()
                // the VM's init (the sandbox's holder), and processes that have ended: this init is a cat, which
                // does not reap the orphans it inherits as a real VM's init would
                .filter(process -> !process.startsWith("1 ") && !process.endsWith("<defunct>"))
                .toList();
    }

    /** {@link #labProcesses()}, once none is left or after ten seconds. */
    public List<String> awaitNoLabProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = labProcesses();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            // nothing to await: the VM's process table is only known by asking it again
            Thread.sleep(50);
            left = labProcesses();
        }
        return left;
    }

    /** The VM's processes running {@code program} (a pattern), as the VM's own pgrep lists them. */
    public List<String> processes(String program) {
        return sandbox.run(LabHost.HOST, "pgrep", "-a", "-x", program)
                .stdout()
                .lines()
                .toList();
    }

    @Override
    public void close() throws IOException {
        sandbox.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static String netNamespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .toString();
        } catch (IOException gone) {
            // the process ended while it was looked at: it is in no namespace any more
            return "";
        }
    }

    private static void keygen(Path key) {
        RUNNER.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), Duration.ofSeconds(30))
                .orThrow();
    }

    private static String sshd() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) ? "/usr/sbin/sshd" : "/sbin/sshd";
    }
}
