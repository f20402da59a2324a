package io.siamhub.sla.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.model.Priority;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.sla.definition.SlaDefinition;
import io.siamhub.sla.definition.SlaModel;

/**
 * The SLA monitor's meters: {@code siam_sla_clocks{state,type}} (a gauge read from the database at most every 10 s,
 * when scraped), {@code siam_sla_breaches_total{type,party,priority}} (registered for every definition's type and
 * party and every priority as soon as the definition is known), {@code siam_sla_timer_lateness_seconds} (fired-at
 * minus due-at of every stage and breach the scheduler fires).
 */
@ApplicationScoped
public class SlaMetrics {

    private static final Logger LOG = Logger.getLogger(SlaMetrics.class);
    private static final String COUNT = "select state, type, count(*) from sla_clock group by state, type";
    private static final Duration GAUGE_AGE = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Clock clock;
    private final io.vertx.core.Vertx vertx;
    private final Timer lateness;
    private final Map<String, AtomicLong> clocks = new ConcurrentHashMap<>();
    private final Map<String, Counter> breaches = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Instant refreshedAt = Instant.EPOCH;

    SlaMetrics(MeterRegistry registry, Clock clock, io.vertx.core.Vertx vertx) {
        this.registry = registry;
        this.clock = clock;
        this.vertx = vertx;
        this.lateness = Timer.builder("siam_sla_timer_lateness")
                .description("Fired-at minus due-at of the stage and breach events the scheduler fires")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .register(registry);
        for (ClockState state : ClockState.values()) {
            for (AgreementType type : AgreementType.values()) {
                AtomicLong value = new AtomicLong();
                clocks.put(state + "|" + type, value);
                Gauge.builder("siam_sla_clocks", value, current -> {
                    refreshSoon();
                    return current.get();
                }).description("Clocks by state and type (read from the database at most every 10 s)")
                        .tag("state", state.name()).tag("type", type.name()).register(registry);
            }
        }
    }

    /** Registers the breach counters of every definition's type and party, for every priority, so zeros show. */
    public void registerFor(SlaModel model) {
        for (SlaDefinition definition : model.definitions().values()) {
            for (Priority priority : Priority.values()) {
                breachCounter(definition.type(), definition.party(), priority);
            }
        }
    }

    /** Counts the breaches among published events (call after their transaction committed). */
    public void published(List<SlaEvent> events) {
        for (SlaEvent event : events) {
            if (event.kind() == SlaEventKind.BREACHED) {
                breachCounter(event.agreement(), event.party(), event.priority()).increment();
            }
        }
    }

    /** Records how late a timer fired: {@code firedAt} minus the stage's or breach's own instant. */
    public void fired(Instant dueAt, Instant firedAt) {
        Duration late = Duration.between(dueAt, firedAt);
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    private Counter breachCounter(AgreementType type, String party, Priority priority) {
        String key = type + "|" + party + "|" + priority;
        return breaches.computeIfAbsent(key, ignored -> Counter.builder("siam_sla_breaches_total")
                .description("Clocks that breached their target").tag("type", String.valueOf(type)).tag("party", String.valueOf(party))
                .tag("priority", String.valueOf(priority)).register(registry));
    }

    private void refreshSoon() {
        if (Duration.between(refreshedAt, clock.instant()).compareTo(GAUGE_AGE) < 0 || !refreshing.compareAndSet(false, true)) {
            return;
        }
        OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(COUNT, Object[].class).getResultList())), rows -> {
                    clocks.values().forEach(value -> value.set(0));
                    for (Object[] row : rows) {
                        AtomicLong value = clocks.get(row[0] + "|" + row[1]);
                        if (value != null) {
                            value.set(((Number) row[2]).longValue());
                        }
                    }
                    refreshedAt = clock.instant();
                    refreshing.set(false);
                }, failure -> {
                    LOG.debugf("clock gauge refresh failed: %s", failure.toString());
                    refreshing.set(false);
                });
    }
}
