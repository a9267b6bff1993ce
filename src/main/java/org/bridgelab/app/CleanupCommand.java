package org.bridgelab.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHostChoice;

/**
 * {@code bridgelab cleanup --lab-host local|ssh:DEST}: removes from a real lab host what a run cut short left
 * there (what {@code run} also does at its next start), and nothing else. The sandbox leaves nothing behind.
 */
final class CleanupCommand {
    private final LabHostChoice labHost;

    private CleanupCommand(LabHostChoice labHost) {
        this.labHost = labHost;
    }

    static Optional<CleanupCommand> parse(List<String> args, PrintStream err) {
        String host = null;
        Path sshConfig = null;
        boolean yes = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--lab-host" -> host = CliArgs.value(args, ++i, arg);
                    case "--ssh-config" -> sshConfig = Path.of(CliArgs.value(args, ++i, arg));
                    case "--yes-change-this-machine" -> yes = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (host == null) {
                throw new IllegalArgumentException("give --lab-host local or --lab-host ssh:DEST");
            }
            return Optional.of(new CleanupCommand(LabHostChoice.parse(host, sshConfig, yes)));
        } catch (IllegalArgumentException e) {
            err.println("bridgelab cleanup: " + e.getMessage() + "\n");
            err.print(Main.USAGE);
            return Optional.empty();
        }
    }

    int execute(PrintStream out, PrintStream err) {
        if ("sandbox".equals(labHost.kind())) {
            out.println("the sandbox leaves nothing behind: its namespaces end with BridgeLab");
            return 0;
        }
        try {
            List<String> removed = Lab.cleanUp(labHost);
            out.println(removed.isEmpty() ? "nothing to remove: no run was cut short on this lab host"
                    : "removed what an interrupted run had left: " + String.join("; ", removed));
            return 0;
        } catch (LabException e) {
            err.println("bridgelab cleanup: " + e.getMessage());
            return 3;
        }
    }
}
