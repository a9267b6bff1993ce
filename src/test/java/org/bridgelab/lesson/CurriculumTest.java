package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurriculumTest {
    private final Curriculum curriculum = Curriculum.bundled();

    @Test
    void the_bundled_curriculum_holds_the_four_scenarios_and_the_teardown_in_order() {
        assertThat(curriculum.lessons()).extracting(Lesson::id).containsExactly("s1", "s2", "s3", "s4", "teardown");
        assertThat(curriculum.lessons()).allSatisfy(lesson -> {
            assertThat(lesson.title().en()).isNotBlank();
            assertThat(lesson.title().zh()).isNotBlank();
        });
    }

    @Test
    void a_lesson_brings_the_lessons_it_builds_on_in_teaching_order() {
        assertThat(ids(curriculum.withPrerequisites(List.of("s4")))).containsExactly("s1", "s3", "s4");
        assertThat(ids(curriculum.withPrerequisites(List.of("s3", "s1")))).containsExactly("s1", "s3");
        assertThat(ids(curriculum.withPrerequisites(List.of("s2")))).containsExactly("s1", "s2");
    }

    @Test
    void an_unknown_lesson_is_named() {
        assertThatThrownBy(() -> curriculum.withPrerequisites(List.of("s9"))).hasMessageContaining("no lesson \"s9\"");
    }

    @Test
    void a_lesson_file_from_anywhere_may_build_on_bundled_lessons(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {"id": "mine", "title": {"en": "Mine", "zh": "我的"}, "requires": ["s1"], "steps": [
                  {"id": "look", "title": {"en": "Look", "zh": "看"}, "actions": [{"run": "ip netns list"}]}]}""");

        Curriculum withMine = curriculum.with(file);

        assertThat(ids(withMine.withPrerequisites(List.of("mine")))).containsExactly("s1", "mine");
    }

    @Test
    void a_lesson_file_requiring_an_unknown_lesson_is_refused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"id": "bad", "title": {"en": "B", "zh": "坏"}, "requires": ["s7"], "steps": [
                  {"id": "look", "title": {"en": "Look", "zh": "看"}, "actions": [{"run": "true"}]}]}""");

        assertThatThrownBy(() -> curriculum.with(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field \"requires\"")
                .hasMessageContaining("no lesson has the id \"s7\"");
    }

    private static List<String> ids(List<Lesson> lessons) {
        return lessons.stream().map(Lesson::id).toList();
    }
}
