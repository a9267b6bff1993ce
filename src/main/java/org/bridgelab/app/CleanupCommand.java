package org.bridgelab.app;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHostChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab cleanup --lab-host local|ssh:DEST}: removes from a real lab host what a run cut short left
 * there (what {@code run} also does at its next start), and nothing else. The sandbox leaves nothing behind.
 */
@Command(
        name = "cleanup",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Remove what a run cut short left on a real lab host (run does it too at its next start),"
                    + " nothing else.",
            "Exit 0 when done, 2 for a usage error, 3 if the lab host could not be used."
        })
final class CleanupCommand implements Callable<Integer> {
    @Mixin
    LabHostOptions labHostOptions = new LabHostOptions();

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private LabHostChoice labHost;

    CleanupCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--lab-host")) {
            throw UsageError.of(spec, "give --lab-host local or --lab-host ssh:DEST");
        }
        labHost = labHostOptions.choice(spec);
        return execute(out, err);
    }

    private int execute(PrintStream out, PrintStream err) {
        if ("sandbox".equals(labHost.kind())) {
            out.println("the sandbox leaves nothing behind: its namespaces end with BridgeLab");
            return 0;
        }
        try {
            List<String> removed = Lab.cleanUp(labHost);
            out.println(
                    removed.isEmpty()
                            ? "nothing to remove: no run was cut short on this lab host"
                            : "removed what an interrupted run had left: " + String.join("; ", removed));
            return 0;
        } catch (LabException e) {
            err.println("bridgelab cleanup: " + e.getMessage());
            return 3;
        }
    }
}
