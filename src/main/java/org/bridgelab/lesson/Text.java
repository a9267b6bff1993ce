package org.bridgelab.lesson;

import org.bridgelab.words.Wording;

/** A text of the curriculum in English and Chinese. */
public record Text(String en, String zh) implements Wording {

    @Override
    public String in(String language) {
        return "zh".equals(language) ? zh : en;
    }
}
