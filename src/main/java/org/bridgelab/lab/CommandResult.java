package org.bridgelab.lab;

import java.time.Duration;
import java.util.List;

/** What one finished command did: the argv that really ran, its exit status and its output. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr, Duration elapsed) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The stdout, or the command's own error text when it failed, for messages. */
    public String evidence() {
        String err = stderr.strip();
        return err.isEmpty() ? stdout.strip() : err;
    }

    /** Throws with the kernel's own error text unless the command succeeded. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new LabException(String.join(" ", argv) + " failed (exit " + exitCode + "): " + evidence());
        }
        return this;
    }
}
