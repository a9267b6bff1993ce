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
    void
            the_bundled_curriculum_holds_the_concepts_the_four_scenarios_their_challenges_docker_and_the_teardown_in_order() {
        assertThat(curriculum.lessons())
                .extracting(Lesson::id)
                .containsExactly(
                        "c1-namespaces",
                        "c2-veth",
                        "c3-bridge-learns",
                        "c4-separate-lans",
                        "c5-netfilter",
                        "s1",
                        "s2",
                        "s3",
                        "s4",
                        "challenge-forward-drop",
                        "challenge-default-route",
                        "challenge-dnat-output",
                        "docker",
                        "overlay",
                        "teardown");
        assertThat(curriculum.lessons()).allSatisfy(lesson -> {
            assertThat(lesson.title().en()).isNotBlank();
            assertThat(lesson.title().zh()).isNotBlank();
        });
    }

    @Test
    void a_lesson_names_the_programs_it_runs_without_sudo() {
        Lesson s1 = curriculum.lessons().stream()
                .filter(lesson -> lesson.id().equals("s1"))
                .findFirst()
                .orElseThrow();

        assertThat(List.copyOf(s1.programs()))
                .contains("ip", "ping")
                .doesNotContain("sudo")
                .isSorted();
    }

    @Test
    void a_lesson_brings_the_lessons_it_builds_on_in_teaching_order() {
        assertThat(ids(curriculum.withPrerequisites(List.of("s4")))).containsExactly("s1", "s3", "s4");
        assertThat(ids(curriculum.withPrerequisites(List.of("s3", "s1")))).containsExactly("s1", "s3");
        assertThat(ids(curriculum.withPrerequisites(List.of("s2")))).containsExactly("s1", "s2");
        assertThat(ids(curriculum.withPrerequisites(List.of("c4-separate-lans"))))
                .containsExactly("c3-bridge-learns", "c4-separate-lans");
        assertThat(ids(curriculum.withPrerequisites(List.of("docker")))).containsExactly("s1", "s3", "s4", "docker");
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
    void a_byte_order_mark_is_skipped_and_bytes_that_are_not_utf8_are_named(@TempDir Path dir) throws IOException {
        // given: the same lesson saved by an editor that writes a BOM, and once with a Latin-1 "é"
        String lesson = """
                {"id": "mine", "title": {"en": "Mine", "zh": "我的"}, "steps": [
                  {"id": "look", "title": {"en": "Look", "zh": "看"}, "actions": [{"run": "ip netns list"}]}]}""";
        Path bom = dir.resolve("bom.json");
        Files.write(
                bom, (new String(new char[] {'\uFEFF'}) + lesson).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path latin1 = dir.resolve("latin1.json");
        Files.write(
                latin1, lesson.replace("Look", "Regard\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        // then:
        assertThat(ids(curriculum.with(bom).lessons())).contains("mine");
        assertThatThrownBy(() -> curriculum.with(latin1))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageContaining(latin1.toString())
                .hasMessageContaining("line 2 (byte 104 of the file)")
                .hasMessageContaining("not UTF-8 text");
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

    @Test
    void every_step_of_every_lesson_has_a_hint_in_both_languages() {
        assertThat(curriculum.lessons())
                .allSatisfy(lesson -> assertThat(lesson.steps()).allSatisfy(step -> {
                    assertThat(step.hint()).as(lesson.id() + "/" + step.id()).isNotNull();
                    assertThat(step.hint().zh())
                            .as(lesson.id() + "/" + step.id())
                            .isNotBlank();
                }));
    }

    @Test
    void every_2018_bridge_and_route_command_has_its_modern_form() {
        List<Action.Run> old = curriculum.lessons().stream()
                .flatMap(lesson -> lesson.steps().stream())
                .flatMap(step -> step.actions().stream())
                .filter(Action.Run.class::isInstance)
                .map(Action.Run.class::cast)
                .filter(run -> run.argv().contains("brctl") || isNetToolsRoute(run.argv()))
                .toList();
        assertThat(old)
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(
                        run -> assertThat(run.hasModernForm()).as(run.text()).isTrue());
        assertThat(old)
                .extracting(Action.Run::modern)
                .contains(
                        "sudo ip link add br0 type bridge",
                        "sudo ip link set veth1 master br0",
                        "bridge link",
                        "sudo ip link del br0",
                        "sudo ip netns exec docker0 ip route add default via 172.18.0.1 dev veth0",
                        "sudo ip netns exec docker0 ip route");
    }

    @Test
    void the_scenarios_ask_the_tutorials_questions_before_running() {
        Lesson.Prediction firstPacket = step("s1", "ping").predict();
        assertThat(firstPacket.answer()).isEqualTo("arp");
        assertThat(step("s3", "before-masquerade").predict().answer()).isEqualTo("no");
        assertThat(step("s4", "from-the-host").predict().answer()).isEqualTo("no");
    }

    @Test
    void the_teardown_removes_the_output_dnat_that_s4_adds() {
        assertThat(step("teardown", "rules").actions())
                .extracting(Action::display)
                .contains(
                        "sudo iptables -t nat -D OUTPUT -d 192.0.2.183 -p tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80");
    }

    /** {@code route …} of net-tools, not {@code ip route}. */
    private static boolean isNetToolsRoute(List<String> argv) {
        int at = argv.indexOf("route");
        return at >= 0 && (at == 0 || !argv.get(at - 1).equals("ip"));
    }

    private Lesson.Step step(String lesson, String step) {
        return curriculum.lessons().stream()
                .filter(l -> l.id().equals(lesson))
                .flatMap(l -> l.steps().stream())
                .filter(s -> s.id().equals(step))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A prediction asked after a text that already says the answer teaches nothing. The answer's own words
     * (those no other choice and not the question uses: "ARP", "10.1.1.1", "refused") must not appear in the
     * text shown before it; the explanation belongs in "because", shown after the reveal.
     */
    @Test
    void the_text_shown_before_a_prediction_never_contains_its_answer() {
        List<String> givenAway = new java.util.ArrayList<>();
        for (Lesson lesson : curriculum.lessons()) {
            for (Lesson.Step step : lesson.steps()) {
                Lesson.Prediction predict = step.predict();
                if (predict == null) {
                    continue;
                }
                java.util.Set<String> distinctive = new java.util.HashSet<>(words(predict.choices().stream()
                        .filter(choice -> choice.id().equals(predict.answer()))
                        .findFirst()
                        .orElseThrow()
                        .text()
                        .en()));
                predict.choices().stream()
                        .filter(choice -> !choice.id().equals(predict.answer()))
                        .forEach(choice ->
                                distinctive.removeAll(words(choice.text().en())));
                distinctive.removeAll(words(predict.question().en()));
                List<String> before =
                        words(step.title().en() + " " + step.text().en());
                List<String> said =
                        before.stream().filter(distinctive::contains).distinct().toList();
                if (!said.isEmpty()) {
                    givenAway.add(lesson.id() + "/" + step.id() + " says " + said + " before asking");
                }
            }
        }
        assertThat(givenAway).isEmpty();
    }

    /** Words that can carry an answer: 4+ letters, an acronym (ARP), or anything with a digit (an address, a port). */
    private static List<String> words(String text) {
        return java.util.Arrays.stream(text.split("[\\s,;:!?()\"`]+|[.](?=\\s|$)"))
                .filter(word -> word.length() >= 4 || word.matches("[A-Z]{3,}") || word.matches(".*\\d.*"))
                .map(word -> word.toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
