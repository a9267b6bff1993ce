package org.bridgelab.lesson;

/** A text of the curriculum in English and Chinese. */
public record Text(String en, String zh) {

    public String in(String language) {
        return "zh".equals(language) ? zh : en;
    }
}
