package org.bridgelab.lab;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two (or more) lab hosts in one lab, for a lesson whose hosts are machines of their own (the overlay's hosta
 * and hostb): each lesson host is a namespace of that name on its own lab host, and a node is reached on the
 * lab host that holds it: a lesson host on its own, any other namespace (a container the lesson made from its
 * host) on whichever lab host lists it. There is no one machine behind them all, so nothing runs in
 * {@link #HOST}: a command must name the host it runs on.
 */
public final class JoinedLabHost implements LabHost {
    private final Map<String, LabHost> members;
    /** Which member holds a namespace that is no lesson host, as last listed. */
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    /** {@code members}: each lesson host's name and the lab host it lives on, in the lesson's order. */
    public JoinedLabHost(Map<String, LabHost> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a joined lab has two lab hosts or more: " + members.keySet());
        }
        this.members = new LinkedHashMap<>(members);
    }

    /** Each lesson host's name and its lab host. */
    public Map<String, LabHost> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    /** The lesson hosts, in order. */
    public List<String> hosts() {
        return List.copyOf(members.keySet());
    }

    @Override
    public String kind() {
        return "joined";
    }

    @Override
    public String description() {
        List<String> each = new ArrayList<>();
        members.forEach((host, lab) -> each.add(host + " on " + lab.description()));
        return String.join(", ", each);
    }

    @Override
    public CommandResult run(String node, List<String> argv, Duration timeout) {
        CommandResult result = holderOf(node).run(node, argv, timeout);
        if (namesNamespace(argv)) {
            // a container made or removed: where it lives is listed again when next asked
            holders.clear();
        }
        return result;
    }

    @Override
    public LiveProcess start(String node, List<String> argv, OutputListener listener) {
        return holderOf(node).start(node, argv, listener);
    }

    @Override
    public LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr) {
        return holderOf(node).startBinary(node, argv, stdout, stderr);
    }

    @Override
    public boolean isAlive() {
        return members.values().stream().allMatch(LabHost::isAlive);
    }

    @Override
    public void onLost(Runnable action) {
        members.values().forEach(lab -> lab.onLost(action));
    }

    @Override
    public void close() {
        members.values().forEach(LabHost::close);
    }

    /** The lab host {@code node} lives on. */
    LabHost holderOf(String node) {
        if (HOST.equals(node)) {
            throw new LabException("this lab joins " + String.join(" and ", members.keySet())
                    + ", each on a lab host of its own: a command must name the host it runs on");
        }
        LabHost own = members.get(node);
        if (own != null) {
            return own;
        }
        String holder = holders.get(node);
        if (holder == null) {
            holder = listedOn(node)
                    .orElseThrow(() -> new LabException(
                            "no namespace " + node + " on " + String.join(" or ", members.keySet()) + "'s lab host"));
            holders.put(node, holder);
        }
        return members.get(holder);
    }

    private Optional<String> listedOn(String namespace) {
        for (Map.Entry<String, LabHost> member : members.entrySet()) {
            boolean listed = member.getValue()
                    .run(HOST, List.of("ip", "netns", "list"))
                    .stdout()
                    .lines()
                    .anyMatch(line -> line.split(" ")[0].equals(namespace));
            if (listed) {
                return Optional.of(member.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean namesNamespace(List<String> argv) {
        List<String> command = ArgvLabHost.withoutSudo(argv);
        return command.size() > 2
                && command.get(0).equals("ip")
                && command.get(1).equals("netns")
                && !command.get(2).equals("exec");
    }
}
