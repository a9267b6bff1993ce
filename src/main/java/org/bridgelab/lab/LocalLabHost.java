package org.bridgelab.lab;

import java.util.List;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * This machine itself, as in the tutorial (meant for a throw-away VM): commands run in its real
 * namespaces, as root or through {@code sudo -n}. Opt-in only; see {@link LabHostChoice}.
 */
public final class LocalLabHost extends ArgvLabHost {
    private final List<String> privilege;

    private LocalLabHost(ProcessRunner runner, List<String> privilege) {
        super(runner);
        this.privilege = privilege;
    }

    public static LocalLabHost connect(ProcessRunner runner) {
        List<RequiredTool> missing = RequiredTool.missingLocally();
        if (!missing.isEmpty()) {
            throw new LabException(RequiredTool.explain(missing));
        }
        if (SandboxLabHost.CurrentUser.uid() == 0) {
            return new LocalLabHost(runner, List.of());
        }
        CommandResult sudo = runner.run(List.of("sudo", "-n", "true"), DEFAULT_TIMEOUT);
        if (!sudo.succeeded()) {
            throw new LabException("The local lab host needs root or password-less sudo (sudo -n true said: "
                    + sudo.evidence() + "). Run BridgeLab as root on the VM, or use the sandbox.");
        }
        return new LocalLabHost(runner, List.of("sudo", "-n"));
    }

    @Override
    protected List<String> wrap(String node, List<String> argv, Mode mode) {
        return concat(privilege, inNamespace(node, argv));
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String description() {
        return describedAs().in("en");
    }

    @Override
    public Wording describedAs() {
        return Phrase.of("host.local", privilege.isEmpty() ? "root" : "sudo");
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release: the machine stays
    }
}
