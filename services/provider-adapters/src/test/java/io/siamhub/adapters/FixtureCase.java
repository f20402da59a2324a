package io.siamhub.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;

import io.siamhub.model.SiamJson;

/**
 * One webhook sample under {@code src/test/resources/<suite>/<provider>/} (suites: {@code fixtures}, the
 * providers' samples; {@code reported}, the payloads of public bug reports and the cases of each fault
 * kind): {@code <case>.json} is the body, {@code <case>.headers.json} optional request headers, and one
 * of {@code <case>.expected.json} (the signals it must map to, compared field by field),
 * {@code <case>.expected-failure.txt} (the reason it must be dead-lettered with) or
 * {@code <case>.expected-ignored.txt} (the reason it must be ignored with: no signal, no dead letter).
 * AWS cases named {@code eventbridge_*} come in on {@code aws/eventbridge}, the others on {@code aws/sns}.
 */
public record FixtureCase(String suite, String provider, String name, Path body, Map<String, String> headers) {

    /** The time every mapping test receives its webhook at. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-24T10:00:00Z");

    public static final String FIXTURES = "fixtures";
    public static final String REPORTED = "reported";

    /** The providers' samples. */
    public static List<FixtureCase> all() {
        return all(FIXTURES);
    }

    public static List<FixtureCase> all(String suite) {
        Path root = root(suite);
        List<FixtureCase> cases = new ArrayList<>();
        try (Stream<Path> providers = Files.list(root)) {
            for (Path provider : providers.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(provider)) {
                    for (Path file : files.sorted().toList()) {
                        String fileName = file.getFileName().toString();
                        if (fileName.endsWith(".json") && !fileName.endsWith(".expected.json") && !fileName.endsWith(".headers.json")) {
                            String name = fileName.substring(0, fileName.length() - ".json".length());
                            cases.add(new FixtureCase(suite, provider.getFileName().toString(), name, file,
                                    headers(provider.resolve(name + ".headers.json"))));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    public static FixtureCase of(String provider, String name) {
        return of(FIXTURES, provider, name);
    }

    public static FixtureCase of(String suite, String provider, String name) {
        return all(suite).stream().filter(c -> c.provider.equals(provider) && c.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + provider + "/" + name));
    }

    public String endpoint() {
        return switch (provider) {
            case "aws" -> name.startsWith("eventbridge") ? "aws/eventbridge" : "aws/sns";
            case "azure" -> "azure/monitor";
            case "gcp" -> "gcp/monitoring";
            default -> provider;
        };
    }

    public byte[] bytes() {
        try {
            return Files.readAllBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path expected() {
        return body.resolveSibling(name + ".expected.json");
    }

    public Path expectedFailure() {
        return body.resolveSibling(name + ".expected-failure.txt");
    }

    public Path expectedIgnored() {
        return body.resolveSibling(name + ".expected-ignored.txt");
    }

    public boolean shouldFail() {
        return Files.exists(expectedFailure());
    }

    public boolean shouldBeIgnored() {
        return Files.exists(expectedIgnored());
    }

    /** Where a new case's expected file is recorded for review: the sources, not the build output. */
    public Path sourceExpected() {
        return Path.of("src/test/resources", suite, provider, name + ".expected.json");
    }

    @Override
    public String toString() {
        return (suite.equals(FIXTURES) ? "" : suite + ":") + provider + "/" + name;
    }

    private static Map<String, String> headers(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return SiamJson.mapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root(String suite) {
        try {
            return Path.of(FixtureCase.class.getResource("/" + suite).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
