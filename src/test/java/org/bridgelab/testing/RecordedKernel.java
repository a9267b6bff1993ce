package org.bridgelab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bridgelab.testing.RecordedLabHost.Answer;

/**
 * What a full read of the kernel asks, answered with real output recorded in a sandbox lab (scenarios 1, 3 and
 * 4 built; the files under {@code org/bridgelab/kernel} in the test resources): the host with br0, veth1 and
 * veth3, and a container docker0.
 */
public final class RecordedKernel {
    private RecordedKernel() {}

    /** The answers to every command of a full read. */
    public static Map<String, Answer> fullRead() {
        return Map.ofEntries(
                Map.entry("host: ip -j -d addr show", Answer.printing(fixture("host-addr.json"))),
                Map.entry("host: ip -j route show", Answer.printing("[]")),
                Map.entry("host: ip -j netconf show", Answer.printing(fixture("netconf-forwarding-on.json"))),
                Map.entry("host: iptables-save -c", Answer.printing(fixture("iptables-save-c-s4.txt"))),
                Map.entry("host: bridge -j fdb show", Answer.printing(fixture("bridge-fdb-s4.json"))),
                Map.entry("host: cat /proc/net/nf_conntrack", Answer.printing(fixture("proc-nf-conntrack-s3.txt"))),
                Map.entry(
                        "host: ip -all netns exec ip -j -d addr show",
                        Answer.printing("\nnetns: docker0\n" + fixture("docker0-addr.json"))),
                Map.entry(
                        "host: ip -all netns exec ip -j route show",
                        Answer.printing("\nnetns: docker0\n" + fixture("docker0-route.json"))),
                Map.entry(
                        "host: ip -all netns exec ip -j netconf show",
                        Answer.printing("\nnetns: docker0\n" + fixture("netconf-forwarding-on.json"))),
                Map.entry("host: ip -all netns exec iptables-save -c", Answer.printing("\nnetns: docker0\n\n")),
                Map.entry("docker0: ip -j -d addr show", Answer.printing(fixture("docker0-addr.json"))),
                Map.entry("host: ip -j netns list", Answer.printing(fixture("netns-list.json"))));
    }

    /** A recorded file of the kernel's output. */
    public static String fixture(String name) {
        try (InputStream in = RecordedKernel.class.getResourceAsStream("/org/bridgelab/kernel/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no recorded output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
