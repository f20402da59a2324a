package io.siamhub.adapters;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider sample under {@code src/test/resources/fixtures/} through its adapter, compared field by
 * field with {@code <case>.expected.json}, or dead-lettered with the reason in
 * {@code <case>.expected-failure.txt}, or ignored for the reason in {@code <case>.expected-ignored.txt}.
 * A pure unit test: the adapters are built from the service's configuration ({@link AdapterHarness}).
 */
class ProviderMappingTest {

    private static final AdapterHarness HARNESS = new AdapterHarness();

    static List<FixtureCase> cases() {
        return FixtureCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsToTheExpectedSignals(FixtureCase fixture) throws IOException {
        FixtureMapping.assertAsExpected(HARNESS, fixture);
    }
}
