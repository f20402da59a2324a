package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.normalizer.Normalizer;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.InboundOffset;
import io.siamhub.model.signal.Signal;

/**
 * Every fixture through its adapter, compared field by field with {@code <case>.expected.json}, or
 * refused with the reason in {@code <case>.expected-failure.txt}.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class ProviderMappingTest {

    @Inject
    Normalizer normalizer;

    static List<FixtureCase> cases() {
        return FixtureCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsToTheExpectedSignals(FixtureCase fixture) throws IOException {
        RawWebhook webhook = new RawWebhook("ce-" + fixture.provider() + "-" + fixture.name(), fixture.provider(),
                fixture.endpoint(), FixtureCase.RECEIVED_AT, null, HttpHeaders.of(fixture.headers().entrySet()),
                HttpHeaders.EMPTY, fixture.bytes(), new InboundOffset(0, 42));
        if (fixture.shouldFail()) {
            MappingFailure failure = catchThrowableOfType(MappingFailure.class, () -> normalizer.map(webhook));
            assertThat(failure).as("%s must be refused", fixture).isNotNull();
            assertThat(failure.reason()).isEqualTo(Files.readString(fixture.expectedFailure()).trim());
            return;
        }
        List<Signal> signals = normalizer.map(webhook);
        // through text, so numbers compare as they read back from a file
        JsonNode actual = SiamJson.mapper().readTree(SiamJson.mapper().writeValueAsString(signals));
        if (!Files.exists(fixture.expected()) && Boolean.getBoolean("siam.fixtures.record")) {
            // a new case: write what it maps to into the sources, for review before it is committed
            Files.writeString(java.nio.file.Path.of("src/test/resources/fixtures", fixture.provider(),
                    fixture.expected().getFileName().toString()),
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
        signals.forEach(signal -> assertThat(signal.receivedAt()).isEqualTo(FixtureCase.RECEIVED_AT));
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
