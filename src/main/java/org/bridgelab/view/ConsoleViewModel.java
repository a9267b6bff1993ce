package org.bridgelab.view;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.BackgroundCommand;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.CommandText;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.lesson.TypedLine;
import org.bridgelab.session.LabSession;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * The console's state: what ran and what it printed (the lessons' commands and the learner's own), notes from
 * BridgeLab, and a tab for each command that runs until stopped. Typed text becomes argv here (a pasted prompt
 * taken off, an apt-get install answered rather than run); the command runs on the lab session off the FX
 * thread. Entries change on the FX thread only.
 */
public final class ConsoleViewModel {
    private final TaskExecutor executor;
    private final LabConnection lab;
    private final ObservableList<ConsoleEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<BackgroundProcessViewModel> backgrounds = FXCollections.observableArrayList();
    private final LineBatcher<ConsoleEntry> batcher;
    private final Map<String, LineBatcher<String>> backgroundBatchers = new ConcurrentHashMap<>();
    private final AtomicInteger typedBackgrounds = new AtomicInteger();
    private final CommandHistory history = new CommandHistory();
    private final ReadOnlyObjectWrapper<BackgroundCommand> foreground = new ReadOnlyObjectWrapper<>();

    ConsoleViewModel(TaskExecutor executor, LabConnection lab) {
        this.executor = executor;
        this.lab = lab;
        this.batcher = new LineBatcher<>(executor, entries::addAll);
    }

    public ObservableList<ConsoleEntry> entries() {
        return entries;
    }

    public ObservableList<BackgroundProcessViewModel> backgrounds() {
        return backgrounds;
    }

    /** What ran, for ↑, ↓ and Ctrl-R: the learner's commands and the lessons' (to run again, or change). */
    CommandHistory history() {
        return history;
    }

    /** A note from BridgeLab (FX thread). */
    public void note(String text) {
        note(Phrase.verbatim(text));
    }

    /** A note from BridgeLab, worded in the learner's language (FX thread). */
    public void note(Wording text) {
        entries.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, text));
    }

    /** A note from any thread, shown with the next batch. */
    void noteSoon(Wording text) {
        batcher.add(new ConsoleEntry(ConsoleEntry.Kind.NOTE, text));
    }

    /** A failure, in the console's words (FX thread). */
    void failure(Wording text) {
        entries.add(new ConsoleEntry(ConsoleEntry.Kind.FAILED, text));
    }

    /** A new lab: the old one's tabs go, and a line marks where it starts. */
    void newLab() {
        backgrounds.clear();
        note(Phrase.of("console.new-lab"));
    }

    /** Runs what the learner typed in a node of the lab, as argv. */
    public void runCommand(String node, String pasted) {
        BackgroundCommand running = foreground.get();
        if (running != null) {
            // typed while a command runs: its input, as at a terminal (telnet's request, nc's message)
            entries.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, pasted));
            running.send(pasted + "\n");
            return;
        }
        TypedLine line = read(pasted);
        if (line.installs() != null) {
            // apt would change the machine, not the lab: answered instead of run
            entries.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(node) + line.text()));
            line.installs().forEach(debianPackage -> note(CommandText.answerToInstall(debianPackage)));
            return;
        }
        if (!runnable(line)) {
            return;
        }
        if (line.runsUntilStopped()) {
            // waiting for it would hold the console until the time-out and lose what it printed
            note(Phrase.of("console.runs-until-stopped", line.text()));
            startInTab(node, line.text(), line.argv());
            return;
        }
        runInForeground(node, line);
    }

    /**
     * As at a terminal: the command's lines appear as it prints them, a line typed meanwhile is its input,
     * Ctrl-C interrupts it, Ctrl-D ends its input. The lab's worker is not held while it runs (a ping may run
     * for a minute): the kernel is read again once it has ended.
     */
    private void runInForeground(String node, TypedLine line) {
        LabSession current = lab.session();
        entries.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(node) + line.text()));
        lab.busy(true);
        Topology before = lab.shown();
        executor.execute(
                () -> current.start(
                        node,
                        CommandText.lineBuffered(line.argv()),
                        output -> batcher.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, output))),
                process -> {
                    foreground.set(process);
                    process.onEnd(() -> executor.execute(
                            () -> new CommandDone(process.awaitEnd(), current.refresh()),
                            done -> {
                                foreground.set(null);
                                if (done.exitCode() != 0) {
                                    // after the command's last lines, which are still on their way in a batch
                                    batcher.add(new ConsoleEntry(
                                            ConsoleEntry.Kind.FAILED,
                                            Phrase.of("console.exit-status", done.exitCode())));
                                }
                                lab.readAfterCommand(before, done.topology());
                                lab.busy(false);
                            },
                            failed -> {
                                foreground.set(null);
                                lab.failed(failed);
                            }));
                },
                lab::failed);
    }

    /** The command running in the console's foreground (FX thread), or null. */
    public ReadOnlyObjectProperty<BackgroundCommand> foregroundProperty() {
        return foreground.getReadOnlyProperty();
    }

    /** Ctrl-C for the foreground command: shown as a terminal echoes it, sent off the FX thread. */
    public void interruptForeground() {
        BackgroundCommand running = foreground.get();
        if (running != null) {
            entries.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, "^C"));
            executor.execute(
                    () -> {
                        running.interrupt();
                        return true;
                    },
                    sent -> {},
                    lab::failed);
        }
    }

    /** Ctrl-D for the foreground command: the end of its input. */
    public void endForegroundInput() {
        BackgroundCommand running = foreground.get();
        if (running != null) {
            entries.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, "^D"));
            running.endInput();
        }
    }

    /** Starts a long-running command the learner typed, in its own console tab. */
    public void startCommand(String node, String pasted) {
        TypedLine line = read(pasted);
        if (runnable(line)) {
            startInTab(node, line.text(), line.argv());
        }
    }

    /** What the lessons run, as it happens: their commands, output and checks here, their servers in tabs. */
    RunListener lessonOutput() {
        return new RunListener() {
            @Override
            public void actionFinished(Lesson lesson, Lesson.Step step, RunReport.ActionReport report) {
                if (ranOnTheHost(step, report)) {
                    executor.runOnFx(() -> history.add(report.display()));
                }
                batcher.add(new ConsoleEntry(ConsoleEntry.Kind.COMMAND, prompt(report.node()) + report.display()));
                if (!report.output().isBlank() && report.exitCode() != null) {
                    report.output()
                            .strip()
                            .lines()
                            .forEach(line -> batcher.add(new ConsoleEntry(ConsoleEntry.Kind.OUTPUT, line)));
                }
                // a challenge's goal: the kernel's evidence would give the fault away (the lesson pane shows it
                // once the learner asks for the diagnosis)
                boolean evidenceLocked = lesson.isChallenge() && step == lesson.goal();
                for (CheckResult check : report.checks()) {
                    batcher.add(new ConsoleEntry(
                            check.passed() ? ConsoleEntry.Kind.PASSED : ConsoleEntry.Kind.FAILED,
                            language -> (check.passed() ? "✓ " : "✗ ")
                                    + check.expected().in(language)
                                    + (check.passed() || evidenceLocked
                                            ? ""
                                            : " — " + check.evidence().in(language))));
                }
            }

            @Override
            public void backgroundStarted(String name, String command, BackgroundCommand process) {
                BackgroundProcessViewModel tab = register(name, command, process);
                executor.runOnFx(() -> showBackgroundFx(tab));
            }

            @Override
            public void backgroundOutput(String process, String line) {
                backgroundLine(process, line);
            }
        };
    }

    /** Whether the report is of a command the step ran on the host (what the console itself would run). */
    private static boolean ranOnTheHost(Lesson.Step step, RunReport.ActionReport report) {
        return step.actions().stream()
                .anyMatch(action -> action instanceof Action.Run run
                        && "host".equals(run.node())
                        && (run.display().equals(report.display())
                                || run.inModernForm().display().equals(report.display())));
    }

    private void startInTab(String node, String text, List<String> argv) {
        LabSession current = lab.session();
        String name = program(argv) + "-" + typedBackgrounds.incrementAndGet();
        List<String> buffered = CommandText.lineBuffered(argv);
        executor.execute(
                () -> current.start(node, buffered, line -> backgroundLine(name, line)),
                process -> showBackgroundFx(register(name, prompt(node) + text, process)),
                lab::failed);
    }

    /** The program's name for its tab: tcpdump, not sudo or ip netns exec. */
    private static String program(List<String> argv) {
        List<String> inner = CommandText.innerCommand(argv);
        return inner.isEmpty() ? argv.get(0) : inner.get(0);
    }

    /** The line as read; a pasted prompt taken off is said. */
    private TypedLine read(String pasted) {
        TypedLine line = TypedLine.of(pasted);
        if (line.pastedPrompt() != null) {
            note(Phrase.of("console.pasted-prompt", line.pastedPrompt().strip()));
        }
        return line;
    }

    /** Whether the line can run now; if not, the console says why. */
    private boolean runnable(TypedLine line) {
        if (line.refusal() != null) {
            failure(Phrase.verbatim(line.refusal()));
            return false;
        }
        if (lab.session() == null) {
            failure(Phrase.of("console.not-connected"));
            return false;
        }
        return !line.argv().isEmpty();
    }

    /** Gives a background command its tab's model at once, so that none of its first lines is lost. */
    private BackgroundProcessViewModel register(String name, String command, BackgroundCommand process) {
        BackgroundProcessViewModel tab = new BackgroundProcessViewModel(name, command, process, executor);
        backgroundBatchers.put(name, new LineBatcher<>(executor, tab::addLinesFx));
        return tab;
    }

    private void showBackgroundFx(BackgroundProcessViewModel tab) {
        backgrounds.removeIf(existing -> existing.name().equals(tab.name()));
        backgrounds.add(tab);
    }

    private void backgroundLine(String name, String line) {
        LineBatcher<String> lines = backgroundBatchers.get(name);
        if (lines != null) {
            lines.add(line);
        }
    }

    private static String prompt(String node) {
        return ("host".equals(node) ? "" : "[" + node + "] ") + "$ ";
    }

    private record CommandDone(int exitCode, Topology topology) {}
}
