package org.bridgelab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.LabHostChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The lab host options that run, gui and cleanup share. */
final class LabHostOptions {
    @Option(
            names = "--lab-host",
            paramLabel = "sandbox|local|ssh:DEST",
            description = "sandbox (the default): a"
                    + " private sandbox of namespaces, no sudo needed; local: this machine itself (a throw-away VM!), needs"
                    + " root or sudo -n and --yes-change-this-machine; ssh:DEST: a remote lab VM through your OpenSSH client"
                    + " (keys, agent, config). bridgelab run takes it once per host of a lesson whose hosts are machines"
                    + " of their own (overlay: --lab-host ssh:A --lab-host ssh:B)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "the ssh_config file to use with ssh:DEST")
    Path sshConfig;

    @Option(names = "--yes-change-this-machine", description = "allow --lab-host local to change this machine")
    boolean yes;

    /** @throws IllegalArgumentException for a lab host that cannot be used as given */
    LabHostChoice choice() {
        if (hosts.size() > 1) {
            throw new IllegalArgumentException("--lab-host is given once here (twice only for bridgelab run of a lesson"
                    + " whose hosts are machines of their own, such as overlay)");
        }
        return LabHostChoice.parse(hosts.isEmpty() ? "sandbox" : hosts.get(0), sshConfig, yes);
    }

    /** Every lab host given, in order (the sandbox when none is). */
    List<LabHostChoice> choices() {
        if (hosts.isEmpty()) {
            return List.of(LabHostChoice.sandbox());
        }
        return hosts.stream()
                .map(host -> LabHostChoice.parse(host, sshConfig, yes))
                .toList();
    }

    /** The lab host chosen, or the command's usage error saying why it cannot be used as given. */
    LabHostChoice choice(CommandSpec spec) {
        try {
            return choice();
        } catch (IllegalArgumentException e) {
            throw UsageError.of(spec, e.getMessage());
        }
    }
}
