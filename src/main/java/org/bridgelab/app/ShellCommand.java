package org.bridgelab.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bridgelab.kernel.TopologyChange;
import org.bridgelab.lab.LabException;
import org.bridgelab.lesson.BackgroundCommand;
import org.bridgelab.lesson.CommandText;
import org.bridgelab.lesson.TypedLine;
import org.bridgelab.session.Capturing;
import org.bridgelab.session.LabSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab shell}: the window's console on a terminal, for a machine without a display or a lab VM
 * over SSH. Each line is a command on the lab host (a pasted prompt taken off, {@code sudo} and
 * {@code ip netns exec} as the tutorial writes them, an {@code apt-get install} answered instead of run); the
 * kernel's changes are printed as the monitor sees them. A command that runs until stopped ({@code tcpdump},
 * {@code nc -l}, {@code ping} without {@code -c}) becomes a job whose lines come prefixed with its name while
 * the next lines run, so a tutorial piped in runs line by line; Ctrl-C, {@code stop} or the end of the input
 * stops the jobs. {@code exit} or the end of the input (Ctrl-D) tears the lab down.
 */
@Command(
        name = "shell",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "A console on the lab: type (or pipe in) the tutorial's commands; the kernel's changes are printed"
                    + " as they happen.",
            "Exit 0 when every command succeeded, 1 when one failed, 2 for a usage error, 3 if the lab host could"
                    + " not be used."
        })
final class ShellCommand implements Callable<Integer> {
    @Mixin
    LabHostOptions labHostOptions = new LabHostOptions();

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final List<Job> jobs = new ArrayList<>();
    private boolean failed;

    private record Job(String name, BackgroundCommand command) {}

    ShellCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        boolean terminal = System.console() != null;
        LabSession.Options watching = new LabSession.Options(true, false, Capturing.NOTHING);
        try (LabSession session = LabSession.open(labHostOptions.choice(spec), watching, this::say)) {
            session.subscribe(new LabSession.Listener() {
                @Override
                public void changed(TopologyChange change) {
                    change.changes().forEach(what -> say("kernel: " + what.description()));
                }
            });
            say("lab host: " + session.description() + (terminal ? " — type exit to leave and tear the lab down" : ""));
            stopJobsOnCtrlC();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = prompt(terminal, lines); line != null; line = prompt(terminal, lines)) {
                if (!perform(session, line)) {
                    break;
                }
            }
            stopJobs();
        } catch (LabException e) {
            err.println("bridgelab shell: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            err.println("bridgelab shell: cannot read the input: " + e.getMessage());
            return 1;
        }
        return failed ? 1 : 0;
    }

    /** Runs one line; false for {@code exit}. */
    private boolean perform(LabSession session, String typed) {
        TypedLine line = TypedLine.of(typed);
        if (line.text().equals("exit")) {
            return false;
        }
        if (line.text().equals("stop")) {
            stopJobs();
            return true;
        }
        if (line.text().isEmpty()) {
            return true;
        }
        if (line.pastedPrompt() != null) {
            say("(took off the pasted prompt \"" + line.pastedPrompt().strip() + "\")");
        }
        if (line.refusal() != null) {
            say(line.refusal());
            failed = true;
        } else if (line.installs() != null) {
            line.installs().forEach(debianPackage -> say(CommandText.answerToInstall(debianPackage)));
        } else if (line.runsUntilStopped()) {
            start(session, line.argv());
        } else {
            run(session, line.argv());
        }
        return true;
    }

    private void run(LabSession session, List<String> argv) {
        LabSession.CommandRun result = session.run("host", argv);
        synchronized (out) {
            out.print(result.stdout());
            out.print(result.stderr());
            out.flush();
        }
        if (!result.succeeded()) {
            say("exit status " + result.exitCode());
            failed = true;
        }
    }

    /** A command that runs until stopped: a job, its lines prefixed with its name, while the next lines run. */
    private void start(LabSession session, List<String> argv) {
        List<String> inner = CommandText.innerCommand(argv);
        String name = (inner.isEmpty() ? argv.get(0) : inner.get(0)) + "-" + (jobs.size() + 1);
        BackgroundCommand command =
                session.start("host", CommandText.lineBuffered(argv), line -> say("[" + name + "] " + line));
        synchronized (jobs) {
            jobs.add(new Job(name, command));
        }
        say("(" + name + " runs until it is stopped: Ctrl-C, stop or the end of the input stops it)");
    }

    private void stopJobs() {
        List<Job> running;
        synchronized (jobs) {
            running = List.copyOf(jobs);
            jobs.clear();
        }
        for (Job job : running) {
            say("(" + job.name() + " stopped, exit status " + job.command().stop() + ")");
        }
    }

    /**
     * Ctrl-C stops the jobs, not BridgeLab: at the prompt, as in bash, it ends nothing (exit, or Ctrl-D, leaves and
     * tears the lab down).
     */
    private void stopJobsOnCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                boolean none;
                synchronized (jobs) {
                    none = jobs.isEmpty();
                }
                if (none) {
                    say("(nothing is running: exit or Ctrl-D leaves and tears the lab down)");
                } else {
                    new Thread(this::stopJobs, "shell-ctrl-c").start();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signal handling on this JVM: Ctrl-C ends the shell, and the lab with it
            say("(Ctrl-C will end the shell: " + e.getMessage() + ")");
        }
    }

    private String prompt(boolean terminal, BufferedReader lines) throws IOException {
        if (terminal) {
            synchronized (out) {
                out.print("host $ ");
                out.flush();
            }
        }
        return lines.readLine();
    }

    /** A line of BridgeLab's own or of a job, whole even when jobs and the monitor print at once. */
    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
