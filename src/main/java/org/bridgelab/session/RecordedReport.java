package org.bridgelab.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.lesson.Text;
import org.bridgelab.words.Phrase;
import org.bridgelab.words.Wording;

/**
 * A bundle's {@code report.json} read back: the steps as they ran, with every check and its evidence. The
 * report speaks English (a check's expectation is written as its English sentence, not its message key), so
 * each sentence comes back as recorded text, the same in every language, as the kernel's own output is.
 */
final class RecordedReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule()
                    .addDeserializer(Phrase.class, new RecordedPhrase())
                    .addDeserializer(Wording.class, new RecordedWording()));

    private RecordedReport() {}

    static RunReport read(byte[] json) throws IOException {
        return JSON.readValue(json, RunReport.class);
    }

    /** A sentence the report wrote in English. */
    private static final class RecordedPhrase extends StdDeserializer<Phrase> {
        RecordedPhrase() {
            super(Phrase.class);
        }

        @Override
        public Phrase deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Phrase.verbatim(parser.getValueAsString());
        }
    }

    /** A sentence in English, or a lesson's text in both languages ({"en": …, "zh": …}). */
    private static final class RecordedWording extends StdDeserializer<Wording> {
        RecordedWording() {
            super(Wording.class);
        }

        @Override
        public Wording deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.currentToken() == JsonToken.START_OBJECT
                    ? context.readValue(parser, Text.class)
                    : Phrase.verbatim(parser.getValueAsString());
        }
    }
}
