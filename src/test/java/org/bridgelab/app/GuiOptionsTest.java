package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bridgelab.app.InProcessCli.bridgelab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bridgelab.app.InProcessCli.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the window is asked to open is checked on the terminal, before the toolkit starts: exit 2 and the reason. */
class GuiOptionsTest {
    @TempDir
    Path dir;

    @Test
    void a_lesson_file_that_cannot_be_used_names_file_field_and_problem() throws IOException {
        Path lesson = dir.resolve("mine.json");
        Files.writeString(lesson, "{\"id\": \"mine\", \"title\": 3}");

        Outcome outcome = bridgelab("gui", "--lesson-file", lesson.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("bridgelab gui: " + lesson).contains("title");
    }

    @Test
    void a_missing_lesson_file_and_an_unknown_lesson_are_said() {
        assertThat(bridgelab("gui", "--lesson-file", dir.resolve("nope.json").toString())
                        .stderr())
                .contains("cannot read the file");
        Outcome unknown = bridgelab("gui", "--run", "s9");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no lesson \"s9\"");
    }

    @Test
    void a_lesson_files_lesson_can_be_run_and_a_screenshot_must_be_writable() throws IOException {
        Path lesson = dir.resolve("mine.json");
        Files.writeString(lesson, """
                {"id": "mine", "title": {"en": "Mine", "zh": "我的"}, "summary": {"en": "s", "zh": "s"},
                 "steps": [{"id": "a", "title": {"en": "a", "zh": "a"}, "text": {"en": "t", "zh": "t"},
                            "actions": [{"run": "ip link"}]}]}
                """);

        GuiOptions options = new GuiOptions(
                "mine",
                null,
                null,
                org.bridgelab.view.Theme.LIGHT,
                java.util.List.of(org.bridgelab.lab.LabHostChoice.sandbox()),
                lesson,
                1,
                null,
                null);

        assertThat(options.lessons().curriculum().lesson("mine").source()).isEqualTo(lesson.toString());
        assertThat(bridgelab(
                                "gui",
                                "--screenshot",
                                dir.resolve("no/such/dir/x.png").toString())
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void run_names_a_lesson_or_one_of_its_steps_and_a_step_it_lacks_is_said() {
        org.bridgelab.lesson.Curriculum curriculum = org.bridgelab.lesson.Curriculum.bundled();

        GuiOptions.Target whole = options("s3").target(curriculum);
        GuiOptions.Target upTo = options("overlay/mtu").target(curriculum);

        assertThat(whole.step())
                .isEqualTo(whole.lesson().steps().get(whole.lesson().steps().size() - 1));
        assertThat(upTo.lesson().id()).isEqualTo("overlay");
        assertThat(upTo.step().id()).isEqualTo("mtu");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> options("s1/nosuch").target(curriculum))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lesson s1 has no step \"nosuch\" (its steps: ");
    }

    private static GuiOptions options(String run) {
        return new GuiOptions(
                run,
                null,
                null,
                org.bridgelab.view.Theme.LIGHT,
                java.util.List.of(org.bridgelab.lab.LabHostChoice.sandbox()),
                null,
                1,
                null,
                null);
    }

    @Test
    void two_lab_hosts_offer_only_the_lessons_played_on_two_hosts_of_their_own() {
        GuiOptions twoHosts = new GuiOptions(
                null,
                null,
                null,
                org.bridgelab.view.Theme.LIGHT,
                java.util.List.of(
                        org.bridgelab.lab.LabHostChoice.parse("ssh:vm-a", null, false),
                        org.bridgelab.lab.LabHostChoice.parse("ssh:vm-b", null, false)),
                null,
                1,
                null,
                null);

        assertThat(twoHosts.lessons().curriculum().lessons())
                .extracting(org.bridgelab.lesson.Lesson::id)
                .containsExactly("overlay");
        assertThat(options("s1").lessons().curriculum().lessons()).hasSizeGreaterThan(10);
        assertThat(org.bridgelab.lesson.Curriculum.bundled().withHosts(3).lessons())
                .isEmpty();
    }
}
