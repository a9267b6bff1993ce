package org.bridgelab.app;

import java.nio.file.Path;
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
                    + " (keys, agent, config)")
    String host = "sandbox";

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "the ssh_config file to use with ssh:DEST")
    Path sshConfig;

    @Option(names = "--yes-change-this-machine", description = "allow --lab-host local to change this machine")
    boolean yes;

    /** @throws IllegalArgumentException for a lab host that cannot be used as given */
    LabHostChoice choice() {
        return LabHostChoice.parse(host, sshConfig, yes);
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
