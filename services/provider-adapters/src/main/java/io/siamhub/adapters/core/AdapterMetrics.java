package io.siamhub.adapters.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.siamhub.model.signal.SignalKind;

/**
 * The adapters' meters, registered up front for every provider so that a zero is visible before
 * the first request: {@code siam_adapters_requests_total{provider,outcome}},
 * {@code siam_adapters_signals_total{provider,kind}},
 * {@code siam_adapters_mapping_failures_total{provider,reason}},
 * {@code siam_adapters_ignored_total{provider,reason}},
 * {@code siam_adapters_unknown_severity_total{provider}} and the edge latency
 * {@code siam_adapters_edge_seconds{provider}}.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class AdapterMetrics {

    /** How a webhook request ended. */
    public enum Outcome {
        ACCEPTED, UNAUTHORIZED, TOO_LARGE, MALFORMED, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Mapping failure reasons known up front; others are registered when first seen. */
    public static final List<String> FAILURE_REASONS = List.of("malformed_json", "missing_field", "unsupported",
            "invalid_record", "internal");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    AdapterMetrics(MeterRegistry registry, AdapterRegistry adapters) {
        this.registry = registry;
        for (String provider : adapters.providers()) {
            for (Outcome outcome : Outcome.values()) {
                request(provider, outcome);
            }
            for (SignalKind kind : SignalKind.values()) {
                signal(provider, kind);
            }
            for (String reason : FAILURE_REASONS) {
                mappingFailure(provider, reason);
            }
            for (IgnoredEvent.Reason reason : IgnoredEvent.Reason.values()) {
                ignored(provider, reason);
            }
            SeverityMap.unknownCounter(registry, provider);
            edgeTimer(provider);
        }
    }

    public Counter request(String provider, Outcome outcome) {
        return counters.computeIfAbsent("requests/" + provider + "/" + outcome, key -> Counter
                .builder("siam_adapters_requests_total").description("Webhook requests by outcome")
                .tag("provider", provider).tag("outcome", outcome.tag()).register(registry));
    }

    public Counter signal(String provider, SignalKind kind) {
        return counters.computeIfAbsent("signals/" + provider + "/" + kind, key -> Counter
                .builder("siam_adapters_signals_total").description("Signals published by the normalizer")
                .tag("provider", provider).tag("kind", kind.wireName()).register(registry));
    }

    public Counter mappingFailure(String provider, String reason) {
        return counters.computeIfAbsent("failures/" + provider + "/" + reason, key -> Counter
                .builder("siam_adapters_mapping_failures_total").description("Raw webhooks dead-lettered by the normalizer")
                .tag("provider", provider).tag("reason", reason).register(registry));
    }

    /** Deliveries that carried nothing to normalize (tests, notes without state, ...), by reason. */
    public Counter ignored(String provider, IgnoredEvent.Reason reason) {
        return counters.computeIfAbsent("ignored/" + provider + "/" + reason, key -> Counter
                .builder("siam_adapters_ignored_total").description("Raw webhooks the normalizer ignored: no signal, no dead letter")
                .tag("provider", provider).tag("reason", reason.tag()).register(registry));
    }

    public void recordEdge(String provider, Duration elapsed) {
        edgeTimer(provider).record(elapsed);
    }

    private Timer edgeTimer(String provider) {
        return timers.computeIfAbsent(provider, key -> Timer.builder("siam_adapters_edge_seconds")
                .description("Webhook request to answer, by provider").tag("provider", provider)
                .publishPercentileHistogram().register(registry));
    }
}
