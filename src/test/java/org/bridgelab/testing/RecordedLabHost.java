package org.bridgelab.testing;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.lab.ProcessRunner;

/**
 * A lab host that answers commands ("node: argv joined by spaces") from recorded output and notes what it
 * was asked; a command it has no answer for fails with exit 1, as a missing program or file would.
 */
public final class RecordedLabHost implements LabHost {
    /** What a command answered: its exit status and what it printed on stdout and stderr. */
    public record Answer(int exitCode, String stdout, String stderr) {
        public static Answer printing(String stdout) {
            return new Answer(0, stdout, "");
        }
    }

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private final Map<String, Answer> answers;
    private final Map<String, List<String>> liveAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    public RecordedLabHost(Map<String, Answer> answers) {
        this.answers = new java.util.concurrent.ConcurrentHashMap<>(answers);
    }

    /** From now on {@code command} answers so (the kernel changed, or a command is learnt). */
    public void answer(String command, Answer answer) {
        answers.put(command, answer);
    }

    /** Every command asked, in order. */
    public List<String> asked() {
        return asked;
    }

    @Override
    public CommandResult run(String node, List<String> argv, Duration timeout) {
        String command = node + ": " + String.join(" ", argv);
        asked.add(command);
        Answer answer = answers.getOrDefault(command, new Answer(1, "", "not recorded: " + command));
        return new CommandResult(argv, answer.exitCode(), answer.stdout(), answer.stderr(), Duration.ZERO);
    }

    @Override
    public String kind() {
        return "recorded";
    }

    @Override
    public String description() {
        return "recorded";
    }

    /**
     * A command started (to run in the console's foreground or a tab) is a real local process: one that prints
     * its recorded answer and exits with its status, or the local stand-in given by {@link #answerLive}.
     */
    @Override
    public LiveProcess start(String node, List<String> argv, OutputListener listener) {
        String command = node + ": " + String.join(" ", argv);
        asked.add(command);
        List<String> live = liveAnswers.get(command);
        if (live != null) {
            return RUNNER.start(live, listener);
        }
        Answer answer = answers.getOrDefault(command, new Answer(1, "", "not recorded: " + command));
        return RUNNER.start(
                List.of(
                        "sh",
                        "-c",
                        "printf '%s' \"$1\"; printf '%s' \"$2\" >&2; exit \"$3\"",
                        "sh",
                        answer.stdout(),
                        answer.stderr(),
                        Integer.toString(answer.exitCode())),
                listener);
    }

    /** From now on {@code command}, when started, is this local process (cat for an interactive one). */
    public void answerLive(String command, List<String> localArgv) {
        liveAnswers.put(command, List.copyOf(localArgv));
    }

    @Override
    public LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr) {
        throw new UnsupportedOperationException("a recorded lab host runs nothing in the background");
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public void close() {}
}
