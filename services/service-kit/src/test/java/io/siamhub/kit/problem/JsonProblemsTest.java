package io.siamhub.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.model.Impact;
import io.siamhub.model.SiamJson;

/** What a client reads when its JSON is wrong: where, what was found, what was expected; never the parser's internals. */
class JsonProblemsTest {

    record Window(Instant start, Instant end) {
    }

    record Body(String title, Impact impact, boolean urgent, List<String> tags, Window window) {
    }

    private static final ObjectMapper STRICT = SiamJson.configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"title": x}                      | line 1, column 11: found `x` where a value (a string in double quotes
            {"title": "x",}                   | line 1, column 15: found `}` where a field name in double quotes was expected
            {"title": "x" "impact": "HIGH"}   | found `"` where `,` or `}` was expected
            {"title" "x"}                     | found `"` where `:` was expected
            {'title': "x"}                    | found `'`: JSON strings and field names take double quotes
            {"tags": ["a" "b"]}               | found `"` where `,` or `]` was expected
            {"tags": ["a"}                    | found `}` where `]` was expected to close the array
            {"title": "x"                     | the body ends inside an object: `}` is missing
            {"title": "x                      | the body ends inside a string
            ~~                                | the body is empty; send a JSON document
            {"title": "a", "title": "b"}      | the field "title" appears twice
            {"title": "x"} {"title": "y"}     | there is more after the end of the JSON document
            {"title": tru}                    | found `tru` where a value
            """)
    void syntaxErrorsSayWhereWhatWasFoundAndWhatWasExpected(String body, String expected) {
        String detail = describe(body).detail();
        assertThat(detail).contains(expected);
        assertNoInternals(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"comment": "x"}                       | comment | is not a field of this body; it takes impact, tags, title, urgent, window
            {"impact": "HUGE"}                     | impact  | "HUGE" is not one of HIGH, MEDIUM, LOW
            {"title": ["x"]}                       | title   | expected a string, got an array
            {"urgent": "maybe"}                    | urgent  | "maybe" is not true or false
            {"tags": "a"}                          | tags    | expected an array, got a string
            {"window": {"start": "tomorrow"}}      | window.start | "tomorrow" is not an ISO-8601 instant such as 2026-11-24T10:00:00Z
            {"window": {"start": "2026-11-24T10:00:00Z", "finish": "x"}} | window.finish | is not a field of this body; it takes end, start
            """)
    void fieldErrorsNameTheFieldAndWhatItTakes(String body, String field, String reason) {
        JsonProblems.Described described = describe(body);
        assertThat(described.error()).isNotNull();
        assertThat(described.error().field()).isEqualTo(field);
        assertThat(described.error().message()).isEqualTo(reason);
        assertThat(described.detail()).contains(field + ": " + reason);
        assertNoInternals(described.detail());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Unexpected character ('x' (code 120)): some new wording [Source: (byte[])"{x}"; line: 1, column: 2]
            Cannot deserialize value of type `io.siamhub.model.Impact` from Array value (token `JsonToken.START_ARRAY`)
            """)
    void unknownWordingIsCleanedOfInternals(String message) {
        assertThat(JsonProblems.cleaned(message)).doesNotContain("(code ", "JsonToken", "Source:", "io.siamhub");
    }

    @org.junit.jupiter.api.Test
    void aBodyNestedDeeperThanTheParserReadsSaysHowDeepItMayGo() {
        String body = "[".repeat(1001) + "]".repeat(1001);
        String detail = catchThrowableOfType(JsonProcessingException.class, () -> STRICT.readTree(body)).getOriginalMessage();
        assertThat(JsonProblems.syntaxReason(detail)).isEqualTo("document nesting depth 1001 is more than the 1000 this service reads; "
                + "nest objects and arrays at most 1000 deep");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"title": 5}
            {"title": 5.5}
            {"title": true}
            """)
    void restBodiesTakeNoNumberOrBooleanWhereTextBelongs(String body) {
        ObjectMapper rest = io.siamhub.kit.json.RestObjectMapper.strict(SiamJson.configure(new ObjectMapper()));
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class, () -> rest.readValue(body, Body.class));
        assertThat(failure).as("%s must not be read", body).isNotNull();
        JsonProblems.Described described = JsonProblems.describe(failure);
        assertThat(described.error().field()).isEqualTo("title");
        assertThat(described.error().message()).contains("a string");
        assertNoInternals(described.detail());
    }

    private static JsonProblems.Described describe(String body) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class, () -> STRICT.readValue(body, Body.class));
        assertThat(failure).as("%s must not be read", body).isNotNull();
        return JsonProblems.describe(failure);
    }

    private static void assertNoInternals(String detail) {
        assertThat(detail).doesNotContain("(code ", "JsonToken", "Source:", "java.", "io.siamhub", "Cannot deserialize", "null\"")
                .doesNotContainPattern("\\$|\\bclass\\b");
    }
}
