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
import org.bridgelab.kernel.StateCheck;
import org.bridgelab.lesson.LessonDto.ActionDto;
import org.bridgelab.lesson.LessonDto.AwaitDto;
import org.bridgelab.lesson.LessonDto.ChallengeDto;
import org.bridgelab.lesson.LessonDto.CheckDto;
import org.bridgelab.lesson.LessonDto.ExpectDto;
import org.bridgelab.lesson.LessonDto.FactDto;
import org.bridgelab.lesson.LessonDto.RunDto;
import org.bridgelab.lesson.LessonDto.SendDto;
import org.bridgelab.lesson.LessonDto.StepDto;
import org.bridgelab.lesson.LessonDto.StopDto;

/** Reads one lesson file and resolves it, naming the file, the step and the field of any mistake. */
public final class LessonReader {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a null inside a list or a text ("steps": [null]) is a mistake to name, not a crash later on
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("lesson kinds")
                    .addDeserializer(ActionDto.class, new ActionDto.Reader())
                    .addDeserializer(FactDto.class, new FactDto.Reader()));
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);

    private LessonReader() {}

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
        } catch (OneOfReader.FieldProblem e) {
            throw new LessonFormatException(source, place(json, e.getPath(), e.field()), e.problem());
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
            throw new LessonFormatException(
                    source,
                    location(e),
                    "not valid JSON: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * Where a field is, as the resolver says it: {@code step "plug-in" (steps[3]), actions[2], field
     * "check[0].of"} (the step's id read from the file, which parsed up to here).
     */
    private static String place(String json, List<JsonMappingException.Reference> path, String field) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        if (path.size() >= 2
                && "steps".equals(path.get(0).getFieldName())
                && path.get(1).getIndex() >= 0) {
            int step = path.get(1).getIndex();
            String id = stepId(json, step);
            parts.add("step " + (id == null ? "#" + (step + 1) : "\"" + id + "\"") + " (steps[" + step + "])");
            at = 2;
            if (path.size() >= 4
                    && "actions".equals(path.get(2).getFieldName())
                    && path.get(3).getIndex() >= 0) {
                parts.add("actions[" + path.get(3).getIndex() + "]");
                at = 4;
            }
        }
        StringBuilder inner = new StringBuilder();
        for (JsonMappingException.Reference ref : path.subList(at, path.size())) {
            if (ref.getFieldName() != null) {
                inner.append(inner.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                inner.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (!field.isEmpty()) {
            inner.append(inner.length() == 0 ? "" : ".").append(field);
        }
        if (inner.length() > 0) {
            parts.add("field \"" + inner + "\"");
        }
        return String.join(", ", parts);
    }

    private static String stepId(String json, int step) {
        try {
            com.fasterxml.jackson.databind.JsonNode id =
                    JSON.readTree(json).path("steps").path(step).path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (JsonProcessingException e) {
            // a mistake further on in the file: the step is named by its place alone
            return null;
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : "line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
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

    /** The id of a challenge's first step, the one that sets up its fault. */
    static final String BREAK_STEP = "break";

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
            List<String> hosts = new ArrayList<>();
            for (String host : dto.hosts() == null ? List.<String>of() : dto.hosts()) {
                hosts.add(id(host, "hosts"));
            }
            List<Lesson.Step> steps = new ArrayList<>();
            Set<String> stepIds = new HashSet<>();
            for (int i = 0; i < dto.steps().size(); i++) {
                StepDto step = dto.steps().get(i);
                where = "step " + (step.id() == null ? "#" + (i + 1) : "\"" + step.id() + "\"") + " (steps[" + i + "])";
                Lesson.Step resolved = step(step, !hosts.isEmpty());
                if (!stepIds.add(resolved.id())) {
                    throw error("id", "another step already has the id \"" + resolved.id() + "\"");
                }
                steps.add(resolved);
            }
            if (dto.challenge() == null) {
                return new Lesson(id, title, summary, requires, steps, source, null, hosts);
            }
            where = "";
            if (steps.size() != 1) {
                throw error(
                        "steps", "a challenge has one step, its goal: the checks that pass once the lab is repaired");
            }
            ChallengeDto challenge = dto.challenge();
            List<Action.Run> setup = runs(challenge.setup(), "challenge.setup");
            List<Text> hints = new ArrayList<>();
            if (challenge.hints() == null || challenge.hints().isEmpty()) {
                throw error("challenge.hints", "a challenge needs at least one hint");
            }
            for (int i = 0; i < challenge.hints().size(); i++) {
                hints.add(text(challenge.hints().get(i), "challenge.hints[" + i + "]"));
            }
            Text diagnosis = text(challenge.diagnosis(), "challenge.diagnosis");
            List<Action.Run> solution = runs(challenge.solution(), "challenge.solution");
            if (stepIds.contains(BREAK_STEP)) {
                throw error("steps[0].id", "\"" + BREAK_STEP + "\" is the id of the step that sets up the fault");
            }
            Lesson.Step breakIt = new Lesson.Step(
                    BREAK_STEP,
                    new Text("Set up the broken lab (the fault stays hidden)", "搭建出了故障的实验环境（故障保持隐藏）"),
                    summary,
                    new Text(
                            "If this step fails, the challenge itself is broken, not your lab: the kernel's words above"
                                    + " are for its author.",
                            "如果这一步失败，坏掉的是挑战本身，而不是你的实验环境：上面内核的回答是给它的作者看的。"),
                    null,
                    List.of(new Action.SetUp(setup)));
            return new Lesson(
                    id,
                    title,
                    summary,
                    requires,
                    List.of(breakIt, steps.get(0)),
                    source,
                    new Lesson.Challenge(hints, diagnosis, solution));
        }

        /** A challenge's set-up or solution: commands run in the foreground, none left running. */
        private List<Action.Run> runs(List<ActionDto> actions, String field) {
            if (actions == null || actions.isEmpty()) {
                throw error(field, "give at least one command, as {\"run\": \"…\"}");
            }
            List<Action.Run> runs = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                String at = field + "[" + i + "]";
                if (!(actions.get(i) instanceof RunDto run)) {
                    throw error(at, "only commands ({\"run\": \"…\"}) are allowed here");
                }
                if (run.background() != null) {
                    throw error(at + ".background", "a challenge's commands run to their end");
                }
                runs.add(run(run));
            }
            return runs;
        }

        private Lesson.Step step(StepDto dto, boolean hasHosts) {
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
            boolean underlay = Boolean.TRUE.equals(dto.underlay());
            if (underlay && !hasHosts) {
                throw error("underlay", "only a lesson with hosts has an underlay to build");
            }
            return new Lesson.Step(id, title, text, hint, predict, actions, underlay);
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
                    throw error(
                            "predict.choices[" + i + "].id", "another choice already has the id \"" + choiceId + "\"");
                }
                choices.add(new Lesson.Choice(choiceId, text(choice.text(), "predict.choices[" + i + "].text")));
            }
            if (dto.answer() == null) {
                throw error("predict.answer", "missing: the id of the right choice");
            }
            if (!ids.contains(dto.answer())) {
                throw error(
                        "predict.answer",
                        "\"" + dto.answer() + "\" is not one of the choices ("
                                + String.join(
                                        ", ",
                                        choices.stream().map(Lesson.Choice::id).toList()) + ")");
            }
            Text because = text(dto.because(), "predict.because");
            return new Lesson.Prediction(question, choices, dto.answer(), because);
        }

        private Action action(ActionDto dto) {
            if (dto instanceof CheckDto check) {
                return check(check);
            }
            if (dto instanceof RunDto run) {
                return run(run);
            }
            if (dto instanceof SendDto send) {
                known(send.to(), "to");
                return new Action.Send(send.to(), send.send());
            }
            if (dto instanceof AwaitDto await) {
                known(await.await(), "await");
                Expectation expect = expectation(await.expect(), Expectation.NOTHING);
                if (expect.outputContains().isEmpty()
                        && expect.outputMatches().isEmpty()
                        && expect.outputInOrder().isEmpty()) {
                    throw error("expect", "\"await\" needs expect.outputContains, outputMatches or outputInOrder");
                }
                return new Action.Await(await.await(), timeout(await.timeoutSeconds(), DEFAULT_AWAIT), expect);
            }
            StopDto stop = (StopDto) dto;
            known(stop.stop(), "stop");
            backgrounds.remove(stop.stop());
            return new Action.Stop(stop.stop(), expectation(stop.expect(), Expectation.NOTHING));
        }

        private Action.Check check(CheckDto dto) {
            if (dto.check().isEmpty()) {
                throw error("check", "name at least one fact to check");
            }
            List<StateCheck> facts = new ArrayList<>();
            for (int i = 0; i < dto.check().size(); i++) {
                facts.add(new StateResolver(this, "check[" + i + "]")
                        .resolve(dto.check().get(i)));
            }
            return new Action.Check(facts);
        }

        private Action.Run run(RunDto dto) {
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
                ready = new Action.Readiness(
                        id(dto.ready().namespace(), "ready.namespace"),
                        dto.ready().tcpPort());
            }
            Expectation fallback = dto.background() == null ? Expectation.SUCCESS : Expectation.NOTHING;
            return new Action.Run(
                    dto.run(),
                    argv,
                    dto.modern(),
                    modernArgv,
                    node,
                    dto.background(),
                    timeout(dto.timeoutSeconds(), Duration.ofSeconds(30)),
                    ready,
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
                    throw error(
                            "expect.outputMatches",
                            "not a valid regular expression: " + e.getDescription() + " in " + regex);
                }
            }
            Integer exit = dto.exit() != null ? dto.exit() : fallback.exit();
            return new Expectation(
                    exit,
                    dto.outputContains() == null ? List.of() : dto.outputContains(),
                    dto.outputLacks() == null ? List.of() : dto.outputLacks(),
                    patterns,
                    dto.outputInOrder() == null ? List.of() : dto.outputInOrder());
        }

        private Duration timeout(Integer seconds, Duration fallback) {
            if (seconds == null) {
                return fallback;
            }
            if (seconds <= 0 || seconds > 600) {
                throw error("timeoutSeconds", "must be between 1 and 600, not " + seconds);
            }
            return Duration.ofSeconds(seconds);
        }

        private void known(String name, String field) {
            if (name == null) {
                throw error(field, "missing: name the background command");
            }
            if (!backgrounds.contains(name)) {
                throw error(
                        field,
                        "no background command named \"" + name + "\" is running at this point"
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
            Set<String> unknown = value.keySet().stream()
                    .filter(k -> !k.equals("en") && !k.equals("zh"))
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
            return new LessonFormatException(
                    source, where + (where.isEmpty() ? "" : ", ") + "field \"" + field + "\"", problem);
        }
    }

    /** Resolves one fact of a "check" action, naming the field of any mistake. */
    private static final class StateResolver {
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

        StateCheck resolve(FactDto dto) {
            if (dto instanceof LessonDto.NamespaceFact fact) {
                return new StateCheck.NamespaceExists(
                        resolver.id(fact.namespace(), at + ".namespace"), present(fact.absent()));
            }
            if (dto instanceof LessonDto.LinkFact fact) {
                return new StateCheck.LinkIn(
                        in(fact.in()), link(fact.link(), "link"), fact.up(), present(fact.absent()));
            }
            if (dto instanceof LessonDto.PortFact fact) {
                return new StateCheck.PortOf(
                        in(fact.in()),
                        link(fact.port(), "port"),
                        link(required(fact.of(), "of"), "of"),
                        present(fact.absent()));
            }
            if (dto instanceof LessonDto.AddressFact fact) {
                return new StateCheck.AddressOn(
                        in(fact.in()),
                        link(required(fact.on(), "on"), "on"),
                        matching(fact.address(), NETWORK, "address", "an address with its prefix, like 172.18.0.2/24"),
                        present(fact.absent()));
            }
            if (dto instanceof LessonDto.RouteFact fact) {
                return new StateCheck.RoutePresent(
                        in(fact.in()),
                        route(fact.route()),
                        fact.via() == null ? null : matching(fact.via(), ADDRESS, "via", "a gateway address"),
                        present(fact.absent()));
            }
            if (dto instanceof LessonDto.ForwardingFact fact) {
                return new StateCheck.Forwarding(in(fact.in()), fact.forwarding());
            }
            if (dto instanceof LessonDto.RuleFact fact) {
                return new StateCheck.RulePresent(
                        in(fact.in()), table(fact.table()), rule(fact.rule()), present(fact.absent()));
            }
            if (dto instanceof LessonDto.PolicyFact fact) {
                return new StateCheck.ChainPolicy(
                        in(fact.in()), table(fact.table()), required(fact.chain(), "chain"), policy(fact.policy()));
            }
            if (dto instanceof LessonDto.ConntrackFact fact) {
                return conntrack(in(fact.in()), fact.conntrack());
            }
            if (dto instanceof LessonDto.FdbFact fact) {
                return new StateCheck.FdbLearned(
                        in(fact.in()),
                        link(required(fact.of(), "of"), "of"),
                        link(required(fact.on(), "on"), "on"),
                        matching(fact.fdb(), MAC, "fdb", "a MAC address, like 02:00:00:00:00:0a"),
                        present(fact.absent()));
            }
            LessonDto.ReachesFact fact = (LessonDto.ReachesFact) dto;
            return new StateCheck.Reaches(
                    resolver.id(required(fact.from(), "from"), at + ".from"),
                    matching(fact.reaches(), ADDRESS, "reaches", "an IPv4 address"),
                    port(fact.tcpPort()),
                    !Boolean.FALSE.equals(fact.reachable()));
        }

        /** The namespace a fact is about: "host" unless it says. */
        private String in(String namespace) {
            return namespace == null ? "host" : resolver.id(namespace, at + ".in");
        }

        private static boolean present(Boolean absent) {
            return !Boolean.TRUE.equals(absent);
        }

        private StateCheck conntrack(String in, LessonDto.ConntrackDto dto) {
            String from =
                    matching(required(dto.from(), "conntrack.from"), ADDRESS, "conntrack.from", "an IPv4 address");
            String to = matching(required(dto.to(), "conntrack.to"), ADDRESS, "conntrack.to", "an IPv4 address");
            String replyFrom = dto.replyFrom() == null
                    ? null
                    : matching(dto.replyFrom(), ADDRESS, "conntrack.replyFrom", "an IPv4 address");
            String replyTo = dto.replyTo() == null
                    ? null
                    : matching(dto.replyTo(), ADDRESS, "conntrack.replyTo", "an IPv4 address");
            if (dto.protocol() != null && !Set.of("tcp", "udp", "icmp").contains(dto.protocol())) {
                throw error("conntrack.protocol", "\"" + dto.protocol() + "\" is not tcp, udp or icmp");
            }
            return new StateCheck.ConntrackEntry(in, dto.protocol(), from, to, replyFrom, replyTo);
        }

        private String route(String value) {
            if (!value.equals("default")
                    && !NETWORK.matcher(value).matches()
                    && !ADDRESS.matcher(value).matches()) {
                throw error(
                        "route", "\"" + value + "\" is not \"default\", an address or a network like 172.18.0.0/24");
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
