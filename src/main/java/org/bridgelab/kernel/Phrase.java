package org.bridgelab.kernel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A short sentence for the learner, such as what a check expects ("veth1 is a port of br0 in host"), kept
 * as a message key and its arguments so that each language can word it in its own order. The CLI and the
 * JSON report speak English; the window, the learner's language.
 */
public record Phrase(String key, List<String> args) {
    private static final String BUNDLE = "org.bridgelab.kernel.phrases";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Phrase {
        args = List.copyOf(args);
    }

    /** Arguments are shown as they are (no locale's digit grouping for a port or a PID). */
    public static Phrase of(String key, Object... args) {
        return new Phrase(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** In "en" or "zh"; a key missing from a language is a bug, so it throws. */
    public String in(String language) {
        Locale locale = "zh".equals(language) ? Locale.CHINESE : Locale.ENGLISH;
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        return new MessageFormat(pattern, locale).format(args.toArray());
    }

    @JsonValue
    @Override
    public String toString() {
        return in("en");
    }
}
