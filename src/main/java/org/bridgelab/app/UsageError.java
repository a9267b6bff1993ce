package org.bridgelab.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A command line that cannot run as given: said with the command's usage, exit 2. */
final class UsageError {
    private UsageError() {}

    static CommandLine.ParameterException of(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The handler picocli calls: "bridgelab run: unknown option --al", a blank line, the command's synopsis. */
    static int handle(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + wording(e, command));
        command.getErr().println();
        CommandLine.Help help = command.getHelp();
        command.getErr().print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        command.getErr().println("See '" + command.getCommandSpec().qualifiedName() + " --help' for every option.");
        command.getErr().flush();
        return 2;
    }

    private static String wording(CommandLine.ParameterException e, CommandLine command) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return "unknown option " + first;
            }
            return command.getParent() == null ? "unknown command \"" + first + "\"" : "unexpected argument " + first;
        }
        return e.getMessage();
    }
}
