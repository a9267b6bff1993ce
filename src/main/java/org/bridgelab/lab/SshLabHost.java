package org.bridgelab.lab;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * A remote lab VM reached with the learner's own OpenSSH client (their ~/.ssh/config, keys, agent and
 * known_hosts). Commands run in the VM's real namespaces, as root or through {@code sudo -n}. The remote
 * side always hands a command line to the login shell, so every argv element is single-quoted: the words
 * arrive exactly as given, nothing is expanded.
 */
public final class SshLabHost extends ArgvLabHost {
    private final List<String> ssh;
    private final String destination;
    private final List<String> privilege;
    /** A session held open only to learn that the link is gone (see {@link #onLost}); null until asked. */
    private LiveProcess link;

    private volatile boolean closing;

    private SshLabHost(ProcessRunner runner, List<String> ssh, String destination, List<String> privilege) {
        super(runner);
        this.ssh = ssh;
        this.destination = destination;
        this.privilege = privilege;
    }

    public static SshLabHost connect(ProcessRunner runner, String destination, Path config) {
        List<String> ssh = new ArrayList<>(List.of(
                // the ssh client dies with BridgeLab, even with kill -9: a session with a terminal ignores the
                // end of its input, so it would otherwise keep its remote command (a lesson's tcpdump) running
                // for ever; setpriv is util-linux's, like unshare and nsenter
                "setpriv",
                "--pdeathsig",
                "KILL",
                "--",
                "ssh",
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=10",
                // a link that dies silently (a cable, a suspended VM) is noticed within 15 s, not never
                "-o",
                "ServerAliveInterval=5",
                "-o",
                "ServerAliveCountMax=3"));
        if (config != null) {
            ssh.addAll(List.of("-F", config.toString()));
        }
        SshLabHost probe = new SshLabHost(runner, List.copyOf(ssh), destination, List.of());
        CommandResult id = probe.run(HOST, List.of("id", "-u"), DEFAULT_TIMEOUT);
        if (!id.succeeded()) {
            throw new LabException("Cannot reach the lab VM " + destination + " over SSH: " + id.evidence());
        }
        if (id.stdout().strip().equals("0")) {
            return probe;
        }
        SshLabHost withSudo = new SshLabHost(runner, List.copyOf(ssh), destination, List.of("sudo", "-n"));
        CommandResult sudo = withSudo.run(HOST, List.of("true"), DEFAULT_TIMEOUT);
        if (!sudo.succeeded()) {
            throw new LabException(
                    "The lab VM " + destination + " needs root or password-less sudo: " + sudo.evidence());
        }
        return withSudo;
    }

    /**
     * Binary output (a pcap stream) cannot pass through a terminal, so such a command has no hang-up to end it
     * with the connection: without this it would run on until its next write fails, which on a quiet interface
     * is never. This fixed script (the command itself stays in "$@", never in the script) ends it when ssh's
     * stdin reaches end-of-file: when BridgeLab stops it, is killed, or the link drops. It is the one piece of
     * shell BridgeLab writes, and only for the remote side, where SSH hands every command line to a shell anyway:
     * constant text, the command's words passed to it as arguments, each quoted as every SSH command's are. (A command run in the
     * background reads /dev/null, not stdin: the watcher reads it through a copy on descriptor 3.)
     */
    static final String END_WITH_THE_CONNECTION = "exec 3<&0; \"$@\" 3<&- & command=$!; "
            + "{ cat <&3 >/dev/null; kill $command; } >/dev/null 2>&1 & watcher=$!; exec 3<&-; "
            + "wait $command; status=$?; kill $watcher 2>/dev/null; exit $status";

    @Override
    protected List<String> wrap(String node, List<String> argv, Mode mode) {
        List<String> remote = inNamespace(node, argv);
        if (mode == Mode.BINARY) {
            remote = concat(List.of("sh", "-c", END_WITH_THE_CONNECTION, "sh"), remote);
        }
        return sshArgv(ssh, mode == Mode.INTERACTIVE, destination, quote(concat(privilege, remote)));
    }

    /**
     * ssh's argv: a terminal for interactive commands, so that ending the session hangs them up on the VM too;
     * "--" before the destination, so that ssh never reads it as an option (it is also refused if it begins
     * with "-"). After "--" ssh reads no more options: what follows the destination is the remote command,
     * one word that begins with a quote.
     */
    static List<String> sshArgv(List<String> ssh, boolean interactive, String destination, String remoteCommand) {
        List<String> full = new ArrayList<>(ssh);
        full.add(interactive ? "-tt" : "-T");
        full.add("--");
        full.add(destination);
        full.add(remoteCommand);
        return full;
    }

    /** Each word single-quoted for the remote shell, so that it arrives unchanged. */
    static String quote(List<String> argv) {
        return argv.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    @Override
    public CommandResult run(String node, List<String> argv, Duration timeout) {
        CommandResult result = super.run(node, argv, timeout);
        if (result.exitCode() == 255) {
            // ssh's own failure, not the command's: the connection is gone
            return new CommandResult(
                    result.argv(),
                    255,
                    result.stdout(),
                    "lost the SSH connection to " + destination + ": " + result.stderr(),
                    result.elapsed());
        }
        return result;
    }

    @Override
    public String kind() {
        return "ssh";
    }

    @Override
    public String description() {
        return describedAs().in("en");
    }

    @Override
    public Wording describedAs() {
        return Phrase.of("host.ssh", destination, privilege.isEmpty() ? "root" : "sudo");
    }

    @Override
    public boolean isAlive() {
        return super.run(HOST, List.of("true"), Duration.ofSeconds(10)).succeeded();
    }

    /**
     * Each command is its own SSH session, so a lost link shows only when a command fails; for a window that
     * should say so at once, one more session stays open doing nothing ({@code cat}, waiting for an input that
     * never comes): its end, unless BridgeLab closed it, is the link's.
     */
    @Override
    public synchronized void onLost(Runnable action) {
        if (link == null) {
            link = runner.startBinary(
                    sshArgv(ssh, false, destination, quote(List.of("cat"))),
                    OutputStream.nullOutputStream(),
                    (stream, line) -> {});
        }
        link.onEnd(() -> {
            if (!closing) {
                action.run();
            }
        });
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (link != null) {
            link.stop();
        }
    }
}
