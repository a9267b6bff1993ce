package org.bridgelab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.InvalidExitValueException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;

/**
 * The one door to local processes: every argv BridgeLab runs goes through here, and this is the only
 * class that knows zt-exec. Argv lists only; nothing is ever handed to a shell.
 */
public final class ProcessRunner {
    /** Ordinary users' PATH often lacks the sbin directories where ip, iptables and sysctl live. */
    static final String PATH =
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/sbin:/usr/sbin:/sbin";

    /**
     * The one thread that starts the commands that outlive their caller. A parent-death signal (setpriv
     * --pdeathsig, for ssh) fires when the thread that started the process ends, not the JVM: a worker thread
     * that ends when idle would kill them. This thread lives as long as BridgeLab. (A command run to completion
     * is started on its caller's thread, which waits for it.)
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bridgelab-process-starter");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs argv to completion, or kills it after the timeout and reports exit 124 like timeout(1). */
    public CommandResult run(List<String> argv, Duration timeout) {
        long started = System.nanoTime();
        BoundedOutput stdout = new BoundedOutput();
        BoundedOutput stderr = new BoundedOutput();
        try {
            ProcessResult result = new ProcessExecutor()
                    .command(argv)
                    .environment("PATH", PATH)
                    .redirectOutput(stdout)
                    .redirectError(stderr)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .destroyOnExit()
                    .execute();
            stdout.close();
            stderr.close();
            return new CommandResult(
                    argv,
                    result.getExitValue(),
                    stdout.toString(),
                    stderr.toString(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (TimeoutException e) {
            // what it printed until then is what the learner needs to see why it did not end
            stdout.close();
            stderr.close();
            String said = stderr.toString();
            return new CommandResult(
                    argv,
                    124,
                    stdout.toString(),
                    said + (said.isEmpty() || said.endsWith("\n") ? "" : "\n") + "timed out after "
                            + timeout.toSeconds() + " s",
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InvalidExitValueException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return new CommandResult(argv, 127, "", notStarted(argv, e), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Starts argv with its stdout and stderr streamed line by line to the listener. */
    public LiveProcess start(List<String> argv, OutputListener listener) {
        LiveProcess.Output output = new LiveProcess.Output(listener);
        return launch(argv, output, output.stream(OutputListener.Stream.STDOUT));
    }

    /** Starts argv with its raw stdout written to {@code stdout} (binary data such as a pcap stream). */
    public LiveProcess startBinary(List<String> argv, OutputStream stdout, OutputListener stderrListener) {
        return launch(argv, new LiveProcess.Output(stderrListener), stdout);
    }

    private LiveProcess launch(List<String> argv, LiveProcess.Output output, OutputStream stdout) {
        StdinQueue stdin = new StdinQueue();
        ProcessExecutor executor = new ProcessExecutor()
                .command(argv)
                .environment("PATH", PATH)
                .redirectInput(stdin)
                .redirectOutput(stdout)
                .redirectError(output.stream(OutputListener.Stream.STDERR))
                .destroyOnExit();
        try {
            StartedProcess started = STARTER.submit(executor::start).get();
            return new LiveProcess(argv, started, stdin, output, this);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException notStarted) {
                throw new LabException(notStarted(argv, notStarted), notStarted);
            }
            throw new LabException("could not start " + argv.get(0) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while starting " + argv.get(0), e);
        }
    }

    /** The reason in the system's words, without zt-exec's wrapping (which lists the internal argv and PATH). */
    private static String notStarted(List<String> argv, IOException e) {
        Throwable reason = e;
        while (reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        return "could not start " + argv.get(0) + ": " + reason.getMessage();
    }
}
