package io.siamhub.adapters.core;

import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.model.signal.Severity;

/** Looks up a provider's severity value (case-insensitive); unknown values fall back to the default and are counted. */
public final class SeverityMap {

    private final Map<String, Severity> map;
    private final Severity fallback;
    private final Counter unknown;

    public SeverityMap(String provider, SeverityConfig config, MeterRegistry registry) {
        this.map = config.severity().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
        this.fallback = config.defaultSeverity();
        this.unknown = unknownCounter(registry, provider);
    }

    /** {@code siam_adapters_unknown_severity_total{provider}}. */
    public static Counter unknownCounter(MeterRegistry registry, String provider) {
        return Counter.builder("siam_adapters_unknown_severity_total")
                .description("Provider severities the map did not know; the default was used")
                .tag("provider", provider).register(registry);
    }

    /** The normalized severity of a provider value; null or blank gives the default without counting. */
    public Severity of(String providerValue) {
        if (providerValue == null || providerValue.isBlank()) {
            return fallback;
        }
        Severity severity = map.get(providerValue.trim().toLowerCase(Locale.ROOT));
        if (severity == null) {
            unknown.increment();
            return fallback;
        }
        return severity;
    }
}
