package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bridgelab.lab.Lab;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.session.LabSession;
import org.bridgelab.testing.RecordedKernel;
import org.bridgelab.testing.RecordedLabHost;
import org.bridgelab.testing.RecordedLabHost.Answer;
import org.bridgelab.testing.TemporaryStateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The window's view models — connection, console, lessons and diagram — on a lab host that answers from the
 * kernel's recorded output: no kernel, no toolkit, work and hand-over on the test's thread.
 */
class LabViewModelTest {
    @RegisterExtension
    final TemporaryStateDirectory state = new TemporaryStateDirectory();

    private final RecordedLabHost host = new RecordedLabHost(RecordedKernel.fullRead());
    private final Curriculum curriculum = Curriculum.bundled();
    private final SameThreadTaskExecutor fx = new SameThreadTaskExecutor();
    private final LabViewModel model = new LabViewModel(
            curriculum,
            note -> LabSession.open(Lab.attached(host), LabSession.Options.commandLine(false, false, 1), note),
            fx);

    @AfterEach
    void release() {
        model.dispose();
    }

    @Test
    void connecting_reads_the_kernel_into_the_diagram_with_nothing_glowing() {
        // when:
        model.connect();

        // then:
        assertThat(model.connectedProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.labDescriptionProperty().get().in("en")).isEqualTo("recorded");
        assertThat(model.topology()
                        .topologyProperty()
                        .get()
                        .namespace("host")
                        .orElseThrow()
                        .link("br0"))
                .isPresent();
        assertThat(model.topology().updateProperty().get().changedLinks()).isEmpty();
    }

    @Test
    void a_pasted_prompt_is_taken_off_and_the_command_runs_on_the_lab_host() throws InterruptedException {
        // given:
        model.connect();
        host.answer("host: stdbuf -oL ip netns list", Answer.printing("docker0\n"));

        // when:
        typed("host", "$ ip netns list");

        // then:
        assertThat(host.asked()).contains("host: stdbuf -oL ip netns list");
        assertThat(lines("en"))
                .containsSubsequence(
                        "NOTE took off the pasted prompt \"$\"", "COMMAND $ ip netns list", "OUTPUT docker0");
        assertThat(lines("zh"))
                .containsSubsequence("NOTE 去掉了一起粘贴进来的提示符“$”", "COMMAND $ ip netns list", "OUTPUT docker0");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void a_failing_command_shows_the_kernels_own_error_and_its_exit_status() throws InterruptedException {
        // given:
        model.connect();
        host.answer("docker0: stdbuf -oL ip link del nosuch", new Answer(1, "", "Cannot find device \"nosuch\"\n"));

        // when:
        typed("docker0", "ip link del nosuch");

        // then:
        assertThat(lines("en"))
                .containsSubsequence(
                        "COMMAND [docker0] $ ip link del nosuch",
                        "OUTPUT Cannot find device \"nosuch\"",
                        "FAILED exit status 1");
        assertThat(lines("zh")).contains("FAILED 退出状态 1");
        assertThat(model.connectedProperty().get()).isTrue();
    }

    @Test
    void an_apt_get_install_is_answered_and_not_run() {
        // given:
        model.connect();

        // when:
        model.console().runCommand("host", "sudo apt-get install bridge-utils");

        // then:
        assertThat(host.asked()).noneMatch(asked -> asked.contains("apt-get"));
        assertThat(model.console().entries()).anySatisfy(entry -> {
            assertThat(entry.kind()).isEqualTo(ConsoleEntry.Kind.NOTE);
            assertThat(entry.text()).startsWith("bridge-utils is already there: brctl");
        });
    }

    @Test
    void shell_syntax_is_refused_with_its_reason_before_anything_runs() {
        // given:
        model.connect();
        int asked = host.asked().size();

        // when:
        model.console().runCommand("host", "ip link | grep br0");

        // then:
        assertThat(host.asked()).hasSize(asked);
        assertThat(model.console()
                        .entries()
                        .get(model.console().entries().size() - 1)
                        .kind())
                .isEqualTo(ConsoleEntry.Kind.FAILED);
    }

    @Test
    void without_a_lab_a_typed_command_says_so() {
        model.console().runCommand("host", "ip link");

        assertThat(lines("en")).contains("FAILED the lab is not connected");
        assertThat(host.asked()).isEmpty();
    }

    @Test
    void a_typed_command_that_undoes_a_passed_step_unticks_it_and_the_diagram_glows_where_it_changed()
            throws Exception {
        // given: s1's "plug-in" step passed, and the kernel shows veth1 and veth3 in br0
        model.connect();
        Lesson s1 = curriculum.lesson("s1");
        Lesson.Step plugIn = s1.steps().stream()
                .filter(step -> step.id().equals("plug-in"))
                .findFirst()
                .orElseThrow();
        model.lessons().stepStates().put(LessonViewModel.key(s1, plugIn), StepState.PASSED);
        String plugged = RecordedKernel.fixture("host-addr.json");
        host.answer("host: stdbuf -oL ip link set veth1 nomaster", Answer.printing(""));
        host.answer("host: stdbuf -oL ip link set veth1 master br0", Answer.printing(""));

        // when: the learner takes veth1 out of br0
        host.answer("host: ip -j -d addr show", Answer.printing(withoutMaster(plugged, "veth1")));
        typed("host", "ip link set veth1 nomaster");

        // then:
        assertThat(model.lessons().state(s1, plugIn)).isEqualTo(StepState.NO_LONGER_HOLDS);
        assertThat(lines("en"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith(
                                "NOTE the kernel no longer shows what step \"Plug the other ends into br0\" checked: "
                                        + "veth1 is a port of br0 in host"));
        assertThat(lines("zh"))
                .anySatisfy(line ->
                        assertThat(line).startsWith("NOTE 内核里已经看不到步骤“把另一头插到 br0 上”检查过的内容：veth1 是 host 中网桥 br0 的端口"));
        assertThat(model.topology().updateProperty().get().changedLinks()).containsExactly("host/veth1");

        // when: and plugs it back
        host.answer("host: ip -j -d addr show", Answer.printing(plugged));
        typed("host", "ip link set veth1 master br0");

        // then:
        assertThat(model.lessons().state(s1, plugIn)).isEqualTo(StepState.PASSED);
        assertThat(model.topology().updateProperty().get().changedLinks()).containsExactly("host/veth1");
    }

    @Test
    void running_a_step_catches_up_on_the_steps_before_it_and_says_so_only_while_they_run() {
        // given: c1's first step answers as the kernel would; the second, asked for, is not recorded (it fails)
        model.connect();
        host.answer(
                "host: ls -l /proc/self/ns",
                Answer.printing("net -> net:[4026531840]\nmnt -> mnt:[4026531841]\n"
                        + "pid -> pid:[4026531836]\nuts -> uts:[4026531838]\n"));
        host.answer("host: readlink /proc/self/ns/net", Answer.printing("net:[4026531840]\n"));
        Lesson c1 = curriculum.lesson("c1-namespaces");
        java.util.List<Boolean> whileAsked = new java.util.ArrayList<>();
        java.util.List<Integer> askedWhen = new java.util.ArrayList<>();
        java.util.List<Boolean> sessionCatchingUp = new java.util.ArrayList<>();
        model.lessons().catchingUpProperty().addListener((obs, was, now) -> {
            whileAsked.add(now);
            askedWhen.add(host.asked().size());
            sessionCatchingUp.add(model.session().isCatchingUp());
        });

        // when: the learner runs the second step, which builds on the first
        model.lessons().runStep(c1, c1.steps().get(1));

        // then: catching up while the first ran, not while the second did, nor afterwards
        int first = host.asked().indexOf("host: ls -l /proc/self/ns");
        int second = java.util.stream.IntStream.range(0, host.asked().size())
                .filter(i -> host.asked().get(i).contains("ip netns add a"))
                .findFirst()
                .orElseThrow();
        assertThat(valueAt(whileAsked, askedWhen, first)).isTrue();
        assertThat(valueAt(whileAsked, askedWhen, second)).isFalse();
        assertThat(model.lessons().catchingUpProperty().get()).isFalse();
        assertThat(model.lessons().state(c1, c1.steps().get(0))).isEqualTo(StepState.PASSED);
        // and the lab session knew it, so the counters its packets moved were read once, at the end
        assertThat(sessionCatchingUp).isEqualTo(whileAsked);
        assertThat(model.session().isCatchingUp()).isFalse();
    }

    /** The value the property had when command number {@code asked} was asked (false before any change). */
    private static boolean valueAt(java.util.List<Boolean> values, java.util.List<Integer> changedAt, int asked) {
        boolean value = false;
        for (int i = 0; i < values.size() && changedAt.get(i) <= asked; i++) {
            value = values.get(i);
        }
        return value;
    }

    @Test
    void a_prediction_is_judged_against_the_answer_once_its_step_ran() {
        // given: a step with a question, and the learner's pick of a choice that is not the answer
        Lesson lesson = curriculum.lessons().stream()
                .filter(each -> each.steps().stream().anyMatch(step -> step.predict() != null))
                .findFirst()
                .orElseThrow();
        Lesson.Step step = lesson.steps().stream()
                .filter(each -> each.predict() != null)
                .findFirst()
                .orElseThrow();
        Lesson.Choice wrong = step.predict().choices().stream()
                .filter(choice -> !choice.id().equals(step.predict().answer()))
                .findFirst()
                .orElseThrow();
        String key = LessonViewModel.key(lesson, step);
        model.lessons().predictions().put(key, wrong.id());
        assertThat(model.lessons().answered(lesson, step))
                .as("not judged before the step ran")
                .isEmpty();

        // when: the step ran
        model.lessons()
                .stepReports()
                .put(
                        key,
                        new org.bridgelab.lesson.RunReport.StepReport(
                                lesson.id(),
                                step.id(),
                                step.title().en(),
                                java.util.List.of(),
                                null,
                                new org.bridgelab.lesson.RunReport.PredictionReport(
                                        step.predict().question(),
                                        step.predict().answer(),
                                        step.predict().because(),
                                        step.predict().because(),
                                        true)));

        // then:
        assertThat(model.lessons().answered(lesson, step)).contains(new LessonViewModel.Answered(wrong, false));
        model.lessons().predictions().put(key, step.predict().answer());
        assertThat(model.lessons().answered(lesson, step).orElseThrow().right()).isTrue();
        // and a session exported now counts this lab's answer, right, and no answer of another lab
        assertThat(model.lessons().progressOfThisLab().predictions())
                .containsExactly(java.util.Map.entry(
                        key, new Progress.Answer(step.predict().answer(), true)));
        model.lessons().newLab();
        assertThat(model.lessons().progressOfThisLab().predictions()).isEmpty();
        assertThat(model.lessons().progress().progressProperty().get().predictions())
                .as("the lasting progress keeps it")
                .containsKey(key);
    }

    @Test
    void a_lesson_file_opened_is_offered_and_says_what_it_runs_and_a_broken_one_names_its_field(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // given:
        java.nio.file.Path good = dir.resolve("mine.json");
        java.nio.file.Files.writeString(good, """
                {"id": "mine", "title": {"en": "Mine", "zh": "我的"}, "requires": ["s1"],
                 "steps": [{"id": "look", "title": {"en": "Look", "zh": "看"},
                            "actions": [{"run": "sudo bridge link"}]}]}
                """);
        java.nio.file.Path broken = dir.resolve("broken.json");
        java.nio.file.Files.writeString(broken, "{\"id\": \"broken\", \"title\": {\"en\": \"B\"}, \"steps\": []}");
        java.util.List<Lesson> opened = new java.util.ArrayList<>();
        java.util.List<String> failures = new java.util.ArrayList<>();

        // when:
        model.lessons().open(good, opened::add, failures::add);
        model.lessons().open(broken, opened::add, failures::add);

        // then:
        assertThat(opened).extracting(Lesson::id).containsExactly("mine");
        assertThat(model.lessons().curriculum().lesson("mine").source()).isEqualTo(good.toString());
        assertThat(lines("en")).contains("NOTE lesson mine from " + good + " runs: bridge");
        assertThat(failures)
                .singleElement()
                .asString()
                .startsWith(broken + ": ")
                .contains("field \"title.zh\"");
    }

    @Test
    void the_lessons_commands_on_the_host_join_the_history_for_the_up_arrow() {
        // given: s1's first step, its first command reported as run (and a check, which is no command)
        Lesson s1 = curriculum.lesson("s1");
        Lesson.Step first = s1.steps().get(0);
        String command = first.actions().get(0).display();
        var output = model.console().lessonOutput();

        // when:
        output.actionFinished(
                s1,
                first,
                new org.bridgelab.lesson.RunReport.ActionReport(command, "host", 0, "", 1, java.util.List.of()));
        output.actionFinished(
                s1,
                first,
                new org.bridgelab.lesson.RunReport.ActionReport(
                        "(check the kernel's state: 2 facts)", "host", null, "", 1, java.util.List.of()));

        // then: ↑ brings the command back, and only it
        assertThat(model.console().history().previous("")).isEqualTo(command);
        assertThat(model.console().history().previous("")).isEqualTo(command);
    }

    @Test
    void a_new_lab_forgets_every_step_and_marks_where_it_starts() {
        // given:
        model.connect();
        Lesson s1 = curriculum.lesson("s1");
        model.lessons().stepStates().put(LessonViewModel.key(s1, s1.steps().get(0)), StepState.PASSED);

        // when:
        model.reset();

        // then:
        assertThat(model.lessons().stepStates()).isEmpty();
        assertThat(lines("en")).contains("NOTE — new lab —");
        assertThat(model.connectedProperty().get()).isTrue();
    }

    /** The console's lines as the learner reads them in {@code language}, each after its kind. */
    @Test
    void a_command_in_the_foreground_takes_typed_lines_as_its_input_and_ctrl_c_interrupts_it() throws Exception {
        // given: a command that reads its input (cat here; telnet and nc in the lab)
        model.connect();
        host.answerLive("host: stdbuf -oL cat", List.of("cat"));
        fx.fx(() -> model.console().runCommand("host", "cat"));
        assertThat(fx.fx(() -> model.console().foregroundProperty().get())).isNotNull();

        // when: a line is typed while it runs
        fx.fx(() -> model.console().runCommand("host", "GET / HTTP/1.0"));

        // then: it is the command's input, which it answers
        assertThat(awaitLine("OUTPUT GET / HTTP/1.0", 2)).isTrue();
        assertThat(host.asked()).doesNotContain("host: stdbuf -oL GET / HTTP/1.0");

        // when: Ctrl-C
        CountDownLatch ended = idle();
        fx.fx(() -> model.console().interruptForeground());

        // then: it ends, as interrupted, and the console is the learner's again
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lines("en")).containsSubsequence("OUTPUT ^C", "FAILED exit status 130");
        assertThat(model.console().foregroundProperty().get()).isNull();
    }

    /** Types a command and waits for it to end, as the learner waits for the prompt to come back. */
    private void typed(String node, String text) throws InterruptedException {
        CountDownLatch ended = idle();
        model.console().runCommand(node, text);
        if (model.busyProperty().get()) {
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("%s ended", text).isTrue();
        }
    }

    /** Counts down once the window is no longer busy. */
    private CountDownLatch idle() {
        CountDownLatch idle = new CountDownLatch(1);
        model.busyProperty().addListener((property, was, now) -> {
            if (!now) {
                idle.countDown();
            }
        });
        return idle;
    }

    /** Whether the console shows {@code line} {@code times} times within ten seconds. */
    private boolean awaitLine(String line, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (lines("en").stream().filter(line::equals).count() >= times) {
                return true;
            }
            // the command's output arrives on its own thread; the console list is read again
            Thread.sleep(10);
        }
        return false;
    }

    private java.util.List<String> lines(String language) {
        return fx.fx(() -> model.console().entries().stream()
                .map(entry -> entry.kind() + " " + entry.in(language))
                .toList());
    }

    /** The recorded {@code ip -j -d addr show} with {@code link} taken out of its bridge. */
    private static String withoutMaster(String addrJson, String link) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode links = (ArrayNode) mapper.readTree(addrJson);
        links.forEach(node -> {
            if (node.path("ifname").asText().equals(link)) {
                ((ObjectNode) node).remove("master");
            }
        });
        return mapper.writeValueAsString(links);
    }
}
