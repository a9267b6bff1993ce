package org.bridgelab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PrettyJson} against Jackson's generator with its default pretty printer, byte for byte, and its lines of
 * objects against Jackson's unindented objects.
 */
class PrettyJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters of every kind the escaping tells apart. */
    private static final String ALPHABET =
            "aZ09 .:>-\"\\/\b\t\f\n\r\u0000\u0001\u001f\u007f\u0080é\u07ff\u0800→…\ufffd" + "\ud83d\ude00\ud800\udfff";

    private static byte[] jackson(JsonNode tree) throws Exception {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }

    private static byte[] ours(JsonNode tree) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrettyJson json = new PrettyJson(out)) {
            json.tree(tree);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "quote \" and backslash \\",
                "tab\tnew line\ncarriage\r",
                "\u0000\u001f\u007f",
                "172.18.0.2 → 192.0.2.183",
                "cut…",
                "emoji \ud83d\ude00",
                "lone \ud800 half",
                "\ufffd"
            })
    void a_string_is_escaped_and_encoded_as_jackson_does(String text) throws Exception {
        // given:
        ObjectNode tree = NODES.objectNode().put("summary", text);

        // when:
        byte[] written = ours(tree);

        // then:
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(jackson(tree), StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(jackson(tree));
    }

    @Test
    void empty_and_nested_containers_are_laid_out_as_jackson_does() throws Exception {
        // given:
        ObjectNode tree = NODES.objectNode();
        tree.putArray("lanes");
        tree.putObject("none");
        tree.putArray("capturePoints").add("host/br0").add("host/eth0");
        ArrayNode events = tree.putArray("events");
        events.addObject()
                .put("sequence", 0L)
                .put("travel", -1)
                .putNull("natPair")
                .put("flag", true);
        events.addObject().putArray("steps").addObject().put("rule", "-j MASQUERADE");
        events.addArray().addArray();
        tree.put("min", Long.MIN_VALUE)
                .put("max", Long.MAX_VALUE)
                .put("zero", 0)
                .put("ratio", 0.25);

        // when / then:
        assertThat(new String(ours(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(jackson(tree), StandardCharsets.UTF_8));
    }

    @Test
    void random_documents_are_written_as_jackson_writes_them() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            // given:
            JsonNode tree = randomContainer(random, 0);

            // when / then:
            assertThat(ours(tree)).as("round %d", round).isEqualTo(jackson(tree));
        }
    }

    @Test
    void a_document_larger_than_the_buffer_with_strings_longer_than_a_chunk_comes_out_whole() throws Exception {
        // given: strings of up to 100 000 characters (the buffer is 64 KiB, a string is encoded 8 192 at a time)
        Random random = new Random(3);
        ArrayNode tree = NODES.arrayNode();
        for (int i = 0; i < 40; i++) {
            tree.add(randomString(random, random.nextInt(100_000)));
        }

        // when / then:
        assertThat(ours(tree)).isEqualTo(jackson(tree));
    }

    @Test
    void shared_strings_copied_from_their_first_encoding_come_out_as_if_encoded_each_time() throws Exception {
        // given: a dozen shared strings (more than are remembered), escapes, a long one and null among them
        Random random = new Random(5);
        String[] pool = new String[12];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomString(random, i == 0 ? 100 : random.nextInt(20));
        }
        pool[1] = null;
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream remembered = new ByteArrayOutputStream();
        PrettyJson.Recent recent = new PrettyJson.Recent();

        // when: 100 000 of them, enough to cross the buffer many times
        try (PrettyJson one = new PrettyJson(plain);
                PrettyJson other = new PrettyJson(remembered)) {
            one.startArray();
            other.startArray();
            for (int i = 0; i < 100_000; i++) {
                String value = pool[random.nextInt(random.nextBoolean() ? 3 : pool.length)];
                one.string(value);
                other.string(value, recent);
            }
            one.endArray();
            other.endArray();
        }

        // then:
        assertThat(remembered.toByteArray()).isEqualTo(plain.toByteArray());
    }

    @Test
    void an_array_of_lines_holds_each_object_on_its_own_line_as_jackson_writes_it_unindented() throws Exception {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            // given: objects with nested containers, escapes and nulls, and sometimes none at all
            List<JsonNode> rows = new ArrayList<>();
            for (int i = random.nextInt(4) == 0 ? 0 : random.nextInt(6); i > 0; i--) {
                JsonNode row = randomContainer(random, 0);
                rows.add(row.isObject() ? row : NODES.objectNode().set("nested", row));
            }

            // when:
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrettyJson json = new PrettyJson(out)) {
                json.startObject().name("head").string("x").name("rows").startLines();
                for (JsonNode row : rows) {
                    json.startLine();
                    for (var fields = row.fields(); fields.hasNext(); ) {
                        var field = fields.next();
                        json.name(field.getKey()).tree(field.getValue());
                    }
                    json.endObject();
                }
                json.endArray().name("tail").number(1).endObject();
            }

            // then:
            List<String> lines = new ArrayList<>();
            for (JsonNode row : rows) {
                lines.add("    " + new String(MAPPER.writeValueAsBytes(row), StandardCharsets.UTF_8));
            }
            String expected = "{\n  \"head\" : \"x\",\n  \"rows\" : "
                    + (rows.isEmpty() ? "[ ]" : "[\n" + String.join(",\n", lines) + "\n  ]") + ",\n  \"tail\" : 1\n}";
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .as("round %d", round)
                    .isEqualTo(expected);
        }
    }

    private static JsonNode randomContainer(Random random, int depth) {
        int size = random.nextInt(5);
        if (random.nextBoolean()) {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < size; i++) {
                object.set(randomString(random, random.nextInt(8)) + i, randomValue(random, depth));
            }
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(randomValue(random, depth));
        }
        return array;
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth < 4 ? 6 : 4)) {
            case 0 -> NODES.textNode(randomString(random, random.nextInt(40)));
            case 1 -> NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> random.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
            default -> randomContainer(random, depth + 1);
        };
    }

    private static String randomString(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
