package io.siamhub.incident.correlation;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.siamhub.model.signal.SignalKind;

/**
 * The broker's counters, registered up front so dashboards see zeros rather than gaps:
 * {@code siam_incident_signals_total{kind,outcome}}, {@code siam_incident_unmapped_signals_total{provider}},
 * {@code siam_incident_flapping_total}, and the {@code siam_incident_batch_seconds} timer.
 */
@Startup
@ApplicationScoped
public class IncidentMetrics {

    static final List<String> ALERT_OUTCOMES = List.of("opened", "correlated", "deduplicated", "reopened", "resolved",
            "flapping", "ignored", "duplicate", "dead-lettered");
    static final List<String> TICKET_OUTCOMES = List.of("linked", "unlinked", "duplicate", "dead-lettered");
    static final List<String> MAINTENANCE_OUTCOMES = List.of("ignored", "duplicate", "dead-lettered");
    /** {@code noted}: on a linked incident's timeline; {@code unlinked}: its ticket waits for a link; {@code unknown-ticket}: dropped. */
    static final List<String> NOTE_OUTCOMES = List.of("noted", "unlinked", "unknown-ticket", "duplicate", "dead-lettered");
    static final List<String> PROVIDERS = List.of("alertmanager", "aws", "azure", "gcp", "pagerduty", "datadog", "servicenow",
            "jira", "cloudevents", "other");

    private final Map<SignalKind, Map<String, Counter>> signals = new EnumMap<>(SignalKind.class);
    private final Map<String, Counter> unmapped = new HashMap<>();
    private final Counter flapping;
    private final Counter unreadable;
    private final Timer batches;

    IncidentMetrics(MeterRegistry registry) {
        register(registry, SignalKind.ALERT, ALERT_OUTCOMES);
        register(registry, SignalKind.TICKET, TICKET_OUTCOMES);
        register(registry, SignalKind.MAINTENANCE, MAINTENANCE_OUTCOMES);
        register(registry, SignalKind.NOTE, NOTE_OUTCOMES);
        for (String provider : PROVIDERS) {
            unmapped.put(provider, Counter.builder("siam_incident_unmapped_signals_total").tag("provider", provider)
                    .description("Signals no catalog entry matched (they still open incidents)").register(registry));
        }
        flapping = Counter.builder("siam_incident_flapping_total").description("Fingerprints that started flapping")
                .register(registry);
        unreadable = Counter.builder("siam_incident_unreadable_records_total")
                .description("Records on siam.signals.v1 that were not signals (dead-lettered)").register(registry);
        batches = Timer.builder("siam_incident_batch_seconds").description("Time to apply one batch of signals")
                .register(registry);
    }

    private void register(MeterRegistry registry, SignalKind kind, List<String> outcomes) {
        Map<String, Counter> byOutcome = new HashMap<>();
        for (String outcome : outcomes) {
            byOutcome.put(outcome, Counter.builder("siam_incident_signals_total").tag("kind", kind.wireName())
                    .tag("outcome", outcome).description("Signals applied to incidents, by what they did").register(registry));
        }
        signals.put(kind, byOutcome);
    }

    public Counter signal(SignalKind kind, String outcome) {
        Counter counter = signals.get(kind).get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("no counter for " + kind + "/" + outcome);
        }
        return counter;
    }

    /** Counts what the rules decided: one outcome per signal, the unmapped ones, fingerprints that started flapping. */
    public void count(List<Decision> decisions) {
        for (Decision decision : decisions) {
            if (decision.outcome() == null) {
                continue;
            }
            signal(decision.signal().kind(), decision.outcome()).increment();
            if (decision.kind() == Decision.Kind.OPEN && decision.incident().unmapped) {
                unmapped(decision.signal().provider()).increment();
            }
            if (decision.flappingStarted()) {
                flapping.increment();
            }
        }
    }

    public Counter unmapped(String provider) {
        return unmapped.getOrDefault(provider, unmapped.get("other"));
    }

    public Counter flapping() {
        return flapping;
    }

    public Counter unreadable() {
        return unreadable;
    }

    public Timer batches() {
        return batches;
    }
}
