package org.bridgelab.lesson;

import org.bridgelab.lab.LiveProcess;

/**
 * A command left running in the lab (a server, a capture, a telnet session), as a console tab drives it:
 * lines typed into it, Ctrl-C, and its end. What the window needs of a process, without how it runs.
 */
public interface BackgroundCommand {
    /** Types text into the command, as at its terminal. */
    void send(String text);

    /** Ctrl-C: SIGINT to the command, which decides what to do with it (ping prints its summary and ends). */
    void interrupt();

    /** Ctrl-D: end of its input (telnet and nc leave on it). */
    void endInput();

    /** Waits for it to end, however long that takes; its exit status. Blocks: never on the FX thread. */
    int awaitEnd();

    /** Ends it as a learner would (Ctrl-C and end of input, then harder); returns its exit status. Blocks. */
    int stop();

    /** Runs {@code action} (on another thread) once the command has ended by itself or been stopped. */
    void onEnd(Runnable action);

    /** The process on the lab host, driven as a console tab drives it. */
    static BackgroundCommand of(LiveProcess process) {
        return new BackgroundCommand() {
            @Override
            public void send(String text) {
                process.send(text);
            }

            @Override
            public void interrupt() {
                process.interrupt();
            }

            @Override
            public void endInput() {
                process.closeInput();
            }

            @Override
            public int awaitEnd() {
                return process.awaitEnd().exitCode();
            }

            @Override
            public int stop() {
                return process.stop().exitCode();
            }

            @Override
            public void onEnd(Runnable action) {
                process.onEnd(action);
            }
        };
    }
}
