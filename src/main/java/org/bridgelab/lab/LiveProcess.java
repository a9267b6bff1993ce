package org.bridgelab.lab;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;

/**
 * A command that keeps running: a server, a capture, a ping without -c. Its output streams to a
 * listener and is also kept, so checks can wait for a line to appear; it can be fed stdin, interrupted
 * like Ctrl-C, and stopped.
 */
public final class LiveProcess {
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<String> argv;
    private final StartedProcess started;
    private final StdinQueue stdin;
    private final Output output;
    private final ProcessRunner runner;
    private final long startNanos = System.nanoTime();

    LiveProcess(List<String> argv, StartedProcess started, StdinQueue stdin, Output output, ProcessRunner runner) {
        this.argv = List.copyOf(argv);
        this.started = started;
        this.stdin = stdin;
        this.output = output;
        this.runner = runner;
    }

    public List<String> argv() {
        return argv;
    }

    public long pid() {
        return started.getProcess().pid();
    }

    public boolean isAlive() {
        return started.getProcess().isAlive();
    }

    /** Calls {@code action} (on some background thread) once the command has ended, however it ended. */
    public void onEnd(Runnable action) {
        // async: had it ended already, thenRun would run the action on the caller's thread, which may hold
        // what the action needs (the window's worker)
        started.getProcess().onExit().thenRunAsync(action);
    }

    /** Types text into the command's stdin, as if at its terminal. */
    public void send(String text) {
        stdin.offer(text);
    }

    /** End-of-file on stdin (Ctrl-D). */
    public void closeInput() {
        stdin.close();
    }

    /** Text the command has printed so far (stdout and stderr interleaved as they came). */
    public String output() {
        return output.text();
    }

    /** Waits until the printed text satisfies the condition, the process ends, or the time is up. */
    public boolean awaitOutput(Predicate<String> condition, Duration timeout) {
        return output.await(condition, timeout, started.getProcess());
    }

    /** Waits for the command to end by itself; empty if it is still running after the timeout. */
    public java.util.Optional<CommandResult> await(Duration timeout) {
        try {
            ProcessResult result = started.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return java.util.Optional.of(result(result.getExitValue()));
        } catch (TimeoutException e) {
            // still running: what empty says
            return java.util.Optional.empty();
        } catch (ExecutionException e) {
            throw new LabException("lost " + argv.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + argv.get(0), e);
        }
    }

    /** Waits for the command to end, however long it runs (a foreground command the learner may stop). */
    public CommandResult awaitEnd() {
        try {
            return result(started.getFuture().get().getExitValue());
        } catch (ExecutionException e) {
            throw new LabException("lost " + argv.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + argv.get(0), e);
        }
    }

    /** Sends SIGINT to the command itself (the leaves of the process tree), as Ctrl-C would. */
    public void interrupt() {
        interrupt(List.of(this));
    }

    /** Ctrl-C to each of these commands, with one kill for them all (each kill is a process of its own). */
    private static void interrupt(List<LiveProcess> processes) {
        List<String> kill = new ArrayList<>(List.of("kill", "-INT"));
        processes.forEach(process -> process.leaves().forEach(handle -> kill.add(Long.toString(handle.pid()))));
        processes.get(0).runner.run(kill, Duration.ofSeconds(5));
    }

    /**
     * Ends the command the way a learner would: Ctrl-C and end of input (telnet leaves on end-of-file, not on
     * Ctrl-C); then SIGTERM, then SIGKILL, each after a short grace. Returns how it ended.
     */
    public CommandResult stop() {
        return stopAll(List.of(this)).get(0);
    }

    /** Stops each of these commands as {@link #stop} does, Ctrl-C sent to all at once; how each ended, in order. */
    public static List<CommandResult> stopAll(List<LiveProcess> processes) {
        List<LiveProcess> alive =
                processes.stream().filter(LiveProcess::isAlive).toList();
        if (!alive.isEmpty()) {
            interrupt(alive);
        }
        return processes.stream()
                .map(process -> alive.contains(process) ? process.endInterrupted() : process.endedResult())
                .toList();
    }

    /** After Ctrl-C: end of input, then SIGTERM and SIGKILL if it is still running after a grace each. */
    private CommandResult endInterrupted() {
        closeInput();
        if (await(GRACE).isEmpty()) {
            leaves().forEach(ProcessHandle::destroy);
            if (await(GRACE).isEmpty()) {
                started.getProcess().descendants().forEach(ProcessHandle::destroyForcibly);
                started.getProcess().destroyForcibly();
            }
        }
        return endedResult();
    }

    private CommandResult endedResult() {
        return await(GRACE).orElseGet(() -> result(137));
    }

    private List<ProcessHandle> leaves() {
        List<ProcessHandle> leaves = started.getProcess()
                .descendants()
                .filter(handle -> handle.children().findAny().isEmpty())
                .toList();
        return leaves.isEmpty() ? List.of(started.getProcess().toHandle()) : leaves;
    }

    private CommandResult result(int exitCode) {
        return new CommandResult(
                argv,
                exitCode,
                output.stdoutText(),
                output.stderrText(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * Collects a live command's lines, within a bound (a server or capture may print for hours, a {@code yes}
     * without end): the first and the last lines are kept, and a line without end is cut into pieces. Wakes
     * those waiting for a particular line.
     */
    static final class Output {
        /** What a live command's kept text may grow to, per stream and interleaved. */
        static final int LIMIT = 1 << 20;
        /** Longer lines reach the listener in pieces of this many bytes. */
        static final int MAX_LINE = 16 << 10;

        private final OutputListener listener;
        private final BoundedOutput all = new BoundedOutput(LIMIT);
        private final BoundedOutput keptStdout = new BoundedOutput(LIMIT);
        private final BoundedOutput keptStderr = new BoundedOutput(LIMIT);
        private final OutputStream stdout;
        private final OutputStream stderr;

        Output(OutputListener listener) {
            this.listener = listener;
            this.stdout = lines(OutputListener.Stream.STDOUT, keptStdout);
            this.stderr = lines(OutputListener.Stream.STDERR, keptStderr);
        }

        /** The stream a command's stdout or stderr is written to. */
        OutputStream stream(OutputListener.Stream stream) {
            return stream == OutputListener.Stream.STDOUT ? stdout : stderr;
        }

        /** Splits a stream into lines (keeping none itself) that are kept, handed on and waited for. */
        private OutputStream lines(OutputListener.Stream stream, BoundedOutput kept) {
            return new BoundedOutput(0, MAX_LINE, content -> {
                // a terminal's line ends in CR LF (telnet, ssh -tt): the line is what comes before them
                String line = content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
                kept.line(line);
                synchronized (this) {
                    all.line(line);
                    notifyAll();
                }
                listener.line(stream, line);
            });
        }

        synchronized String text() {
            return all.toString();
        }

        String stdoutText() {
            return keptStdout.toString();
        }

        String stderrText() {
            return keptStderr.toString();
        }

        synchronized boolean await(Predicate<String> condition, Duration timeout, Process process) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (!condition.test(all.toString())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    // a process that has ended prints nothing more: look once more, then give up
                    if (!process.isAlive()) {
                        wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                        return condition.test(all.toString());
                    }
                    wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 250));
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
