package org.bridgelab.lesson;

import java.time.Duration;
import java.util.List;

/** One thing a learner does in a step. */
public sealed interface Action {

    /** What the learner reads: the command as the tutorial writes it, or what is typed / awaited. */
    String display();

    /**
     * Runs {@code text} (as argv) on {@code node}. With a {@code background} name it keeps running
     * (a server, a capture) and later actions refer to it by that name.
     */
    record Run(String text, List<String> argv, String node, String background, Duration timeout,
               Readiness ready, Expectation expect) implements Action {
        public Run {
            argv = List.copyOf(argv);
        }

        @Override
        public String display() {
            return text;
        }
    }

    /** Types a line into a background process, as at its terminal. */
    record Send(String to, String text) implements Action {
        @Override
        public String display() {
            return "[" + to + "] " + text;
        }
    }

    /** Waits until a background process has printed what is expected. */
    record Await(String process, Duration timeout, Expectation expect) implements Action {
        @Override
        public String display() {
            return "(wait for " + process + ")";
        }
    }

    /** Stops a background process with Ctrl-C and checks everything it printed. */
    record Stop(String process, Expectation expect) implements Action {
        @Override
        public String display() {
            return "(Ctrl-C " + process + ")";
        }
    }

    /** When a background server counts as started: once a TCP port listens in a namespace. */
    record Readiness(String namespace, int tcpPort) {
    }
}
