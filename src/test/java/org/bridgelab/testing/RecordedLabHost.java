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
    private final Map<String, Answer> answers;

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

    @Override
    public LiveProcess start(String node, List<String> argv, OutputListener listener) {
        throw new UnsupportedOperationException("a recorded lab host runs nothing in the background");
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
