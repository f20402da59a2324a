package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.InboundOffset;

/**
 * Maps a {@link FixtureCase} through its adapter, as the normalizer would, and checks it against its
 * expected file: the signals field by field, the dead-letter reason, or the reason it is ignored. A
 * new case without an expected file is recorded by {@code -Dsiam.fixtures.record=true} for review.
 */
final class FixtureMapping {

    private FixtureMapping() {
    }

    /** The raw webhook of a case, as the normalizer reads it from {@code siam.inbound.v1}. */
    static RawWebhook webhook(FixtureCase fixture) {
        String suite = fixture.suite().equals(FixtureCase.FIXTURES) ? "" : fixture.suite() + "-";
        return new RawWebhook("ce-" + suite + fixture.provider() + "-" + fixture.name(), fixture.provider(),
                fixture.endpoint(), FixtureCase.RECEIVED_AT, null, HttpHeaders.of(fixture.headers().entrySet()),
                HttpHeaders.EMPTY, fixture.bytes(), new InboundOffset(0, 42));
    }

    /** Maps the case; MappingFailure when the adapter refuses it. */
    static Normalized map(AdapterHarness harness, FixtureCase fixture) {
        return Normalized.by(harness.adapter(fixture.provider()), webhook(fixture), false);
    }

    /** The signals of a case, as JSON read back from text (numbers compare as they read from a file). */
    static JsonNode signals(AdapterHarness harness, FixtureCase fixture) {
        try {
            return SiamJson.mapper().readTree(SiamJson.mapper().writeValueAsString(map(harness, fixture).signals()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertAsExpected(AdapterHarness harness, FixtureCase fixture) throws IOException {
        if (fixture.shouldFail()) {
            MappingFailure failure = catchThrowableOfType(MappingFailure.class, () -> map(harness, fixture));
            assertThat(failure).as("%s must be dead-lettered", fixture).isNotNull();
            assertThat(failure.reason()).as("dead-letter reason of %s", fixture)
                    .isEqualTo(Files.readString(fixture.expectedFailure()).trim());
            return;
        }
        Normalized normalized = map(harness, fixture);
        if (fixture.shouldBeIgnored()) {
            assertThat(normalized.ignored()).as("%s must be ignored (%s)", fixture, normalized.detail()).isNotNull();
            assertThat(normalized.ignored().tag()).as("why %s is ignored: %s", fixture, normalized.detail())
                    .isEqualTo(Files.readString(fixture.expectedIgnored()).trim());
            assertThat(normalized.signals()).isEmpty();
            return;
        }
        assertThat(normalized.ignored()).as("%s must not be ignored: %s", fixture, normalized.detail()).isNull();
        JsonNode actual = SiamJson.mapper().readTree(SiamJson.mapper().writeValueAsString(normalized.signals()));
        if (!Files.exists(fixture.expected()) && Boolean.getBoolean("siam.fixtures.record")) {
            Files.writeString(fixture.sourceExpected(),
                    SiamJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            throw new AssertionError(fixture + " had no expected signals; recorded them for review");
        }
        JsonNode expected = SiamJson.mapper().readTree(fixture.expected().toFile());
        assertThat(actual.size()).as("number of signals of %s", fixture).isEqualTo(expected.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            differences.addAll(fieldDifferences(i, expected.get(i), actual.get(i)));
        }
        assertThat(differences).as("fields of %s that differ from %s", fixture, fixture.expected().getFileName()).isEmpty();
        normalized.signals().forEach(signal -> assertThat(signal.receivedAt()).isEqualTo(FixtureCase.RECEIVED_AT));
    }

    /** One line per field that differs: {@code [0].status: expected FIRING but was RESOLVED}. */
    private static List<String> fieldDifferences(int index, JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode want = expected.path(field);
            JsonNode got = actual.path(field);
            if (!want.equals(got)) {
                differences.add("[" + index + "]." + field + ": expected " + want + " but was " + got);
            }
        }
        return differences;
    }
}
