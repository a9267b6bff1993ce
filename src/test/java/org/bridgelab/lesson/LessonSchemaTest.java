package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/lesson.schema.json, which an instructor's editor uses to check a lesson while it is typed, holds the
 * shipped lessons, and refuses what the reader refuses: the two cannot drift apart unnoticed.
 */
class LessonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(Path.of("docs/lesson.schema.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> shippedLessons() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("lessons"))) {
            return files
                    .filter(file -> file.toString().endsWith(".json") && !file.endsWith("curriculum.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedLessons")
    void every_shipped_lesson_holds_to_the_schema(Path lesson) throws IOException {
        List<Error> errors = SCHEMA.validate(JSON.readTree(lesson.toFile()));

        assertThat(errors).as(lesson.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '~',
            value = {
                "a title without Chinese ~ \"title\": {\"en\": \"T\", \"zh\": \"题\"} ~ \"title\": {\"en\": \"T\"}",
                "an unknown field ~ \"id\": \"x1\" ~ \"id\": \"x1\", \"colour\": \"red\"",
                "two kinds in one action ~ {\"run\": \"ip link\"} ~ {\"run\": \"ip link\", \"stop\": \"server\"}",
                "a fact of no kind ~ {\"forwarding\": true} ~ {\"in\": \"host\"}",
                "a port out of range ~ \"tcpPort\": 80 ~ \"tcpPort\": 70000",
                "a step without actions ~ \"actions\": [{\"run\": \"ip link\"}, ~ \"actions\": [], \"x\": [",
            })
    void what_the_reader_refuses_the_schema_refuses_too(String what, String replace, String with) {
        String valid = """
                {"id": "x1", "title": {"en": "T", "zh": "题"}, "steps": [
                  {"id": "one", "title": {"en": "S", "zh": "步"}, "actions": [{"run": "ip link"},
                    {"check": [{"forwarding": true}, {"reaches": "192.0.2.183", "from": "remote", "tcpPort": 80}]}]}
                ]}""";
        String broken = valid.replace(replace, with);
        assertThat(broken).as("the test's own edit applies").isNotEqualTo(valid);

        assertThat(SCHEMA.validate(tree(valid))).as("the valid lesson").isEmpty();
        assertThat(SCHEMA.validate(tree(broken))).as(what).isNotEmpty();
        assertThatThrownBy(() -> LessonReader.read("x1.json", broken))
                .as(what)
                .isInstanceOf(LessonFormatException.class);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
