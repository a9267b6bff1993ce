package org.bridgelab.lesson;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
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
import org.bridgelab.kernel.StateCheck;

/** Reads one lesson file and resolves it, naming the file, the step and the field of any mistake. */
public final class LessonReader {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a null inside a list or a text ("steps": [null]) is a mistake to name, not a crash later on
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
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
            } else if (e instanceof InvalidNullException) {
                problem = "null is not allowed here: give a value or leave the element out";
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
            Text hint = dto.hint() == null ? null : text(dto.hint(), "hint");
            Lesson.Prediction predict = dto.predict() == null ? null : prediction(dto.predict());
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
            return new Lesson.Step(id, title, text, hint, predict, actions);
        }

        private Lesson.Prediction prediction(LessonDto.PredictDto dto) {
            Text question = text(dto.question(), "predict.question");
            if (dto.choices() == null || dto.choices().size() < 2) {
                throw error("predict.choices", "give at least two choices");
            }
            List<Lesson.Choice> choices = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < dto.choices().size(); i++) {
                LessonDto.ChoiceDto choice = dto.choices().get(i);
                if (choice == null) {
                    throw error("predict.choices[" + i + "]", "missing");
                }
                String choiceId = id(choice.id(), "predict.choices[" + i + "].id");
                if (!ids.add(choiceId)) {
                    throw error("predict.choices[" + i + "].id", "another choice already has the id \"" + choiceId + "\"");
                }
                choices.add(new Lesson.Choice(choiceId, text(choice.text(), "predict.choices[" + i + "].text")));
            }
            if (dto.answer() == null) {
                throw error("predict.answer", "missing: the id of the right choice");
            }
            if (!ids.contains(dto.answer())) {
                throw error("predict.answer", "\"" + dto.answer() + "\" is not one of the choices ("
                        + String.join(", ", choices.stream().map(Lesson.Choice::id).toList()) + ")");
            }
            Text because = text(dto.because(), "predict.because");
            return new Lesson.Prediction(question, choices, dto.answer(), because);
        }

        private Action action(ActionDto dto) {
            long kinds = java.util.stream.Stream.of(dto.run(), dto.send(), dto.await(), dto.stop(), dto.check())
                    .filter(java.util.Objects::nonNull).count();
            if (kinds != 1) {
                throw error("run", "an action has exactly one of \"run\", \"send\", \"await\", \"stop\", \"check\" (found "
                        + kinds + ")");
            }
            if (dto.modern() != null && dto.run() == null) {
                throw error("modern", "only a \"run\" action has a modern form");
            }
            if (dto.check() != null) {
                return check(dto);
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
                if (expect.outputContains().isEmpty() && expect.outputMatches().isEmpty() && expect.outputInOrder().isEmpty()) {
                    throw error("expect", "\"await\" needs expect.outputContains, outputMatches or outputInOrder");
                }
                return new Action.Await(dto.await(), timeout(dto, DEFAULT_AWAIT), expect);
            }
            known(dto.stop(), "stop");
            backgrounds.remove(dto.stop());
            return new Action.Stop(dto.stop(), expectation(dto.expect(), Expectation.NOTHING));
        }

        private Action.Check check(ActionDto dto) {
            if (dto.check().isEmpty()) {
                throw error("check", "name at least one fact to check");
            }
            if (dto.on() != null || dto.background() != null || dto.expect() != null || dto.ready() != null
                    || dto.timeoutSeconds() != null || dto.to() != null) {
                throw error("check", "a check has only its list of facts (use \"in\" inside a fact for the namespace)");
            }
            List<StateCheck> facts = new ArrayList<>();
            for (int i = 0; i < dto.check().size(); i++) {
                facts.add(new StateResolver(this, "check[" + i + "]").resolve(dto.check().get(i)));
            }
            return new Action.Check(facts);
        }

        private Action.Run run(ActionDto dto) {
            List<String> argv;
            try {
                argv = CommandText.tokenize(dto.run());
            } catch (IllegalArgumentException e) {
                throw error("run", e.getMessage());
            }
            List<String> modernArgv = null;
            if (dto.modern() != null) {
                try {
                    modernArgv = CommandText.tokenize(dto.modern());
                } catch (IllegalArgumentException e) {
                    throw error("modern", e.getMessage());
                }
                if (dto.modern().equals(dto.run())) {
                    throw error("modern", "is the same command as \"run\"");
                }
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
            return new Action.Run(dto.run(), argv, dto.modern(), modernArgv, node, dto.background(), timeout(dto, Duration.ofSeconds(30)), ready,
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
                    dto.outputLacks() == null ? List.of() : dto.outputLacks(), patterns,
                    dto.outputInOrder() == null ? List.of() : dto.outputInOrder());
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

        String id(String value, String field) {
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

        LessonFormatException error(String field, String problem) {
            return new LessonFormatException(source, where + (where.isEmpty() ? "" : ", ") + "field \"" + field + "\"", problem);
        }
    }

    /** Resolves one fact of a "check" action, naming the field of any mistake. */
    private static final class StateResolver {
        private static final Set<String> KINDS = Set.of("namespace", "link", "port", "address", "route", "forwarding",
                "rule", "policy", "conntrack", "reaches", "fdb");
        private static final Pattern LINK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,14}");
        private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
        private static final Pattern NETWORK = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

        private final Resolver resolver;
        private final String at;

        StateResolver(Resolver resolver, String at) {
            this.resolver = resolver;
            this.at = at;
        }

        StateCheck resolve(LessonDto.StateDto dto) {
            Map<String, Object> kinds = new java.util.LinkedHashMap<>();
            kinds.put("namespace", dto.namespace());
            kinds.put("link", dto.link());
            kinds.put("port", dto.port());
            kinds.put("address", dto.address());
            kinds.put("route", dto.route());
            kinds.put("forwarding", dto.forwarding());
            kinds.put("rule", dto.rule());
            kinds.put("policy", dto.policy());
            kinds.put("conntrack", dto.conntrack());
            kinds.put("reaches", dto.reaches());
            kinds.put("fdb", dto.fdb());
            List<String> given = kinds.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
            if (given.size() != 1) {
                throw error("", "a fact has exactly one of " + String.join(", ", KINDS.stream().sorted().toList())
                        + " (found " + (given.isEmpty() ? "none" : String.join(", ", given)) + ")");
            }
            String kind = given.get(0);
            boolean present = !Boolean.TRUE.equals(dto.absent());
            String in = dto.in() == null ? "host" : resolver.id(dto.in(), at + ".in");
            allowOnly(dto, kind);
            return switch (kind) {
                case "namespace" -> new StateCheck.NamespaceExists(resolver.id(dto.namespace(), at + ".namespace"), present);
                case "link" -> new StateCheck.LinkIn(in, link(dto.link(), "link"), dto.up(), present);
                case "port" -> new StateCheck.PortOf(in, link(dto.port(), "port"), link(required(dto.of(), "of"), "of"), present);
                case "address" -> new StateCheck.AddressOn(in, link(required(dto.on(), "on"), "on"),
                        matching(dto.address(), NETWORK, "address", "an address with its prefix, like 172.18.0.2/24"), present);
                case "route" -> new StateCheck.RoutePresent(in, route(dto.route()),
                        dto.via() == null ? null : matching(dto.via(), ADDRESS, "via", "a gateway address"), present);
                case "forwarding" -> new StateCheck.Forwarding(in, dto.forwarding());
                case "rule" -> new StateCheck.RulePresent(in, table(dto.table()), rule(dto.rule()), present);
                case "policy" -> new StateCheck.ChainPolicy(in, table(dto.table()), required(dto.chain(), "chain"), policy(dto.policy()));
                case "conntrack" -> conntrack(in, dto.conntrack());
                case "fdb" -> new StateCheck.FdbLearned(in, link(required(dto.of(), "of"), "of"), link(required(dto.on(), "on"), "on"),
                        matching(dto.fdb(), MAC, "fdb", "a MAC address, like 02:00:00:00:00:0a"), present);
                default -> new StateCheck.Reaches(resolver.id(required(dto.from(), "from"), at + ".from"),
                        matching(dto.reaches(), ADDRESS, "reaches", "an IPv4 address"), port(dto.tcpPort()),
                        !Boolean.FALSE.equals(dto.reachable()));
            };
        }

        /** Fields that belong to another kind of fact are mistakes, not silently ignored. */
        private void allowOnly(LessonDto.StateDto dto, String kind) {
            Map<String, Object> extras = new java.util.LinkedHashMap<>();
            extras.put("up", dto.up());
            extras.put("of", dto.of());
            extras.put("on", dto.on());
            extras.put("via", dto.via());
            extras.put("table", dto.table());
            extras.put("chain", dto.chain());
            extras.put("from", dto.from());
            extras.put("tcpPort", dto.tcpPort());
            extras.put("reachable", dto.reachable());
            extras.put("absent", dto.absent());
            extras.put("in", dto.in());
            Set<String> allowed = switch (kind) {
                case "namespace" -> Set.of("absent");
                case "link" -> Set.of("in", "up", "absent");
                case "port" -> Set.of("in", "of", "absent");
                case "address" -> Set.of("in", "on", "absent");
                case "route" -> Set.of("in", "via", "absent");
                case "forwarding" -> Set.of("in");
                case "rule" -> Set.of("in", "table", "absent");
                case "policy" -> Set.of("in", "table", "chain");
                case "conntrack" -> Set.of("in");
                case "fdb" -> Set.of("in", "on", "of", "absent");
                default -> Set.of("from", "tcpPort", "reachable");
            };
            for (Map.Entry<String, Object> extra : extras.entrySet()) {
                if (extra.getValue() != null && !allowed.contains(extra.getKey())) {
                    throw error(extra.getKey(), "does not belong to a \"" + kind + "\" fact (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private StateCheck conntrack(String in, LessonDto.ConntrackDto dto) {
            String from = matching(required(dto.from(), "conntrack.from"), ADDRESS, "conntrack.from", "an IPv4 address");
            String to = matching(required(dto.to(), "conntrack.to"), ADDRESS, "conntrack.to", "an IPv4 address");
            String replyFrom = dto.replyFrom() == null ? null
                    : matching(dto.replyFrom(), ADDRESS, "conntrack.replyFrom", "an IPv4 address");
            String replyTo = dto.replyTo() == null ? null : matching(dto.replyTo(), ADDRESS, "conntrack.replyTo", "an IPv4 address");
            if (dto.protocol() != null && !Set.of("tcp", "udp", "icmp").contains(dto.protocol())) {
                throw error("conntrack.protocol", "\"" + dto.protocol() + "\" is not tcp, udp or icmp");
            }
            return new StateCheck.ConntrackEntry(in, dto.protocol(), from, to, replyFrom, replyTo);
        }

        private String route(String value) {
            if (!value.equals("default") && !NETWORK.matcher(value).matches() && !ADDRESS.matcher(value).matches()) {
                throw error("route", "\"" + value + "\" is not \"default\", an address or a network like 172.18.0.0/24");
            }
            return value;
        }

        private String table(String value) {
            String table = value == null ? "filter" : value;
            if (!Set.of("filter", "nat").contains(table)) {
                throw error("table", "\"" + table + "\" is not filter or nat");
            }
            return table;
        }

        private String rule(String value) {
            if (!value.strip().startsWith("-A ") || value.strip().split("\\s+").length < 3) {
                throw error("rule", "write the rule as iptables-save prints it, starting with -A CHAIN: " + value);
            }
            return value;
        }

        private String policy(String value) {
            if (!Set.of("ACCEPT", "DROP").contains(value)) {
                throw error("policy", "\"" + value + "\" is not ACCEPT or DROP");
            }
            return value;
        }

        private Integer port(Integer value) {
            if (value != null && (value < 1 || value > 65535)) {
                throw error("tcpPort", "must be between 1 and 65535, not " + value);
            }
            return value;
        }

        private String link(String value, String field) {
            if (!LINK.matcher(value).matches()) {
                throw error(field, "\"" + value + "\" is not an interface name");
            }
            return value;
        }

        private String matching(String value, Pattern pattern, String field, String what) {
            if (!pattern.matcher(value).matches()) {
                throw error(field, "\"" + value + "\" is not " + what);
            }
            return value;
        }

        private String required(String value, String field) {
            if (value == null) {
                throw error(field, "missing");
            }
            return value;
        }

        private LessonFormatException error(String field, String problem) {
            return resolver.error(field.isEmpty() ? at : at + "." + field, problem);
        }
    }
}
