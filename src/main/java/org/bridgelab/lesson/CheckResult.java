package org.bridgelab.lesson;

import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * One checked expectation: what was expected, whether the kernel's result showed it, and that result (the
 * kernel's or the command's own text as it is, or BridgeLab's words on it, in the learner's language).
 */
public record CheckResult(Phrase expected, boolean passed, Wording evidence) {
    /** With the kernel's or the command's own text as the evidence. */
    public CheckResult(Phrase expected, boolean passed, String evidence) {
        this(expected, passed, Phrase.verbatim(evidence));
    }
}
