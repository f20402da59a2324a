package io.siamhub.adapters.outbound.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * {@code siam_outbound_deliveries_total{target,outcome}} (outcome {@code delivered}, {@code retried},
 * {@code dead}, {@code gone}), {@code siam_outbound_delivery_seconds{target}} (each attempt's latency,
 * histogram) and {@code siam_outbound_oldest_pending_seconds{subscription}} (age of the oldest pending
 * delivery per subscription; 0 rows when none is pending). Registered up front for every target.
 */
@Startup // the series exist from the start, zeros included
@ApplicationScoped
public class OutboundMetrics {

    /** The targets the outbound side has; each gets its series at start. */
    public static final List<String> TARGETS = List.of("webhook", "servicenow", "jira");
    public static final List<String> OUTCOMES = List.of("delivered", "retried", "dead", "gone");

    private final MeterRegistry registry;
    private final MultiGauge oldestPending;
    private final Clock clock;

    OutboundMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (String target : TARGETS) {
            for (String outcome : OUTCOMES) {
                counter(target, outcome);
            }
            timer(target);
        }
        this.oldestPending = MultiGauge.builder("siam_outbound_oldest_pending_seconds")
                .description("Age of the oldest pending outbound delivery, per subscription").baseUnit("seconds").register(registry);
    }

    public void outcome(String target, String outcome) {
        counter(target, outcome).increment();
    }

    public void latency(String target, Duration latency) {
        timer(target).record(latency);
    }

    /** Replaces the oldest-pending rows with these subscriptions' oldest pending creation instants. */
    public void oldestPending(Map<UUID, Instant> oldest) {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        oldest.forEach((subscription, created) -> rows.add(MultiGauge.Row.of(Tags.of("subscription", subscription.toString()),
                Math.max(0, Duration.between(created, now).toMillis() / 1000.0))));
        oldestPending.register(rows, true);
    }

    private Counter counter(String target, String outcome) {
        return Counter.builder("siam_outbound_deliveries_total").description("Outbound delivery attempts by outcome")
                .tags("target", target, "outcome", outcome).register(registry);
    }

    private Timer timer(String target) {
        return Timer.builder("siam_outbound_delivery_seconds").description("Outbound delivery attempt latency")
                .tags("target", target).publishPercentileHistogram().register(registry);
    }
}
