package org.bridgelab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** On a real lab host, where its state before BridgeLab is kept; null for the sandbox. */
    private final BaselineFile baselineFile;

    private final HostBaseline baseline;
    private final List<String> recovered;
    private final List<PreFlight.Finding> findings;
    /** A joined lab's own labs, one per lab host, each closed with it; none for one lab host. */
    private final List<Lab> members;

    private Lab(
            LabHost host,
            OutsideWorld world,
            BaselineFile baselineFile,
            HostBaseline baseline,
            List<String> recovered,
            List<PreFlight.Finding> findings,
            List<Lab> members) {
        this.members = List.copyOf(members);
        this.host = host;
        this.world = world;
        this.baselineFile = baselineFile;
        this.baseline = baseline;
        this.recovered = List.copyOf(recovered);
        this.findings = List.copyOf(findings);
    }

    /**
     * Connects to the lab host and builds the outside world. On a real lab host it first removes what a run
     * cut short left there (see {@link #recovered()}), then notes the host's state (a {@link HostBaseline},
     * kept on this machine) before building anything, so that closing can remove all that BridgeLab and the
     * lessons made, and only that.
     */
    public static Lab open(LabHostChoice choice) {
        LabHost host = connect(choice);
        if (host instanceof SandboxLabHost) {
            try {
                return new Lab(
                        host,
                        OutsideWorld.build(host, SANDBOX_UPLINK, true),
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of());
            } catch (LabException e) {
                host.close();
                throw e;
            }
        }
        BaselineFile file = BaselineFile.of(choice);
        HostBaseline baseline = null;
        try {
            List<String> recovered = file.load().map(left -> left.undoOn(host)).orElse(List.of());
            // what of the machine's own setup changes the lessons, seen before the lab adds to it
            List<PreFlight.Finding> findings = PreFlight.check(host);
            baseline = HostBaseline.read(host);
            file.save(baseline);
            return new Lab(
                    host,
                    OutsideWorld.build(host, REAL_HOST_UPLINK, false),
                    file,
                    baseline,
                    recovered,
                    findings,
                    List.of());
        } catch (LabException e) {
            if (baseline != null && host.isAlive()) {
                baseline.undoOn(host);
                file.delete();
            }
            host.close();
            throw e;
        }
    }

    /**
     * A lab on a host whose outside world is there already, as in the sandbox (a lab host recorded for a test,
     * or one a caller built itself): nothing is built, and closing only releases the host.
     */
    public static Lab attached(LabHost host) {
        return new Lab(
                host, OutsideWorld.alreadyThere(host, SANDBOX_UPLINK), null, null, List.of(), List.of(), List.of());
    }

    /**
     * A lab for a lesson whose hosts are machines of their own ({@code hosts}, such as the overlay's hosta and
     * hostb), each on a real lab host of its own ({@code choices}, in the same order): on each, after noting its
     * state as {@link #open} does, the lab builds its host ({@link Underlay}); no outside world. Closing it
     * removes what was built on each and releases them.
     */
    public static Lab joined(List<String> hosts, List<LabHostChoice> choices) {
        if (hosts.size() != choices.size() || hosts.size() < 2) {
            throw new IllegalArgumentException("a lesson with " + hosts.size() + " hosts " + hosts + " cannot run on "
                    + choices.size() + " lab hosts");
        }
        if (new java.util.HashSet<>(choices).size() < choices.size()) {
            throw new LabException("each of a lesson's hosts needs a lab host of its own, not the same one twice");
        }
        List<Lab> members = new ArrayList<>();
        try {
            Map<String, LabHost> joined = new LinkedHashMap<>();
            for (int i = 0; i < hosts.size(); i++) {
                if ("sandbox".equals(choices.get(i).kind())) {
                    throw new LabException(
                            "two sandboxes share no network: give lab hosts that do (ssh:DEST, or local for one)");
                }
                Lab member = openWithout(choices.get(i));
                members.add(member);
                joined.put(hosts.get(i), member.host());
            }
            Underlay.join(joined);
            List<String> recovered = new ArrayList<>();
            List<PreFlight.Finding> findings = new ArrayList<>();
            members.forEach(member -> {
                recovered.addAll(member.recovered());
                findings.addAll(member.findings());
            });
            JoinedLabHost host = new JoinedLabHost(joined);
            return new Lab(
                    host, OutsideWorld.alreadyThere(host, SANDBOX_UPLINK), null, null, recovered, findings, members);
        } catch (RuntimeException e) {
            members.forEach(Lab::close);
            throw e;
        }
    }

    /** A real lab host, its state noted (what a cut-short run left removed first), nothing built. */
    private static Lab openWithout(LabHostChoice choice) {
        LabHost host = connect(choice);
        BaselineFile file = BaselineFile.of(choice);
        try {
            List<String> recovered = file.load().map(left -> left.undoOn(host)).orElse(List.of());
            HostBaseline baseline = HostBaseline.read(host);
            file.save(baseline);
            return new Lab(
                    host,
                    OutsideWorld.alreadyThere(host, REAL_HOST_UPLINK),
                    file,
                    baseline,
                    recovered,
                    List.of(),
                    List.of());
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private static LabHost connect(LabHostChoice choice) {
        ProcessRunner runner = new ProcessRunner();
        return switch (choice.kind()) {
            case "sandbox" -> SandboxLabHost.start(runner);
            case "local" -> LocalLabHost.connect(runner);
            case "ssh" -> SshLabHost.connect(runner, choice.sshDestination(), choice.sshConfig());
            default -> throw new IllegalArgumentException(choice.kind());
        };
    }

    /**
     * What this open removed from the lab host that a run cut short had left there (namespaces, interfaces,
     * rules, chains, policies and forwarding put back), one phrase each; empty if nothing was left.
     */
    public List<String> recovered() {
        return recovered;
    }

    /**
     * Removes from a real lab host what a run cut short left there, as {@link #open} would first, without
     * building anything; returns what it removed (empty when no run was cut short there).
     */
    public static List<String> cleanUp(LabHostChoice choice) {
        if ("sandbox".equals(choice.kind())) {
            return List.of();
        }
        BaselineFile file = BaselineFile.of(choice);
        java.util.Optional<HostBaseline> left = file.load();
        if (left.isEmpty()) {
            return List.of();
        }
        LabHost host = connect(choice);
        try {
            List<String> removed = left.get().undoOn(host);
            file.delete();
            return removed;
        } finally {
            host.close();
        }
    }

    /** On a real lab host, what the pre-flight check found before the lab was built there; none for the sandbox. */
    public List<PreFlight.Finding> findings() {
        return findings;
    }

    /** One line for the learner about what {@link #recovered()} holds. */
    public static String recoveredMessage(Lab lab) {
        return "removed what an interrupted run had left on " + lab.host().description() + ": "
                + String.join("; ", lab.recovered());
    }

    public LabHost host() {
        return host;
    }

    public OutsideWorld world() {
        return world;
    }

    /**
     * Removes what BridgeLab and the lessons built on a real lab host and releases the host. A host that is
     * gone (SSH dropped) keeps its baseline file, so the next open cleans up.
     */
    @Override
    public void close() {
        if (!members.isEmpty()) {
            // each member removes what was built on its own lab host and releases it, whatever another one did
            RuntimeException first = null;
            for (Lab member : members) {
                try {
                    member.close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
            return;
        }
        try {
            if (baseline != null && host.isAlive()) {
                baseline.undoOn(host);
                baselineFile.delete();
            }
        } finally {
            host.close();
        }
    }
}
