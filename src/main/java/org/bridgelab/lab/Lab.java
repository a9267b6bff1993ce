package org.bridgelab.lab;

/**
 * A lab ready for the lessons: a connected lab host with the outside world (router, internet server,
 * remote machine) built beside it. Closing it removes what BridgeLab built and releases the host.
 */
public final class Lab implements AutoCloseable {
    /** The host's uplink in the sandbox, where nothing else can be called eth0. */
    static final String SANDBOX_UPLINK = "eth0";
    /** The host's uplink on a real machine, named so that it cannot clash with a real interface. */
    static final String REAL_HOST_UPLINK = "bl-uplink0";

    private final LabHost host;
    private final OutsideWorld world;

    private Lab(LabHost host, OutsideWorld world) {
        this.host = host;
        this.world = world;
    }

    public static Lab open(LabHostChoice choice) {
        ProcessRunner runner = new ProcessRunner();
        LabHost host = switch (choice.kind()) {
            case "sandbox" -> SandboxLabHost.start(runner);
            case "local" -> LocalLabHost.connect(runner);
            case "ssh" -> SshLabHost.connect(runner, choice.sshDestination(), choice.sshConfig());
            default -> throw new IllegalArgumentException(choice.kind());
        };
        try {
            boolean sandbox = host instanceof SandboxLabHost;
            OutsideWorld world = OutsideWorld.build(host, sandbox ? SANDBOX_UPLINK : REAL_HOST_UPLINK, sandbox);
            return new Lab(host, world);
        } catch (LabException e) {
            if (!(host instanceof SandboxLabHost)) {
                OutsideWorld.removeFrom(host);
            }
            host.close();
            throw e;
        }
    }

    public LabHost host() {
        return host;
    }

    public OutsideWorld world() {
        return world;
    }

    @Override
    public void close() {
        try {
            if (host.isAlive() && !(host instanceof SandboxLabHost)) {
                world.remove();
            }
        } finally {
            host.close();
        }
    }
}
