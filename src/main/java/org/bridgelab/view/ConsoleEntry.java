package org.bridgelab.view;

import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * One line of the console: a command as typed, its output, a check's verdict, or a note from BridgeLab, worded
 * in the learner's language (what a command or the kernel printed is shown as it is).
 */
public record ConsoleEntry(Kind kind, Wording wording) {
    public enum Kind {
        COMMAND,
        OUTPUT,
        PASSED,
        FAILED,
        NOTE
    }

    /** A line shown as it is in every language. */
    public ConsoleEntry(Kind kind, String text) {
        this(kind, Phrase.verbatim(text));
    }

    /** The line in English, as the command line would print it. */
    public String text() {
        return wording.in("en");
    }

    public String in(String language) {
        return wording.in(language);
    }
}
