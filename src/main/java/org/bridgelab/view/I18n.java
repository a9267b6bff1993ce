package org.bridgelab.view;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.bridgelab.words.Wording;

/** The window's language (English or Chinese, following the system locale at first) and its texts. */
public final class I18n {
    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh";

    private final StringProperty language;

    public I18n(String initial) {
        this.language = new SimpleStringProperty(initial);
    }

    /** Chinese when the system speaks Chinese, English otherwise. */
    public static I18n fromSystemLocale() {
        return new I18n(CHINESE.equals(Locale.getDefault().getLanguage()) ? CHINESE : ENGLISH);
    }

    public StringProperty languageProperty() {
        return language;
    }

    public String language() {
        return language.get();
    }

    /** A window text that follows the language. */
    public StringBinding text(String key) {
        return Bindings.createStringBinding(() -> lookup(key), language);
    }

    /** A worded text (a lesson's, or a phrase of BridgeLab's) that follows the language. */
    public StringBinding text(Wording text) {
        return Bindings.createStringBinding(() -> text.in(language.get()), language);
    }

    public String lookup(String key) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "org.bridgelab.view.messages", CHINESE.equals(language.get()) ? Locale.CHINESE : Locale.ENGLISH);
        if (!bundle.containsKey(key)) {
            throw new IllegalStateException("Resource not found: message " + key);
        }
        return bundle.getString(key);
    }
}
