package org.bridgelab.lab;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * Where the lab's commands run: a sandbox of namespaces on this machine, this machine itself, or a
 * remote VM over SSH. A node is {@link #HOST} (the lab host's own network namespace) or the name of a
 * network namespace of the lab ({@code docker0}, {@code router}, ...). Argv only, never shell text.
 */
public interface LabHost extends AutoCloseable {
    String HOST = "host";
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** "sandbox", "local" or "ssh". */
    String kind();

    /** One line for the learner: which machine, which user (in English, as the command line says it). */
    String description();

    /** {@link #description()} in the learner's language. */
    default Wording describedAs() {
        return Phrase.verbatim(description());
    }

    /** Runs argv in a node to completion. A leading {@code sudo} is the lab host's business. */
    CommandResult run(String node, List<String> argv, Duration timeout);

    default CommandResult run(String node, List<String> argv) {
        return run(node, argv, DEFAULT_TIMEOUT);
    }

    default CommandResult run(String node, String... argv) {
        return run(node, List.of(argv));
    }

    /** Starts a long-running argv in a node; its text output streams to the listener. */
    LiveProcess start(String node, List<String> argv, OutputListener listener);

    /** Starts argv whose stdout is binary (a pcap stream); stderr lines go to the listener. */
    LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr);

    /** False once the lab host has gone away (sandbox killed, SSH dropped). */
    boolean isAlive();

    /**
     * Calls {@code action} (on some background thread) if the lab host goes away by itself, for hosts that
     * can tell at once (the sandbox's holder process ending); others are found out at their next command.
     */
    default void onLost(Runnable action) {}

    /** Stops everything the lab host started and releases it. */
    @Override
    void close();
}
