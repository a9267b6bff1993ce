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
        assertThat(tables.get("nat")).contains(":POSTROUTING ACCEPT",
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
        HostBaseline baseline = new HostBaseline(List.of("mine"), List.of("lo", "eth0"),
                Map.of("filter", List.of(":FORWARD DROP", "-A FORWARD -j ACCEPT")), "0");
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

        assertThatThrownBy(file::load).isInstanceOf(LabException.class)
                .hasMessageContaining("cannot be read, so nothing was removed")
                .hasMessageContaining(file.path() + ".damaged");
        assertThat(file.path().resolveSibling(file.path().getFileName() + ".damaged")).exists();
        assertThat(file.path()).doesNotExist();
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
