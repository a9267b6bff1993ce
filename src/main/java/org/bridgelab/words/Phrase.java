package org.bridgelab.words;

import com.fasterxml.jackson.annotation.JsonValue;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A short sentence for the learner, such as what a check expects ("veth1 is a port of br0 in host"), kept
 * as a message key and its arguments so that each language can word it in its own order. An argument is
 * shown as it is (a name, an address) or is itself worded (a phrase, a lesson's text), in the same language.
 * The CLI and the JSON report speak English; the window, the learner's language.
 */
public record Phrase(String key, List<Object> args) implements Wording {
    private static final String BUNDLE = "org.bridgelab.words.phrases";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Phrase {
        args = List.copyOf(args);
    }

    /** Arguments other than wordings become text as they are (no locale's digit grouping for a port). */
    public static Phrase of(String key, Object... args) {
        return new Phrase(
                key,
                Arrays.stream(args)
                        .map(arg -> arg instanceof Wording ? arg : String.valueOf(arg))
                        .toList());
    }

    /** Whether this is {@link #verbatim} text: the kernel's, a command's or a name, the same in every language. */
    public boolean isVerbatim() {
        return key.equals("verbatim");
    }

    /** Text that is the same in every language (a command as typed, a name). */
    public static Phrase verbatim(String text) {
        return of("verbatim", text);
    }

    /** In "en" or "zh"; a key missing from a language is a bug, so it throws. */
    @Override
    public String in(String language) {
        Locale locale = "zh".equals(language) ? Locale.CHINESE : Locale.ENGLISH;
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        Object[] worded = args.stream()
                .map(arg -> arg instanceof Wording wording ? wording.in(language) : arg)
                .toArray();
        return new MessageFormat(pattern, locale).format(worded);
    }

    @JsonValue
    @Override
    public String toString() {
        return in("en");
    }
}
