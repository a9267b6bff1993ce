package org.bridgelab.words;

/**
 * A text for the learner, worded in their language ("en" or "zh"): a curriculum's own text, or a sentence
 * BridgeLab words from a message key ({@link Phrase}). The one way the window and the console show words;
 * the command line and the JSON report ask for English.
 */
public interface Wording {
    String in(String language);
}
