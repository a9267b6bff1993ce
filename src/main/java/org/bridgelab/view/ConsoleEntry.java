package org.bridgelab.view;

/** One line of the console: a command as typed, its output, a check's verdict, or a note from BridgeLab. */
public record ConsoleEntry(Kind kind, String text) {
    public enum Kind { COMMAND, OUTPUT, PASSED, FAILED, NOTE }
}
