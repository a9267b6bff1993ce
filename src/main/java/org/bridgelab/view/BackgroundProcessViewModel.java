package org.bridgelab.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bridgelab.lab.LiveProcess;

/** A long-running command (nc -lp 80, telnet, tcpdump) with its own console tab: output, input, stop. */
public final class BackgroundProcessViewModel {
    private final String name;
    private final String command;
    private final LiveProcess process;
    private final TaskExecutor executor;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);

    BackgroundProcessViewModel(String name, String command, LiveProcess process, TaskExecutor executor) {
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
        executor.execute(process::stop, result -> markEndedFx(result.exitCode()), error -> markEndedFx(-1));
    }

    void addLinesFx(java.util.List<String> batch) {
        lines.addAll(batch);
    }

    void markEndedFx(int exitCode) {
        running.set(false);
        lines.add("[ended, exit status " + exitCode + "]");
    }
}
