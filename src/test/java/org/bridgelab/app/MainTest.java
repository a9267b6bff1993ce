package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bridgelab.app.InProcessCli.bridgelab;

import org.bridgelab.app.InProcessCli.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's shape: help on every command, the completion script, usage errors as exit 2. */
class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"gui", "run", "diagnose", "timeline", "list", "cleanup", "selftest", "completion"})
    void every_command_has_its_own_help(String command) {
        Outcome help = bridgelab(command, "--help");
        Outcome viaHelp = bridgelab("help", command);

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: bridgelab " + command);
        assertThat(viaHelp.stdout()).isEqualTo(help.stdout());
    }

    @Test
    void the_overview_names_every_command() {
        Outcome help = bridgelab("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout())
                .contains(
                        "gui", "run", "diagnose", "timeline", "list", "cleanup", "selftest", "completion", "--verbose");
    }

    @Test
    void the_completion_script_completes_commands_and_their_options() {
        Outcome completion = bridgelab("completion");

        assertThat(completion.exitCode()).isZero();
        assertThat(completion.stdout())
                .contains(
                        "complete -F _complete_bridgelab",
                        "--lesson-file",
                        "--capture",
                        "--lab-host",
                        "--upto",
                        "selftest");
    }

    @Test
    void an_unknown_command_and_an_option_without_its_value_are_usage_errors() {
        Outcome unknown = bridgelab("frobnicate");
        Outcome noValue = bridgelab("run", "s1", "--capture");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr())
                .startsWith("bridgelab: unknown command \"frobnicate\"")
                .contains("Usage: bridgelab");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.stderr())
                .startsWith("bridgelab run: ")
                .contains("--capture")
                .contains("Usage: bridgelab run");
    }

    @Test
    void two_lab_hosts_run_only_a_lesson_with_two_hosts_of_its_own_and_other_commands_take_one() {
        String[] two = {"--lab-host", "ssh:vm-a", "--lab-host", "ssh:vm-b"};
        Outcome s1 = bridgelab(concat(new String[] {"run", "s1"}, two));
        Outcome shell = bridgelab(concat(new String[] {"shell"}, two));

        assertThat(s1.exitCode()).isEqualTo(2);
        assertThat(s1.stderr())
                .contains("2 lab hosts run a lesson with as many hosts of its own (such as overlay); s1 has none");
        Outcome twice = bridgelab("run", "overlay", "--lab-host", "ssh:vm-a", "--lab-host", "ssh:vm-a");
        assertThat(twice.exitCode()).isEqualTo(3);
        assertThat(twice.stderr()).contains("each of a lesson's hosts needs a lab host of its own");
        assertThat(shell.exitCode()).isEqualTo(2);
        assertThat(shell.stderr()).contains("--lab-host is given once here");
    }

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }
}
