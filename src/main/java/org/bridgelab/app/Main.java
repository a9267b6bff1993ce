package org.bridgelab.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code bridgelab} (the window), {@code bridgelab run …} for instructors and CI,
 * {@code diagnose}, {@code timeline} for a capture file, {@code list}, {@code cleanup}, {@code selftest},
 * {@code completion}, {@code help}. Each subcommand is a picocli command with its own {@code --help}; a
 * usage error is exit 2 with the command's usage.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        List<String> rest = LogSetup.configure(Arrays.asList(args));
        System.exit(run(rest, System.out, System.err));
    }

    /**
     * Runs a command. What it prints for a person goes through {@link TerminalSafe}: lesson texts and command
     * output are someone else's bytes. JSON output ({@code --json}) stays as Jackson wrote it, which escapes
     * control characters itself.
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        PrintStream safeErr = TerminalSafe.wrap(err);
        CommandLine command = commandLine(args.contains("--json") ? out : TerminalSafe.wrap(out), safeErr);
        int exitCode = command.execute(args.toArray(String[]::new));
        command.getOut().flush();
        command.getErr().flush();
        return exitCode;
    }

    /** Every command, printing to these streams. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new BridgeLab(err))
                .addSubcommand(new GuiCommand(err))
                .addSubcommand(new RunCommand(out, err))
                .addSubcommand(new DiagnoseCommand(out, err))
                .addSubcommand(new TimelineCommand(err))
                .addSubcommand(new ReportCommand(out, err))
                .addSubcommand(new ListCommand(out, err))
                .addSubcommand(new CleanupCommand(out, err))
                .addSubcommand(new SelftestCommand(out, err))
                .addSubcommand(new ShellCommand(System.in, out, err))
                .addSubcommand(new Completion(out))
                .addSubcommand(new CommandLine.HelpCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setParameterExceptionHandler(UsageError::handle);
        return command;
    }

    /** {@code bridgelab} alone opens the window. */
    @Command(
            name = "bridgelab",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            description = "BridgeLab: learn Docker's bridge network by building it on a real Linux kernel.",
            footer = {
                "",
                "Any command takes --verbose: its log on stderr, debug lines included (else in",
                "$XDG_STATE_HOME/bridgelab/bridgelab.log, default ~/.local/state).",
                "",
                "Lessons are s1 (container to container), s2 (host to container), s3 (container",
                "to outside), s4 (outside to container) and teardown; a lesson brings the ones",
                "it builds on with it. bridgelab help COMMAND (or COMMAND --help) says more."
            })
    static final class BridgeLab implements Callable<Integer> {
        private final PrintStream err;

        BridgeLab(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            return new CommandLine(new GuiCommand(err))
                    .setParameterExceptionHandler(UsageError::handle)
                    .execute();
        }
    }

    /** {@code bridgelab completion}: the bash completion script, for {@code source <(bridgelab completion)}. */
    @Command(
            name = "completion",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            description = "Print the bash completion script of every command and option; use it with"
                    + " source <(bridgelab completion).")
    static final class Completion implements Callable<Integer> {
        private final PrintStream out;

        Completion(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.print(AutoComplete.bash("bridgelab", commandLine(out, out)));
            return 0;
        }
    }
}
