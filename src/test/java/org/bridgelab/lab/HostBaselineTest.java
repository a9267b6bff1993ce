package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bridgelab.testing.TemporaryStateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real lab host's state before BridgeLab, as read from iptables-save and kept on this machine. */
class HostBaselineTest {
    @RegisterExtension
    final TemporaryStateDirectory state = new TemporaryStateDirectory();

    @Test
    void iptables_save_gives_each_tables_chains_with_policies_and_its_rules() throws IOException {
        // recorded in the sandbox with s4 built
        Map<String, List<String>> tables = HostBaseline.iptablesSave(saved(fixture("iptables-save-plain.txt")));

        assertThat(tables.get("filter")).containsExactly(":INPUT ACCEPT", ":FORWARD ACCEPT", ":OUTPUT ACCEPT");
        assertThat(tables.get("nat"))
                .contains(
                        ":POSTROUTING ACCEPT",
                        "-A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80",
                        "-A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE");
    }

    @Test
    void a_rules_words_keep_their_quotes_together() {
        assertThat(HostBaseline.words("-A INPUT -m comment --comment \"a \\\"b\\\" c\" -j ACCEPT"))
                .containsExactly("-A", "INPUT", "-m", "comment", "--comment", "a \"b\" c", "-j", "ACCEPT");
        assertThat(HostBaseline.words(":DOCKER - [0:0]")).containsExactly(":DOCKER", "-", "[0:0]");
    }

    @Test
    void a_baseline_is_kept_per_lab_host_and_read_back() {
        HostBaseline baseline = new HostBaseline(
                List.of("mine"),
                List.of("lo", "eth0"),
                Map.of("filter", List.of(":FORWARD DROP", "-A FORWARD -j ACCEPT")),
                "0");
        BaselineFile file = BaselineFile.of(new LabHostChoice("ssh", "alice@lab-vm", null));

        file.save(baseline);

        assertThat(file.path()).isEqualTo(state.path().resolve("lab-hosts/ssh-alice@lab-vm.json"));
        assertThat(file.load()).contains(baseline);
        file.delete();
        assertThat(file.load()).isEmpty();
    }

    @Test
    void a_damaged_record_is_set_aside_and_said_never_acted_on() throws IOException {
        BaselineFile file = BaselineFile.of(new LabHostChoice("local", null, null));
        Files.createDirectories(file.path().getParent());
        Files.writeString(file.path(), "{\"namespaces\": [\"router\"");

        assertThatThrownBy(file::load)
                .isInstanceOf(LabException.class)
                .hasMessageContaining("cannot be read, so nothing was removed")
                .hasMessageContaining(file.path() + ".damaged");
        assertThat(file.path().resolveSibling(file.path().getFileName() + ".damaged"))
                .exists();
        assertThat(file.path()).doesNotExist();
    }

    @Test
    void what_appeared_is_removed_except_what_someone_else_added_to_their_own_bridge_or_chain() {
        // given: before the run, a Docker host: docker0, its DOCKER chain, FORWARD DROP, no forwarding
        HostBaseline before = new HostBaseline(
                List.of(),
                List.of("lo", "eth0", "docker0"),
                Map.of(
                        "filter",
                        List.of(
                                ":INPUT ACCEPT",
                                ":FORWARD DROP",
                                ":OUTPUT ACCEPT",
                                ":DOCKER -",
                                "-A FORWARD -j DOCKER")),
                "0");
        // and now: the lab's namespace, br0 with veth1, a container Docker started meanwhile (vethd0c on docker0,
        // its rule in DOCKER), the lessons' FORWARD rule, their DOCKER-USER chain, FORWARD ACCEPT, forwarding on
        FakeHost host = new FakeHost();
        host.answer("ip -j netns list", "[{\"name\":\"docker1\"}]");
        host.answer(
                "ip -j link show",
                "[{\"ifname\":\"lo\"},{\"ifname\":\"eth0\"},{\"ifname\":\"docker0\"},"
                        + "{\"ifname\":\"br0\"},{\"ifname\":\"veth1\",\"master\":\"br0\"},{\"ifname\":\"vethd0c\",\"master\":\"docker0\"}]");
        host.answer(
                "iptables-save",
                String.join(
                        "\n",
                        "*filter",
                        ":INPUT ACCEPT [0:0]",
                        ":FORWARD ACCEPT [3:252]",
                        ":OUTPUT ACCEPT [0:0]",
                        ":DOCKER - [0:0]",
                        ":DOCKER-USER - [0:0]",
                        "-A FORWARD -j DOCKER",
                        "-A FORWARD -i br0 -j ACCEPT",
                        "-A DOCKER -d 172.17.0.2/32 -p tcp -j ACCEPT",
                        "-A DOCKER-USER -j RETURN",
                        "COMMIT",
                        ""));
        host.answer("sysctl -n net.ipv4.ip_forward", "1\n");

        // when:
        List<String> done = before.undoOn(host);

        // then:
        assertThat(host.ran)
                .contains(
                        "ip netns del docker1",
                        "ip link del br0",
                        "ip link del veth1",
                        "iptables -t filter -D FORWARD -i br0 -j ACCEPT",
                        "iptables -t filter -D DOCKER-USER -j RETURN",
                        "iptables -t filter -X DOCKER-USER",
                        "iptables -t filter -P FORWARD DROP",
                        "sysctl -q -w net.ipv4.ip_forward=0");
        assertThat(host.ran)
                .noneMatch(command -> command.contains("vethd0c")
                        || command.contains("172.17.0.2")
                        || command.equals("iptables -t filter -X DOCKER")
                        || command.contains("-D FORWARD -j DOCKER"));
        assertThat(done)
                .contains(
                        "namespace docker1",
                        "interface br0",
                        "chain filter DOCKER-USER",
                        "policy of filter FORWARD back to DROP",
                        "ip_forward back to 0");
    }

    /** A lab host that answers reads from canned output and notes every other command as run. */
    private static final class FakeHost implements LabHost {
        final java.util.List<String> ran = new java.util.ArrayList<>();
        private final java.util.Map<String, String> answers = new java.util.HashMap<>();

        void answer(String command, String stdout) {
            answers.put(command, stdout);
        }

        @Override
        public CommandResult run(String node, List<String> argv, Duration timeout) {
            String command = String.join(" ", argv);
            String stdout = answers.get(command);
            if (stdout == null) {
                ran.add(command);
            }
            return new CommandResult(argv, 0, stdout == null ? "" : stdout, "", Duration.ZERO);
        }

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public LiveProcess start(String node, List<String> argv, OutputListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LiveProcess startBinary(
                String node, List<String> argv, java.io.OutputStream stdout, OutputListener stderr) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static CommandResult saved(String text) {
        return new CommandResult(List.of("iptables-save"), 0, text, "", Duration.ZERO);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = HostBaselineTest.class.getResourceAsStream("/org/bridgelab/kernel/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
