package org.bridgelab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * The default lab host: a fresh set of Linux namespaces (user, network, mount, PID, UTS and IPC) on this
 * machine, so the real host's interfaces, routes, rules and name are never touched. The user namespace
 * is what makes it a boundary also for root: without it, a command run as root in the sandbox could
 * unmount the sandbox's /proc and enter the real host's network namespace through PID 1
 * ({@code nsenter -t 1 -n}), or rename the machine; with it, its capabilities end at the sandbox. A holder process ({@code cat}, PID 1 of the sandbox) keeps it alive while its stdin, a pipe
 * from this JVM, stays open. When BridgeLab exits, even by kill -9, the pipe closes, the holder ends,
 * and the kernel kills every process of the sandbox with it: nothing is left behind.
 */
public final class SandboxLabHost extends ArgvLabHost {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** The sandbox's ids 0–65535, for root: a range no user of a machine has, unless /etc/subuid gives root one. */
    static final long ROOTS_SANDBOX_IDS = 2_000_000_000L;

    static final long SANDBOX_IDS = 65_536;
    static final List<String> NO_IPV6 =
            List.of("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");

    private final LiveProcess holder;
    private final long holderPid;
    private final List<String> enter;
    private final boolean userNamespace;
    private volatile boolean closing;

    private SandboxLabHost(ProcessRunner runner, LiveProcess holder, long holderPid, boolean root) {
        super(runner);
        this.holder = holder;
        this.holderPid = holderPid;
        this.userNamespace = !root;
        // root enters as the sandbox's root (nsenter's default), which is an unprivileged id outside; a user keeps
        // their credentials, since they are the sandbox's root already (unshare --map-root-user)
        List<String> enter = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holderPid), "--user"));
        if (!root) {
            enter.add("--preserve-credentials");
        }
        enter.addAll(List.of("--net", "--mount", "--pid", "--uts", "--ipc", "--"));
        this.enter = List.copyOf(enter);
    }

    /** Creates a fresh, empty sandbox: its own /run (for ip netns), loopback up, nothing else. */
    public static SandboxLabHost start(ProcessRunner runner) {
        List<RequiredTool> missing = RequiredTool.missingLocally();
        if (!missing.isEmpty()) {
            throw new LabException(RequiredTool.explain(missing));
        }
        boolean root = CurrentUser.uid() == 0;
        LiveProcess holder = runner.start(holderArgv(root), OutputListener.IGNORE);
        holder.send("ready\n");
        if (!holder.awaitOutput(text -> text.contains("ready"), READY_TIMEOUT)) {
            String error = holder.stop().evidence();
            throw new LabException(whyNoSandbox(error));
        }
        long pid = holder.isAlive()
                ? ProcessHandle.of(holder.pid())
                        .flatMap(h -> h.children().findFirst())
                        .map(ProcessHandle::pid)
                        .orElse(-1L)
                : -1L;
        if (pid < 0) {
            throw new LabException("the sandbox's holder process ended at once: "
                    + holder.stop().evidence());
        }
        SandboxLabHost sandbox = new SandboxLabHost(runner, holder, pid, root);
        try {
            if (root) {
                sandbox.mapRootsIds();
            }
            sandbox.run(HOST, "mount", "-t", "tmpfs", "-o", "mode=0755", "bridgelab-run", "/run")
                    .orThrow();
            sandbox.run(HOST, "ip", "link", "set", "lo", "up").orThrow();
            // as on Docker's default bridge, no IPv6: captures then show only what the tutorial talks about
            // (interfaces created here, the veth pairs and br0 included, inherit the default)
            sandbox.run(HOST, NO_IPV6).orThrow();
        } catch (LabException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    static List<String> holderArgv(boolean root) {
        List<String> argv = new ArrayList<>(List.of("unshare", "--user"));
        if (!root) {
            // root maps its ids itself once the holder runs (mapRootsIds): newuidmap allows only /etc/subuid
            argv.add("--map-root-user");
            argv.addAll(subordinateMappings());
        }
        argv.addAll(List.of(
                "--net", "--mount", "--pid", "--uts", "--ipc", "--fork", "--kill-child", "--mount-proc", "cat"));
        return argv;
    }

    /**
     * For root: ids 0–65535 of the sandbox are 65 536 unprivileged ids of the machine (root's range in
     * /etc/subuid and /etc/subgid, else ids from {@link #ROOTS_SANDBOX_IDS} that no user has), so the sandbox's
     * root owns nothing of the machine: it cannot write /etc or any file of the machine's root, and every
     * capability stays inside the sandbox's user namespace. Tools that drop root for their own user (tcpdump
     * becomes "tcpdump") work unchanged inside. Written before any command enters it.
     */
    private void mapRootsIds() {
        try {
            Files.writeString(Path.of("/proc/" + holderPid + "/uid_map"), idMap(Path.of("/etc/subuid"), 0));
            Files.writeString(Path.of("/proc/" + holderPid + "/gid_map"), idMap(Path.of("/etc/subgid"), 0));
        } catch (IOException e) {
            throw new LabException("cannot map root's ids into the sandbox's user namespace: " + e.getMessage(), e);
        }
    }

    /** "0 FIRST 65536": the sandbox's ids and where they are outside. */
    static String idMap(Path subordinates, long rootId) {
        long first = SubordinateIds.read(subordinates, "root", rootId)
                .filter(ids -> ids.count() >= SANDBOX_IDS)
                .map(SubordinateIds::start)
                .orElse(ROOTS_SANDBOX_IDS);
        return "0 " + first + " " + SANDBOX_IDS + "\n";
    }

    /**
     * Maps the user's subordinate ids (when newuidmap and /etc/subuid allow) as ids 1..n of the sandbox,
     * so tools that drop root for an unprivileged user, as tcpdump does, work unchanged.
     */
    private static List<String> subordinateMappings() {
        if (!RequiredTool.onPath("newuidmap") || !RequiredTool.onPath("newgidmap")) {
            return List.of();
        }
        String user = System.getProperty("user.name");
        Optional<SubordinateIds> uids = SubordinateIds.read(Path.of("/etc/subuid"), user, CurrentUser.uid());
        Optional<SubordinateIds> gids = SubordinateIds.read(Path.of("/etc/subgid"), user, CurrentUser.gid());
        if (uids.isEmpty() || gids.isEmpty()) {
            return List.of();
        }
        long count = Math.min(65535, Math.min(uids.get().count(), gids.get().count()));
        return List.of(
                "--map-users=" + uids.get().start() + ",1," + count,
                "--map-groups=" + gids.get().start() + ",1," + count,
                "--setgroups",
                "allow");
    }

    private static String whyNoSandbox(String error) {
        String because = UserNamespaceSupport.ofThisMachine().whyForbidden().orElse("unshare said: " + error);
        return "Could not create the sandbox lab host (Linux namespaces for the lab).\n" + because;
    }

    @Override
    protected List<String> wrap(String node, List<String> argv, Mode mode) {
        return concat(enter, inNamespace(node, argv));
    }

    @Override
    public String kind() {
        return "sandbox";
    }

    @Override
    public String description() {
        return describedAs().in("en");
    }

    @Override
    public Wording describedAs() {
        return userNamespace
                ? Phrase.of("host.sandbox.user", System.getProperty("user.name"), holderPid)
                : Phrase.of("host.sandbox.root", holderPid);
    }

    /** The sandbox's PID 1 as seen from this machine; its /proc entry names the sandbox's namespaces. */
    public long holderPid() {
        return holderPid;
    }

    @Override
    public boolean isAlive() {
        return holder.isAlive()
                && ProcessHandle.of(holderPid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void onLost(Runnable action) {
        holder.onEnd(() -> {
            if (!closing) {
                action.run();
            }
        });
    }

    /** End-of-file for the holder: it exits and the kernel tears the whole sandbox down. */
    @Override
    public void close() {
        closing = true;
        holder.closeInput();
        if (holder.await(Duration.ofSeconds(5)).isEmpty()) {
            holder.stop();
        }
    }

    /** The ids of the user running BridgeLab, read from /proc (Java has no getuid). */
    static final class CurrentUser {
        static long uid() {
            return field("Uid:");
        }

        static long gid() {
            return field("Gid:");
        }

        private static long field(String name) {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith(name))
                        .map(line -> Long.parseLong(
                                line.substring(name.length()).strip().split("\\s+")[0]))
                        .findFirst()
                        .orElseThrow();
            } catch (IOException e) {
                throw new LabException("cannot read /proc/self/status", e);
            }
        }
    }
}
