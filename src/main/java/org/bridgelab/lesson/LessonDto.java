package org.bridgelab.lesson;

import java.util.List;
import java.util.Map;

/**
 * A lesson file as written (JSON, read by Jackson; unknown fields are refused). An action and a fact are each
 * one of several kinds, told apart by the field that names the kind (its record's first component: "run",
 * "check"; "link", "route"), each kind a record with only its own fields, read by the interface's
 * {@link OneOfReader} (registered for the interface alone, so that it does not read the records too). {@link
 * LessonReader} resolves the whole into a validated {@link Lesson}.
 */
record LessonDto(
        String id,
        Map<String, String> title,
        Map<String, String> summary,
        List<String> requires,
        List<String> hosts,
        ChallengeDto challenge,
        List<StepDto> steps) {

    /**
     * Makes the lesson a challenge: {@code setup} breaks the lab (hidden from the learner), the file's one step
     * is the goal, {@code hints} come one at a time, {@code diagnosis} when asked, {@code solution} proves it
     * solvable.
     */
    record ChallengeDto(
            List<ActionDto> setup,
            List<Map<String, String>> hints,
            Map<String, String> diagnosis,
            List<ActionDto> solution) {}

    record StepDto(
            String id,
            Map<String, String> title,
            Map<String, String> text,
            Map<String, String> hint,
            PredictDto predict,
            List<ActionDto> actions,
            Boolean underlay) {}

    /** A question asked before the step runs; {@code answer} is the id of one of the choices. */
    record PredictDto(
            Map<String, String> question, List<ChoiceDto> choices, String answer, Map<String, String> because) {}

    record ChoiceDto(String id, Map<String, String> text) {}

    /** One action of a step: a command to run, input to send, output to await, a command to stop, or a check. */
    sealed interface ActionDto permits RunDto, SendDto, AwaitDto, StopDto, CheckDto {
        final class Reader extends OneOfReader<ActionDto> {
            Reader() {
                super("an action", List.of(RunDto.class, SendDto.class, AwaitDto.class, StopDto.class, CheckDto.class));
            }
        }
    }

    /** {@code modern} is today's form of the command; {@code background} names one left running. */
    record RunDto(
            String run,
            String modern,
            String on,
            String background,
            Integer timeoutSeconds,
            ReadyDto ready,
            ExpectDto expect)
            implements ActionDto {}

    record SendDto(String send, String to) implements ActionDto {}

    record AwaitDto(String await, Integer timeoutSeconds, ExpectDto expect) implements ActionDto {}

    record StopDto(String stop, ExpectDto expect) implements ActionDto {}

    record CheckDto(List<FactDto> check) implements ActionDto {}

    /**
     * One fact about the kernel's state. {@code in} is the namespace (default "host"); {@code absent} expects
     * the opposite.
     */
    sealed interface FactDto
            permits NamespaceFact,
                    LinkFact,
                    PortFact,
                    AddressFact,
                    RouteFact,
                    ForwardingFact,
                    RuleFact,
                    PolicyFact,
                    ConntrackFact,
                    ReachesFact,
                    FdbFact {
        final class Reader extends OneOfReader<FactDto> {
            Reader() {
                super(
                        "a fact",
                        List.of(
                                NamespaceFact.class,
                                LinkFact.class,
                                PortFact.class,
                                AddressFact.class,
                                RouteFact.class,
                                ForwardingFact.class,
                                RuleFact.class,
                                PolicyFact.class,
                                ConntrackFact.class,
                                ReachesFact.class,
                                FdbFact.class));
            }
        }
    }

    record NamespaceFact(String namespace, Boolean absent) implements FactDto {}

    record LinkFact(String link, String in, Boolean up, Boolean absent) implements FactDto {}

    record PortFact(String port, String in, String of, Boolean absent) implements FactDto {}

    record AddressFact(String address, String in, String on, Boolean absent) implements FactDto {}

    record RouteFact(String route, String in, String via, Boolean absent) implements FactDto {}

    record ForwardingFact(Boolean forwarding, String in) implements FactDto {}

    record RuleFact(String rule, String in, String table, Boolean absent) implements FactDto {}

    record PolicyFact(String policy, String in, String table, String chain) implements FactDto {}

    record ConntrackFact(ConntrackDto conntrack, String in) implements FactDto {}

    record ReachesFact(String reaches, String from, Integer tcpPort, Boolean reachable) implements FactDto {}

    record FdbFact(String fdb, String in, String on, String of, Boolean absent) implements FactDto {}

    record ConntrackDto(String protocol, String from, String to, String replyFrom, String replyTo) {}

    record ExpectDto(
            Integer exit,
            List<String> outputContains,
            List<String> outputLacks,
            List<String> outputMatches,
            List<String> outputInOrder) {}

    record ReadyDto(String namespace, Integer tcpPort) {}

    record CurriculumDto(List<String> lessons) {}
}
