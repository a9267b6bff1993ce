package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.bridgelab.words.Phrase;
import org.junit.jupiter.api.Test;

/** What checks expect reads in both languages: every phrase of the curriculum, and every key in both bundles. */
class CheckWordingTest {

    @Test
    void both_languages_word_the_same_phrases_with_the_same_arguments() throws IOException {
        Properties english = bundle("en");
        Properties chinese = bundle("zh");

        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(chinese.getProperty(key)))
                    .as(key)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @Test
    void every_phrase_takes_its_arguments_as_text_as_phrase_of_hands_them_over() throws IOException {
        for (String language : List.of("en", "zh")) {
            Properties phrases = bundle(language);
            for (String key : phrases.stringPropertyNames()) {
                // every argument the pattern takes, whatever its format ({0} or {0,number})
                long count = Pattern.compile("\\{(\\d+)[,}]")
                        .matcher(phrases.getProperty(key))
                        .results()
                        .map(m -> m.group(1))
                        .distinct()
                        .count();
                Object[] texts = Collections.nCopies((int) count, "text").toArray();
                // a {0,number} pattern throws here: Phrase.of turns every argument but a wording into text
                assertThat(Phrase.of(key, texts).in(language)).as(key).isNotBlank();
            }
        }
    }

    @Test
    void every_fact_the_curriculum_checks_is_worded_in_chinese_not_left_in_english() {
        List<Phrase> phrases = Curriculum.bundled().lessons().stream()
                .flatMap(lesson -> lesson.steps().stream())
                .flatMap(step -> step.actions().stream())
                .filter(Action.Check.class::isInstance)
                .flatMap(check -> ((Action.Check) check).facts().stream())
                .map(fact -> fact.expected())
                .toList();

        assertThat(phrases).hasSizeGreaterThan(100);
        for (Phrase phrase : phrases) {
            String zh = phrase.in("zh");
            assertThat(zh).as(phrase.key()).isNotEqualTo(phrase.in("en")).doesNotContain("{");
            phrase.args().forEach(arg -> assertThat(zh).as(phrase.key()).contains(String.valueOf(arg)));
        }
    }

    @Test
    void a_command_result_is_worded_in_each_language_around_the_kernels_own_text() {
        List<CheckResult> results = new Expectation(0, List.of(" 0% packet loss"), List.of(), List.of())
                .check(0, "3 packets transmitted, 3 received, 0% packet loss");

        assertThat(results)
                .extracting(r -> r.expected().in("en"))
                .containsExactly("exit status 0", "output contains \" 0% packet loss\"");
        assertThat(results).extracting(r -> r.expected().in("zh")).containsExactly("退出状态为 0", "输出里有“ 0% packet loss”");
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Phrase.class.getResourceAsStream("phrases_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static List<String> placeholders(String pattern) {
        return Pattern.compile("\\{\\d}")
                .matcher(pattern)
                .results()
                .map(m -> m.group())
                .sorted()
                .toList();
    }
}
