package org.bridgelab.lesson;

import java.util.List;
import java.util.Map;

/**
 * A lesson file as written (JSON, read by Jackson; unknown fields are refused). {@link LessonReader}
 * resolves it into a validated {@link Lesson}.
 */
record LessonDto(String id, Map<String, String> title, Map<String, String> summary, List<String> requires,
                 List<StepDto> steps) {

    record StepDto(String id, Map<String, String> title, Map<String, String> text, Map<String, String> hint,
                   PredictDto predict, List<ActionDto> actions) {
    }

    /** A question asked before the step runs; {@code answer} is the id of one of the choices. */
    record PredictDto(Map<String, String> question, List<ChoiceDto> choices, String answer, Map<String, String> because) {
    }

    record ChoiceDto(String id, Map<String, String> text) {
    }

    /** Exactly one of run, send, await, stop, check; {@code modern} is today's form of a run command. */
    record ActionDto(String run, String modern, String on, String background, Integer timeoutSeconds, ReadyDto ready,
                     ExpectDto expect, String send, String to, String await, String stop, List<StateDto> check) {
    }

    /**
     * One fact about the kernel's state; exactly one of namespace, link, port, address, route, forwarding,
     * rule, policy, conntrack, reaches, fdb says which. {@code in} is the namespace (default "host");
     * {@code absent} expects the opposite.
     */
    record StateDto(String namespace, String link, String port, String address, String route, Boolean forwarding,
                    String rule, String policy, ConntrackDto conntrack, String reaches,
                    String in, Boolean up, String of, String on, String via, String table, String chain,
                    String from, Integer tcpPort, Boolean reachable, Boolean absent, String fdb) {
    }

    record ConntrackDto(String protocol, String from, String to, String replyFrom, String replyTo) {
    }

    record ExpectDto(Integer exit, List<String> outputContains, List<String> outputLacks, List<String> outputMatches,
                     List<String> outputInOrder) {
    }

    record ReadyDto(String namespace, Integer tcpPort) {
    }

    record CurriculumDto(List<String> lessons) {
    }
}
