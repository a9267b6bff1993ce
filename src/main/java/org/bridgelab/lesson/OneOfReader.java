package org.bridgelab.lesson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one of several kinds of record, told apart by the field that names the kind (each record's first
 * component): exactly one such field must be given, and every other field must be one of that kind's. A
 * mistake is a {@link FieldProblem} naming the field, which {@link LessonReader} places in the file.
 */
abstract class OneOfReader<T> extends StdDeserializer<T> {
    private final String what;
    private final List<Class<? extends T>> kinds;
    private final List<String> kindFields;

    OneOfReader(String what, List<Class<? extends T>> kinds) {
        super(Object.class);
        this.what = what;
        this.kinds = List.copyOf(kinds);
        this.kindFields = kinds.stream()
                .map(kind -> kind.getRecordComponents()[0].getName())
                .toList();
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (!node.isObject()) {
            throw new FieldProblem(
                    parser,
                    "",
                    what + " is an object, not " + node.getNodeType().name().toLowerCase());
        }
        List<String> given = kindFields.stream().filter(node::hasNonNull).toList();
        if (given.size() != 1) {
            throw new FieldProblem(
                    parser,
                    "",
                    what + " has exactly one of "
                            + kindFields.stream()
                                    .map(field -> "\"" + field + "\"")
                                    .collect(Collectors.joining(", "))
                            + " (found " + (given.isEmpty() ? "none" : String.join(", ", given)) + ")");
        }
        Class<? extends T> kind = kinds.get(kindFields.indexOf(given.get(0)));
        Set<String> own = Arrays.stream(kind.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!own.contains(field) && !node.get(field).isNull() && isFieldOfAnotherKind(field)) {
                List<String> allowed = new ArrayList<>(own);
                allowed.remove(given.get(0));
                throw new FieldProblem(
                        parser,
                        field,
                        "does not belong to a \"" + given.get(0) + "\" " + noun()
                                + (allowed.isEmpty()
                                        ? " (it has no other field)"
                                        : " (allowed: "
                                                + String.join(
                                                        ", ",
                                                        allowed.stream()
                                                                .sorted()
                                                                .toList()) + ")"));
            }
        }
        return context.readTreeAsValue(node, kind);
    }

    /** A field some kind has: given to the wrong kind, it is named so; one no kind has is an unknown field. */
    private boolean isFieldOfAnotherKind(String field) {
        return kinds.stream()
                .anyMatch(kind -> Arrays.stream(kind.getRecordComponents())
                        .anyMatch(component -> component.getName().equals(field)));
    }

    private String noun() {
        return what.substring(what.indexOf(' ') + 1);
    }

    /** A mistake in one field of the object being read ("" for the object as a whole). */
    static final class FieldProblem extends JsonMappingException {
        private final String field;
        private final String problem;

        FieldProblem(JsonParser parser, String field, String problem) {
            super(parser, problem);
            this.field = field;
            this.problem = problem;
        }

        String field() {
            return field;
        }

        String problem() {
            return problem;
        }
    }
}
