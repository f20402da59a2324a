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
 * One webhook sample under {@code src/test/resources/fixtures/<provider>/}: {@code <case>.json} is the body,
 * {@code <case>.headers.json} optional request headers, and either {@code <case>.expected.json} (the
 * signals it must map to, compared field by field) or {@code <case>.expected-failure.txt} (the reason it
 * must be dead-lettered with). AWS cases named {@code eventbridge_*} come in on {@code aws/eventbridge},
 * the others on {@code aws/sns}.
 */
public record FixtureCase(String provider, String name, Path body, Map<String, String> headers) {

    /** The time every mapping test receives its webhook at. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-24T10:00:00Z");

    public static List<FixtureCase> all() {
        Path root = root();
        List<FixtureCase> cases = new ArrayList<>();
        try (Stream<Path> providers = Files.list(root)) {
            for (Path provider : providers.sorted().toList()) {
                try (Stream<Path> files = Files.list(provider)) {
                    for (Path file : files.sorted().toList()) {
                        String fileName = file.getFileName().toString();
                        if (fileName.endsWith(".json") && !fileName.endsWith(".expected.json") && !fileName.endsWith(".headers.json")) {
                            String name = fileName.substring(0, fileName.length() - ".json".length());
                            cases.add(new FixtureCase(provider.getFileName().toString(), name, file, headers(provider.resolve(name + ".headers.json"))));
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
        return all().stream().filter(c -> c.provider.equals(provider) && c.name.equals(name)).findFirst()
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

    public boolean shouldFail() {
        return Files.exists(expectedFailure());
    }

    @Override
    public String toString() {
        return provider + "/" + name;
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

    private static Path root() {
        try {
            return Path.of(FixtureCase.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
