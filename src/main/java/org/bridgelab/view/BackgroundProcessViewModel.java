package org.bridgelab.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bridgelab.lesson.BackgroundCommand;

/** A long-running command (nc -lp 80, telnet, tcpdump) with its own console tab: output, input, stop. */
public final class BackgroundProcessViewModel {
    private final String name;
    private final String command;
    private final BackgroundCommand process;
    private final TaskExecutor executor;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
    static final int MAX_LINES = 10_000;
    private long dropped;

    BackgroundProcessViewModel(String name, String command, BackgroundCommand process, TaskExecutor executor) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.executor = executor;
        process.onEnd(() -> executor.runOnFx(() -> running.set(false)));
    }

    // Properties

    public String name() {
        return name;
    }

    public String command() {
        return command;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    // Commands

    /** Types a line into the command, as at its terminal. */
    public void send(String text) {
        process.send(text + "\n");
        lines.add("> " + text);
    }

    /** Ctrl-C, then end of input, then harder, off the FX thread. */
    public void stop() {
        executor.execute(process::stop, this::markEndedFx, error -> markEndedFx(-1));
    }

    /** Adds printed lines; past {@link #MAX_LINES} the oldest go, so a command that prints without end cannot fill memory. */
    void addLinesFx(java.util.List<String> batch) {
        lines.addAll(batch);
        if (lines.size() > MAX_LINES + MAX_LINES / 10) {
            // in chunks, since removing from the front moves every line; the note of what went stays first
            boolean noted = dropped > 0;
            int first = noted ? 1 : 0;
            int excess = lines.size() - MAX_LINES;
            lines.remove(first, first + excess);
            dropped += excess;
            String note = "[… " + dropped + " earlier lines not kept]";
            if (noted) {
                lines.set(0, note);
            } else {
                lines.add(0, note);
            }
        }
    }

    void markEndedFx(int exitCode) {
        running.set(false);
        lines.add("[ended, exit status " + exitCode + "]");
    }
}
