package org.bridgelab.lab;

import java.nio.file.Path;

/** Which lab host the learner chose: {@code sandbox} (default), {@code local}, or {@code ssh:DEST}. */
public record LabHostChoice(String kind, String sshDestination, Path sshConfig) {

    public static LabHostChoice sandbox() {
        return new LabHostChoice("sandbox", null, null);
    }

    /**
     * Parses {@code --lab-host}. The real machine is changed only with explicit consent, since the
     * tutorial's setup replaces its firewall policy and adds interfaces, routes and NAT rules.
     */
    public static LabHostChoice parse(String spec, Path sshConfig, boolean consentToChangeThisMachine) {
        if (spec.equals("sandbox")) {
            return sandbox();
        }
        if (spec.equals("local")) {
            if (!consentToChangeThisMachine) {
                throw new IllegalArgumentException("--lab-host local changes this machine's interfaces, routes and "
                        + "iptables rules (use a throw-away VM); add --yes-change-this-machine to go ahead");
            }
            return new LabHostChoice("local", null, null);
        }
        if (spec.startsWith("ssh:") && spec.length() > 4) {
            String destination = spec.substring(4);
            if (destination.startsWith("-")) {
                // ssh would read it as an option (-oProxyCommand=… runs a command on this machine)
                throw new IllegalArgumentException("an SSH destination cannot begin with \"-\": " + destination);
            }
            return new LabHostChoice("ssh", destination, sshConfig);
        }
        throw new IllegalArgumentException("unknown lab host \"" + spec + "\" (sandbox, local or ssh:DEST)");
    }
}
