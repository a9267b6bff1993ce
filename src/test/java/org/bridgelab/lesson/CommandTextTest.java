package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTextTest {

    @Test
    void tutorial_commands_split_into_the_words_a_shell_would_pass() {
        assertThat(CommandText.tokenize("sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE"))
                .containsExactly(
                        "sudo",
                        "iptables",
                        "-t",
                        "nat",
                        "-A",
                        "POSTROUTING",
                        "-s",
                        "172.18.0.0/24",
                        "!",
                        "-o",
                        "br0",
                        "-j",
                        "MASQUERADE");
        assertThat(CommandText.tokenize("sudo iptables -t nat -A PREROUTING  ! -i br0"))
                .containsExactly("sudo", "iptables", "-t", "nat", "-A", "PREROUTING", "!", "-i", "br0");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "echo 'a b'            | echo,a b",
                "echo \"a 'b' c\"      | echo,a 'b' c",
                "echo a\\ b            | echo,a b",
                "echo \"say \\\"hi\\\"\" | echo,say \"hi\"",
                "echo ''               | echo,",
                "ls *                  | ls,*",
            })
    void quotes_group_words_and_nothing_is_expanded(String text, String expected) {
        List<String> words = List.of(expected.split(",", -1));
        assertThat(CommandText.tokenize(text)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "$ ls -l /var/run/netns                     | '$ '",
                "# ip link                                  | '# '",
                "user@host:~$ sudo ip netns add a           | 'user@host:~$ '",
                "root@lab-vm:/tmp# ping -c 1 172.18.0.3     | 'root@lab-vm:/tmp# '",
                "[root@vm ~]# ip a                          | '[root@vm ~]# '",
                "'  $  ip a'                                | '  $  '",
            })
    void a_pasted_prompt_is_found(String text, String prompt) {
        assertThat(CommandText.pastedPrompt(text)).contains(prompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip link", "echo $HOME", "$HOME/bin/tool", "#comment", "$ ", "sudo ip netns exec a ip a"})
    void no_prompt_where_there_is_none(String text) {
        assertThat(CommandText.pastedPrompt(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sudo tcpdump -i br0 -n",
                "nc -lp 80",
                "nc -l -p 80",
                "ping 172.18.0.3",
                "sudo ip netns exec docker0 nc -lp 80",
                "telnet 172.18.0.2 80",
                "ip monitor link",
                "sudo xtables-monitor --trace",
                "conntrack -E"
            })
    void a_command_that_runs_until_stopped_is_recognised(String text) {
        assertThat(CommandText.runsUntilStopped(CommandText.tokenize(text))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tcpdump -c 3 -i br0",
                "ping -c 3 172.18.0.3",
                "nc -z -w 1 192.0.2.183 80",
                "sudo ip netns exec docker0 ping -c 1 172.18.0.3",
                "ip link",
                "iptables -t nat -L",
                "conntrack -L"
            })
    void a_command_that_ends_by_itself_is_not(String text) {
        assertThat(CommandText.runsUntilStopped(CommandText.tokenize(text))).isFalse();
    }

    @Test
    void a_nul_is_refused_with_where_it_is() {
        assertThatThrownBy(() -> CommandText.tokenize("echo a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a NUL character (at position 7) cannot be part of a command");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "iptables-save | grep nat",
                "echo hi > /etc/passwd",
                "a; b",
                "a && b",
                "echo $(id)",
                "echo `id`",
                "echo $HOME",
                "echo \"$HOME\"",
                "sleep 1 &"
            })
    void shell_syntax_is_refused_with_a_reason(String text) {
        assertThatThrownBy(() -> CommandText.tokenize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
    }

    @ParameterizedTest
    @CsvSource({
        "'echo \"open', unclosed double quote",
        "'echo ''open', unclosed single quote",
        "'   ', empty command",
        "'echo \\', lone backslash"
    })
    void malformed_text_is_refused(String text, String problem) {
        assertThatThrownBy(() -> CommandText.tokenize(text)).hasMessageContaining(problem);
    }

    @Test
    void an_apt_install_names_its_packages_and_other_apt_commands_are_not_installs() {
        assertThat(CommandText.packagesInstalled(
                        CommandText.tokenize("sudo apt-get install -y bridge-utils net-tools")))
                .contains(java.util.List.of("bridge-utils", "net-tools"));
        assertThat(CommandText.packagesInstalled(CommandText.tokenize("apt install tcpdump")))
                .contains(java.util.List.of("tcpdump"));
        assertThat(CommandText.packagesInstalled(CommandText.tokenize("apt-get update")))
                .isEmpty();
        assertThat(CommandText.packagesInstalled(CommandText.tokenize("ip link")))
                .isEmpty();
    }
}
