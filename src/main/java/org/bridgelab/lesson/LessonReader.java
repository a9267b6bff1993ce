package org.bridgelab.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.bridgelab.lesson.LessonDto.ActionDto;
import org.bridgelab.lesson.LessonDto.ExpectDto;
import org.bridgelab.lesson.LessonDto.StepDto;

/** Reads one lesson file and resolves it, naming the file, the step and the field of any mistake. */
public final class LessonReader {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);

    private LessonReader() {
    }

    public static Lesson read(String source, String json) {
        LessonDto dto = parse(source, json, LessonDto.class);
        return new Resolver(source).lesson(dto);
    }

    static <T> T parse(String source, String json, Class<T> type) {
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new LessonFormatException(source, "", "the file is empty");
            }
            return value;
        } catch (JsonMappingException e) {
            String path = path(e);
            String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid");
            if (problem.startsWith("Unrecognized field")) {
                problem = "unknown field \"" + lastField(e) + "\"";
            }
            throw new LessonFormatException(source, location(e) + (path.isEmpty() ? "" : ", at " + path), problem);
        } catch (JsonProcessingException e) {
            throw new LessonFormatException(source, location(e), "not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastField(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        return refs.isEmpty() ? "?" : String.valueOf(refs.get(refs.size() - 1).getFieldName());
    }

    /** Raw → resolved, tracking where in the file it is so that every error can say so. */
    private static final class Resolver {
        private final String source;
        private final Set<String> backgrounds = new HashSet<>();
        private String where = "";

        Resolver(String source) {
            this.source = source;
        }

        Lesson lesson(LessonDto dto) {
            String id = id(dto.id(), "id");
            Text title = text(dto.title(), "title");
            Text summary = dto.summary() == null ? new Text("", "") : text(dto.summary(), "summary");
            List<String> requires = dto.requires() == null ? List.of() : dto.requires();
            if (dto.steps() == null || dto.steps().isEmpty()) {
                throw error("steps", "a lesson needs at least one step");
            }
            List<Lesson.Step> steps = new ArrayList<>();
            Set<String> stepIds = new HashSet<>();
            for (int i = 0; i < dto.steps().size(); i++) {
                StepDto step = dto.steps().get(i);
                where = "step " + (step.id() == null ? "#" + (i + 1) : "\"" + step.id() + "\"") + " (steps[" + i + "])";
                Lesson.Step resolved = step(step);
                if (!stepIds.add(resolved.id())) {
                    throw error("id", "another step already has the id \"" + resolved.id() + "\"");
                }
                steps.add(resolved);
            }
            return new Lesson(id, title, summary, requires, steps, source);
        }

        private Lesson.Step step(StepDto dto) {
            String id = id(dto.id(), "id");
            Text title = text(dto.title(), "title");
            Text text = dto.text() == null ? new Text("", "") : text(dto.text(), "text");
            if (dto.actions() == null || dto.actions().isEmpty()) {
                throw error("actions", "a step needs at least one action");
            }
            String stepWhere = where;
            List<Action> actions = new ArrayList<>();
            for (int i = 0; i < dto.actions().size(); i++) {
                where = stepWhere + ", actions[" + i + "]";
                actions.add(action(dto.actions().get(i)));
            }
            where = stepWhere;
            return new Lesson.Step(id, title, text, actions);
        }

        private Action action(ActionDto dto) {
            long kinds = java.util.stream.Stream.of(dto.run(), dto.send(), dto.await(), dto.stop())
                    .filter(java.util.Objects::nonNull).count();
            if (kinds != 1) {
                throw error("run", "an action has exactly one of \"run\", \"send\", \"await\", \"stop\" (found " + kinds + ")");
            }
            if (dto.run() != null) {
                return run(dto);
            }
            if (dto.send() != null) {
                known(dto.to(), "to");
                return new Action.Send(dto.to(), dto.send());
            }
            if (dto.await() != null) {
                known(dto.await(), "await");
                Expectation expect = expectation(dto.expect(), Expectation.NOTHING);
                if (expect.outputContains().isEmpty() && expect.outputMatches().isEmpty()) {
                    throw error("expect", "\"await\" needs expect.outputContains or expect.outputMatches");
                }
                return new Action.Await(dto.await(), timeout(dto, DEFAULT_AWAIT), expect);
            }
            known(dto.stop(), "stop");
            backgrounds.remove(dto.stop());
            return new Action.Stop(dto.stop(), expectation(dto.expect(), Expectation.NOTHING));
        }

        private Action.Run run(ActionDto dto) {
            List<String> argv;
            try {
                argv = CommandText.tokenize(dto.run());
            } catch (IllegalArgumentException e) {
                throw error("run", e.getMessage());
            }
            String node = dto.on() == null ? "host" : id(dto.on(), "on");
            if (dto.background() != null) {
                id(dto.background(), "background");
                if (!backgrounds.add(dto.background())) {
                    throw error("background", "\"" + dto.background() + "\" is already running");
                }
            } else if (dto.ready() != null) {
                throw error("ready", "only a background command has a readiness condition");
            }
            Action.Readiness ready = null;
            if (dto.ready() != null) {
                if (dto.ready().namespace() == null || dto.ready().tcpPort() == null) {
                    throw error("ready", "needs both \"namespace\" and \"tcpPort\"");
                }
                ready = new Action.Readiness(id(dto.ready().namespace(), "ready.namespace"), dto.ready().tcpPort());
            }
            Expectation fallback = dto.background() == null ? Expectation.SUCCESS : Expectation.NOTHING;
            return new Action.Run(dto.run(), argv, node, dto.background(), timeout(dto, Duration.ofSeconds(30)), ready,
                    expectation(dto.expect(), fallback));
        }

        private Expectation expectation(ExpectDto dto, Expectation fallback) {
            if (dto == null) {
                return fallback;
            }
            List<Pattern> patterns = new ArrayList<>();
            for (String regex : dto.outputMatches() == null ? List.<String>of() : dto.outputMatches()) {
                try {
                    patterns.add(Pattern.compile(regex, Pattern.MULTILINE));
                } catch (PatternSyntaxException e) {
                    throw error("expect.outputMatches", "not a valid regular expression: " + e.getDescription() + " in " + regex);
                }
            }
            Integer exit = dto.exit() != null ? dto.exit() : fallback.exit();
            return new Expectation(exit, dto.outputContains() == null ? List.of() : dto.outputContains(),
                    dto.outputLacks() == null ? List.of() : dto.outputLacks(), patterns);
        }

        private Duration timeout(ActionDto dto, Duration fallback) {
            if (dto.timeoutSeconds() == null) {
                return fallback;
            }
            if (dto.timeoutSeconds() <= 0 || dto.timeoutSeconds() > 600) {
                throw error("timeoutSeconds", "must be between 1 and 600, not " + dto.timeoutSeconds());
            }
            return Duration.ofSeconds(dto.timeoutSeconds());
        }

        private void known(String name, String field) {
            if (name == null) {
                throw error(field, "missing: name the background command");
            }
            if (!backgrounds.contains(name)) {
                throw error(field, "no background command named \"" + name + "\" is running at this point"
                        + (backgrounds.isEmpty() ? "" : " (running: " + String.join(", ", backgrounds) + ")"));
            }
        }

        private String id(String value, String field) {
            if (value == null) {
                throw error(field, "missing");
            }
            if (!ID.matcher(value).matches()) {
                throw error(field, "\"" + value + "\" is not a valid name (lowercase letters, digits and '-')");
            }
            return value;
        }

        private Text text(Map<String, String> value, String field) {
            if (value == null) {
                throw error(field, "missing (give \"en\" and \"zh\")");
            }
            Set<String> unknown = value.keySet().stream().filter(k -> !k.equals("en") && !k.equals("zh"))
                    .collect(Collectors.toSet());
            if (!unknown.isEmpty()) {
                throw error(field, "unknown language(s) " + unknown + " (use \"en\" and \"zh\")");
            }
            for (String language : List.of("en", "zh")) {
                if (value.get(language) == null || value.get(language).isBlank()) {
                    throw error(field + "." + language, "missing or empty");
                }
            }
            return new Text(value.get("en"), value.get("zh"));
        }

        private LessonFormatException error(String field, String problem) {
            return new LessonFormatException(source, where + (where.isEmpty() ? "" : ", ") + "field \"" + field + "\"", problem);
        }
    }
}
