package org.bridgelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabHostArgvTest {

    @Test
    void sudo_is_the_lab_hosts_business() {
        assertThat(ArgvLabHost.withoutSudo(List.of("sudo", "ip", "netns", "add", "docker0")))
                .containsExactly("ip", "netns", "add", "docker0");
        assertThat(ArgvLabHost.withoutSudo(List.of("ip", "link"))).containsExactly("ip", "link");
        assertThat(ArgvLabHost.withoutSudo(List.of("sudo"))).containsExactly("sudo");
    }

    @Test
    void a_named_namespace_is_entered_with_ip_netns_exec() {
        assertThat(ArgvLabHost.inNamespace("docker0", List.of("ping", "-c", "1", "172.18.0.3")))
                .containsExactly("ip", "netns", "exec", "docker0", "ping", "-c", "1", "172.18.0.3");
        assertThat(ArgvLabHost.inNamespace(LabHost.HOST, List.of("ip", "link"))).containsExactly("ip", "link");
    }

    @Test
    void a_namespace_made_or_removed_from_a_namespace_is_the_machines_so_only_the_network_is_entered() {
        assertThat(ArgvLabHost.inNamespace("hosta", List.of("ip", "netns", "add", "ca")))
                .containsExactly("nsenter", "--net=/run/netns/hosta", "ip", "netns", "add", "ca");
        assertThat(ArgvLabHost.inNamespace("hosta", List.of("ip", "netns", "del", "ca")))
                .containsExactly("nsenter", "--net=/run/netns/hosta", "ip", "netns", "del", "ca");
        assertThat(ArgvLabHost.inNamespace("hosta", List.of("ip", "netns", "exec", "ca", "ping", "10.0.0.3")))
                .startsWith("ip", "netns", "exec", "hosta", "ip", "netns", "exec", "ca");
    }

    @Test
    void ssh_quotes_every_word_so_the_remote_shell_expands_nothing() {
        assertThat(SshLabHost.quote(List.of("echo", "$(id)", "it's", "a b", "!", "*")))
                .isEqualTo("'echo' '$(id)' 'it'\\''s' 'a b' '!' '*'");
    }

    @Test
    void ssh_never_reads_the_destination_or_the_command_as_options() {
        assertThat(SshLabHost.sshArgv(List.of("ssh", "-F", "cfg"), false, "labvm", "'ip' 'link'"))
                .containsExactly("ssh", "-F", "cfg", "-T", "--", "labvm", "'ip' 'link'");
        assertThat(SshLabHost.sshArgv(List.of("ssh"), true, "labvm", "'tcpdump'"))
                .containsSubsequence("-tt", "--", "labvm");
    }

    @Test
    void the_sandbox_has_its_own_user_uts_and_ipc_namespace_also_for_root() {
        // for root too: without a user namespace, root in the sandbox could enter the real host's namespaces
        assertThat(SandboxLabHost.holderArgv(true))
                .containsExactly(
                        "unshare",
                        "--user",
                        "--net",
                        "--mount",
                        "--pid",
                        "--uts",
                        "--ipc",
                        "--fork",
                        "--kill-child",
                        "--mount-proc",
                        "cat");
        assertThat(SandboxLabHost.holderArgv(false))
                .startsWith("unshare", "--user", "--map-root-user")
                .contains("--uts", "--ipc")
                .endsWith("cat");
    }

    @Test
    void roots_sandbox_ids_are_unprivileged_ids_outside(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path none = dir.resolve("subuid-without-root");
        java.nio.file.Files.writeString(none, "alice:100000:65536\n");
        java.nio.file.Path granted = dir.resolve("subuid-with-root");
        java.nio.file.Files.writeString(granted, "alice:100000:65536\nroot:300000:65536\n");
        java.nio.file.Path tooFew = dir.resolve("subuid-with-a-small-range");
        java.nio.file.Files.writeString(tooFew, "root:300000:1000\n");

        assertThat(SandboxLabHost.idMap(none, 0)).isEqualTo("0 2000000000 65536\n");
        assertThat(SandboxLabHost.idMap(granted, 0)).isEqualTo("0 300000 65536\n");
        assertThat(SandboxLabHost.idMap(tooFew, 0)).isEqualTo("0 2000000000 65536\n");
        assertThat(SandboxLabHost.idMap(dir.resolve("missing"), 0)).isEqualTo("0 2000000000 65536\n");
    }

    @Test
    void subordinate_ids_are_found_by_name_or_uid_and_malformed_lines_skipped() {
        List<String> lines = List.of("alice:100000:65536", "bob:x:1", "1001:200000:1000", "carol:300000:0");

        assertThat(SubordinateIds.find(lines, "alice", 1000)).contains(new SubordinateIds(100000, 65536));
        assertThat(SubordinateIds.find(lines, "dave", 1001)).contains(new SubordinateIds(200000, 1000));
        assertThat(SubordinateIds.find(lines, "bob", 1002)).isEmpty();
        assertThat(SubordinateIds.find(lines, "carol", 1003)).isEmpty();
    }

    @Test
    void forbidden_user_namespaces_are_explained_with_the_fix() {
        assertThat(support(Map.of("kernel.apparmor_restrict_unprivileged_userns", "1"))
                        .whyForbidden())
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("AppArmor")
                        .contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"));
        assertThat(support(Map.of("kernel.unprivileged_userns_clone", "0")).whyForbidden())
                .hasValueSatisfying(text -> assertThat(text).contains("kernel.unprivileged_userns_clone=1"));
        assertThat(support(Map.of("user.max_user_namespaces", "0")).whyForbidden())
                .hasValueSatisfying(text -> assertThat(text).contains("user.max_user_namespaces=15000"));
        assertThat(support(Map.of("kernel.unprivileged_userns_clone", "1", "user.max_user_namespaces", "9000"))
                        .whyForbidden())
                .isEmpty();
    }

    @Test
    void missing_tools_are_named_with_their_package() {
        assertThat(RequiredTool.explain(List.of(RequiredTool.TCPDUMP, RequiredTool.NSENTER, RequiredTool.UNSHARE)))
                .contains("tcpdump  (package tcpdump)", "nsenter  (package util-linux)")
                .endsWith("sudo apt-get install tcpdump util-linux");
    }

    private static UserNamespaceSupport support(Map<String, String> sysctls) {
        return new UserNamespaceSupport(name -> Optional.ofNullable(sysctls.get(name)));
    }

    @Test
    void an_ssh_destination_that_ssh_would_read_as_an_option_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LabHostChoice.parse("ssh:-oProxyCommand=touch /tmp/x", null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot begin with \"-\"");
        assertThat(LabHostChoice.parse("ssh:lab@vm1", null, false).toString()).contains("lab@vm1");
    }
}
