package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.LessonRunner;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole curriculum on one sandbox; after every step the snapshot is compared with the kernel read
 * directly (ip -j, iptables-save, sysctl), and the diff from the previous step is kept to check it names
 * what the step did.
 */
@KernelTest
class TopologyStepsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> changesByStep = new LinkedHashMap<>();
    private static final Map<String, List<String>> mismatchesByStep = new LinkedHashMap<>();
    private static final List<String> SCENARIOS = List.of("s1", "s2", "s3", "s4", "teardown");
    private static RunReport report;

    @BeforeAll
    static void runTheCurriculumSnapshottingEveryStep() {
        try (Lab lab = Lab.open(LabHostChoice.sandbox());
                StateReader reader = new StateReader(lab.host(), new HashSet<>(OutsideWorld.NAMESPACES))) {
            Topology[] previous = {reader.read()};
            RunListener snapshotter = new RunListener() {
                @Override
                public void stepFinished(Lesson lesson, RunReport.StepReport step) {
                    Topology now = reader.read();
                    String key = lesson.id() + "/" + step.id();
                    changesByStep.put(
                            key,
                            TopologyDiff.between(previous[0], now).stream()
                                    .map(Change::description)
                                    .toList());
                    mismatchesByStep.put(key, compareWithTheKernel(lab.host(), now));
                    previous[0] = now;
                }
            };
            // the scenarios and the teardown (the concept lessons build and remove their own small labs first)
            report = new LessonRunner(lab.host(), snapshotter)
                    .run(Curriculum.bundled().withPrerequisites(SCENARIOS));
        }
    }

    @Test
    void every_step_of_every_scenario_passed_and_was_snapshotted() {
        assertThat(report.passed()).isTrue();
        assertThat(changesByStep).hasSize(27);
    }

    @Test
    void after_every_step_the_snapshot_matches_direct_reads_of_the_kernel() {
        assertThat(mismatchesByStep)
                .allSatisfy(
                        (step, mismatches) -> assertThat(mismatches).as(step).isEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "s1/namespaces          | namespace docker0 added",
                "s1/veth-pairs          | veth veth0 added in host (peer veth1 in host)",
                "s1/into-containers     | veth0 moved from host to docker0",
                "s1/into-containers     | veth2 moved from host to docker1",
                "s1/bridge              | bridge br0 added in host",
                "s1/plug-in             | br0 gained port veth1",
                "s1/plug-in             | br0 gained port veth3",
                "s1/container-addresses | address 172.18.0.2/24 added on docker0/veth0",
                "s1/container-addresses | veth0 in docker0 is now UP",
                "s1/host-ends-up        | veth1 in host is now UP",
                "s1/bridge-address      | address 172.18.0.1/24 added on host/br0",
                "s1/bridge-address      | route added in host: 172.18.0.0/24 dev br0",
                "s3/forwarding          | ip_forward in host 0 → 1",
                "s3/default-routes      | route added in docker0: default via 172.18.0.1 dev veth0",
                "s3/masquerade          | rule added in host: nat POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE",
                "s3/ping-outside        | conntrack in host tracks icmp 172.18.0.2 → 198.51.100.10 (replies 198.51.100.10 → 192.0.2.183)",
                "s4/dnat                | rule added in host: nat PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80",
                "s4/fix-output          | rule added in host: nat OUTPUT -d 192.0.2.183/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80",
                "teardown/devices       | bridge br0 removed from host",
                "teardown/rules         | ip_forward in host 1 → 0",
                "teardown/rules         | rule removed in host: nat POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE",
                "teardown/namespaces    | namespace docker0 removed",
            })
    void the_diff_names_what_the_step_changed(String step, String change) {
        assertThat(changesByStep.get(step)).as(step).contains(change);
    }

    @Test
    void a_step_that_only_looks_changes_nothing_in_the_lab() {
        assertThat(changesByStep.get("s1/ping-back"))
                .noneMatch(c -> !c.startsWith("br0 learned") && !c.startsWith("br0 forgot"));
    }

    /** Links, addresses, masters, routes, forwarding and rules of every namespace, read without the StateReader. */
    private static List<String> compareWithTheKernel(LabHost host, Topology snapshot) {
        List<String> mismatches = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(LabHost.HOST));
        readJson(host, "ip", "-j", "netns", "list")
                .forEach(ns -> names.add(ns.path("name").asText()));
        if (!new TreeSet<>(names)
                .equals(new TreeSet<>(snapshot.namespaces().stream()
                        .map(Topology.Namespace::name)
                        .toList()))) {
            mismatches.add("namespaces: kernel " + names + ", snapshot " + snapshot.namespaces());
        }
        for (String name : names) {
            Topology.Namespace ns = snapshot.namespace(name).orElse(null);
            if (ns == null) {
                continue;
            }
            List<String> prefix = name.equals(LabHost.HOST) ? List.of("ip") : List.of("ip", "-n", name);
            TreeSet<String> kernelLinks = new TreeSet<>();
            for (JsonNode link : readJson(host, concat(prefix, "-j", "addr", "show"))) {
                StringBuilder text = new StringBuilder(link.path("ifname").asText() + " master="
                        + link.path("master").asText("-") + " up="
                        + link.path("flags").toString().contains("\"UP\""));
                link.path("addr_info").forEach(a -> {
                    if (a.path("family").asText().equals("inet")) {
                        text.append(' ')
                                .append(a.path("local").asText())
                                .append('/')
                                .append(a.path("prefixlen").asInt());
                    }
                });
                kernelLinks.add(text.toString());
            }
            TreeSet<String> snapshotLinks = new TreeSet<>();
            ns.links()
                    .forEach(l -> snapshotLinks.add(
                            l.name() + " master=" + (l.master() == null ? "-" : l.master()) + " up=" + l.isUp()
                                    + (l.addresses().isEmpty() ? "" : " " + String.join(" ", l.addresses()))));
            if (!kernelLinks.equals(snapshotLinks)) {
                mismatches.add(name + " links: kernel " + kernelLinks + ", snapshot " + snapshotLinks);
            }
            TreeSet<String> kernelRoutes = new TreeSet<>();
            readJson(host, concat(prefix, "-j", "route", "show"))
                    .forEach(r -> kernelRoutes.add(r.path("dst").asText()
                            + (r.hasNonNull("gateway")
                                    ? " via " + r.get("gateway").asText()
                                    : "") + " dev " + r.path("dev").asText()));
            TreeSet<String> snapshotRoutes =
                    new TreeSet<>(ns.routes().stream().map(TopologyDiff::text).toList());
            if (!kernelRoutes.equals(snapshotRoutes)) {
                mismatches.add(name + " routes: kernel " + kernelRoutes + ", snapshot " + snapshotRoutes);
            }
            String forward = host.run(name, "sysctl", "-n", "net.ipv4.ip_forward")
                    .orThrow()
                    .stdout()
                    .strip();
            if (forward.equals("1") != ns.forwarding()) {
                mismatches.add(name + " ip_forward: kernel " + forward + ", snapshot " + ns.forwarding());
            }
            TreeSet<String> kernelRules = new TreeSet<>(host.run(name, "iptables-save")
                    .orThrow()
                    .stdout()
                    .lines()
                    .filter(line -> line.startsWith("-A ") || line.startsWith(":"))
                    .map(line -> line.startsWith(":") ? line.replaceAll(" \\[.*", "") : line)
                    .toList());
            TreeSet<String> snapshotRules = new TreeSet<>();
            ns.iptables()
                    .forEach(t -> t.chains().forEach(c -> {
                        snapshotRules.add(":" + c.name() + " " + (c.policy() == null ? "-" : c.policy()));
                        c.rules().forEach(r -> snapshotRules.add(r.text()));
                    }));
            if (!kernelRules.equals(snapshotRules)) {
                mismatches.add(name + " iptables: kernel " + kernelRules + ", snapshot " + snapshotRules);
            }
        }
        return mismatches;
    }

    private static JsonNode readJson(LabHost host, String... argv) {
        return readJson(host, List.of(argv));
    }

    private static JsonNode readJson(LabHost host, List<String> argv) {
        String out = host.run(LabHost.HOST, argv).orThrow().stdout();
        try {
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> prefix, String... rest) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(rest));
        return all;
    }
}
