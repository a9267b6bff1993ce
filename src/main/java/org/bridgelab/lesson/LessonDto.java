package org.bridgelab.lesson;

import java.util.List;
import java.util.Map;

/**
 * A lesson file as written (JSON, read by Jackson; unknown fields are refused). {@link LessonReader}
 * resolves it into a validated {@link Lesson}.
 */
record LessonDto(String id, Map<String, String> title, Map<String, String> summary, List<String> requires,
                 List<StepDto> steps) {

    record StepDto(String id, Map<String, String> title, Map<String, String> text, List<ActionDto> actions) {
    }

    /** Exactly one of run, send, await, stop. */
    record ActionDto(String run, String on, String background, Integer timeoutSeconds, ReadyDto ready,
                     ExpectDto expect, String send, String to, String await, String stop) {
    }

    record ExpectDto(Integer exit, List<String> outputContains, List<String> outputLacks, List<String> outputMatches) {
    }

    record ReadyDto(String namespace, Integer tcpPort) {
    }

    record CurriculumDto(List<String> lessons) {
    }
}
