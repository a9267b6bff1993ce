package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of one's own lessons is offered beside the built-in ones; a broken file is named, the rest load. */
class UserLessonsTest {
    private static String lesson(String id, String requires) {
        return """
                {"id": "%s", "title": {"en": "Mine", "zh": "我的"}, "requires": [%s],
                 "steps": [{"id": "one", "title": {"en": "One", "zh": "一"},
                            "actions": [{"run": "ip link"}]}]}
                """.formatted(id, requires == null ? "" : "\"" + requires + "\"");
    }

    @Test
    void every_lesson_of_the_folder_is_offered_even_one_that_builds_on_another_named_after_it(@TempDir Path folder)
            throws IOException {
        // given: "a-late" builds on "b-base", whose file comes after it by name
        Files.writeString(folder.resolve("a.json"), lesson("a-late", "b-base"));
        Files.writeString(folder.resolve("b.json"), lesson("b-base", "s1"));
        Files.writeString(folder.resolve("notes.txt"), "not a lesson");

        // when:
        UserLessons.Loaded loaded = UserLessons.load(Curriculum.bundled(), folder);

        // then:
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.curriculum().lesson("a-late").source())
                .isEqualTo(folder.resolve("a.json").toString());
        assertThat(loaded.curriculum().lesson("s1")).isNotNull();
        assertThat(loaded.curriculum().withPrerequisites(java.util.List.of("a-late")))
                .extracting(Lesson::id)
                .containsSubsequence("s1", "b-base", "a-late");
    }

    @Test
    void a_file_that_cannot_be_used_is_named_with_its_field_and_the_others_load(@TempDir Path folder)
            throws IOException {
        // given:
        Files.writeString(folder.resolve("good.json"), lesson("good", null));
        Files.writeString(folder.resolve("broken.json"), lesson("Broken Id", null));

        // when:
        UserLessons.Loaded loaded = UserLessons.load(Curriculum.bundled(), folder);

        // then:
        assertThat(loaded.curriculum().lesson("good")).isNotNull();
        assertThat(loaded.problems())
                .singleElement()
                .asString()
                .startsWith(folder.resolve("broken.json") + ": ")
                .contains("field \"id\"");
    }

    @Test
    void no_folder_is_no_lessons_of_ones_own(@TempDir Path home) {
        UserLessons.Loaded loaded = UserLessons.load(Curriculum.bundled(), home.resolve("none"));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.curriculum().lessons())
                .hasSameSizeAs(Curriculum.bundled().lessons());
    }
}
