package org.bridgelab.lesson;

import java.time.Duration;
import java.util.List;
import org.bridgelab.kernel.StateCheck;
import org.bridgelab.words.Phrase;

/** One thing a learner does in a step. */
public sealed interface Action {

    /** What the learner reads: the command as the tutorial writes it, or what is typed / awaited. */
    String display();

    /** {@link #display()} in each language: a command is the same in all, BridgeLab's own words are not. */
    default Phrase wording() {
        return Phrase.verbatim(display());
    }

    /**
     * Runs {@code text} (as argv) on {@code node}. With a {@code background} name it keeps running
     * (a server, a capture) and later actions refer to it by that name. {@code modern} and
     * {@code modernArgv} (both null when none is given) are today's equivalent of a 2018 command,
     * such as {@code ip link add br0 type bridge} for {@code brctl addbr br0}.
     */
    record Run(
            String text,
            List<String> argv,
            String modern,
            List<String> modernArgv,
            String node,
            String background,
            Duration timeout,
            Readiness ready,
            Expectation expect)
            implements Action {
        public Run {
            argv = List.copyOf(argv);
            modernArgv = modernArgv == null ? null : List.copyOf(modernArgv);
        }

        public Run(
                String text,
                List<String> argv,
                String node,
                String background,
                Duration timeout,
                Readiness ready,
                Expectation expect) {
            this(text, argv, null, null, node, background, timeout, ready, expect);
        }

        public boolean hasModernForm() {
            return modern != null;
        }

        /** The action run in its modern form when it has one, else itself; everything else stays. */
        public Run inModernForm() {
            return modern == null
                    ? this
                    : new Run(modern, modernArgv, null, null, node, background, timeout, ready, expect);
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
            return wording().toString();
        }

        @Override
        public Phrase wording() {
            return Phrase.of("action.await", process);
        }
    }

    /** Stops a background process with Ctrl-C and checks everything it printed. */
    record Stop(String process, Expectation expect) implements Action {
        @Override
        public String display() {
            return wording().toString();
        }

        @Override
        public Phrase wording() {
            return Phrase.of("action.stop", process);
        }
    }

    /** Looks at the kernel's state: each fact checked against a fresh snapshot, with the kernel's evidence. */
    record Check(List<StateCheck> facts) implements Action {
        public Check {
            facts = List.copyOf(facts);
        }

        @Override
        public String display() {
            return wording().toString();
        }

        @Override
        public Phrase wording() {
            return wording(facts.size());
        }

        /** "(check the kernel's state: 2 facts)", in each language: the window and the CLI word it alike. */
        public static Phrase wording(int facts) {
            return facts == 1 ? Phrase.of("action.check.one") : Phrase.of("action.check.many", facts);
        }
    }

    /**
     * A challenge's fault, set up without showing its commands: finding it is the learner's task. Each command
     * runs in the foreground and must succeed; what they printed is not shown either.
     */
    record SetUp(List<Run> runs) implements Action {
        public SetUp {
            runs = List.copyOf(runs);
        }

        @Override
        public String display() {
            return wording().toString();
        }

        @Override
        public Phrase wording() {
            return Phrase.of("action.set-up");
        }
    }

    /** When a background server counts as started: once a TCP port listens in a namespace. */
    record Readiness(String namespace, int tcpPort) {}
}
