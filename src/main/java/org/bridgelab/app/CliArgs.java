package org.bridgelab.app;

import java.util.List;

/** What the hand-written option parsers of the commands share (until they move to picocli, issue 13). */
final class CliArgs {

    private CliArgs() {
    }

    /** The value after an option: {@code args[index]}, or a clear error when the option is last. */
    static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
