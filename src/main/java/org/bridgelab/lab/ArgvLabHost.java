package org.bridgelab.lab;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab host that reaches its nodes by putting a prefix before the learner's argv: nsenter for the
 * sandbox, sudo for this machine, ssh for a remote one. The three differ only in that prefix.
 */
abstract class ArgvLabHost implements LabHost {
    protected final ProcessRunner runner;

    ArgvLabHost(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The local argv that runs {@code argv} (already stripped of sudo) in {@code node}. */
    protected abstract List<String> wrap(String node, List<String> argv, Mode mode);

    /** How a command will be used, for hosts (SSH) whose transport differs between them. */
    protected enum Mode {
        RUN,
        INTERACTIVE,
        BINARY
    }

    @Override
    public CommandResult run(String node, List<String> argv, Duration timeout) {
        List<String> wrapped = wrap(node, withoutSudo(argv), Mode.RUN);
        CommandResult result = runner.run(wrapped, timeout);
        // report the learner's argv, not our plumbing
        return new CommandResult(argv, result.exitCode(), result.stdout(), result.stderr(), result.elapsed());
    }

    @Override
    public LiveProcess start(String node, List<String> argv, OutputListener listener) {
        return runner.start(wrap(node, withoutSudo(argv), Mode.INTERACTIVE), listener);
    }

    @Override
    public LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr) {
        return runner.startBinary(wrap(node, withoutSudo(argv), Mode.BINARY), stdout, stderr);
    }

    /** The tutorial writes sudo before commands; privileges are the lab host's business. */
    static List<String> withoutSudo(List<String> argv) {
        int first = 0;
        while (first < argv.size() - 1 && argv.get(first).equals("sudo")) {
            first++;
        }
        return argv.subList(first, argv.size());
    }

    /**
     * {@code ip netns exec NODE argv} for a named namespace, argv itself for the host. An {@code ip netns add}
     * or {@code del} run from a namespace (the overlay's hosts make their containers) enters only its network,
     * with {@code nsenter --net}: ip netns exec gives its command mounts of its own, so the name it made or
     * removed would stay there, unseen by the machine, as if the command had done nothing.
     */
    static List<String> inNamespace(String node, List<String> argv) {
        if (HOST.equals(node)) {
            return argv;
        }
        List<String> full = new ArrayList<>(
                namesNamespace(argv)
                        ? List.of("nsenter", "--net=/run/netns/" + node)
                        : List.of("ip", "netns", "exec", node));
        full.addAll(argv);
        return full;
    }

    private static boolean namesNamespace(List<String> argv) {
        return argv.size() > 3
                && argv.get(0).equals("ip")
                && argv.get(1).equals("netns")
                && List.of("add", "del", "delete").contains(argv.get(2));
    }

    static List<String> concat(List<String> prefix, List<String> argv) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        return full;
    }
}
