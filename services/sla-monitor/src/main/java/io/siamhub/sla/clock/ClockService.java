package io.siamhub.sla.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaModel;
import io.siamhub.sla.engine.ClockEngine;
import io.siamhub.sla.engine.IncidentObservation;
import io.siamhub.sla.engine.Parties;
import io.smallrye.mutiny.Uni;

/**
 * The thin shell around the {@link ClockEngine}: loads an incident's history and clocks (locked), asks the engine,
 * stores the clocks, appends the events to the outbox, all in one transaction. Incident events arrive in batches
 * (one transaction per batch, idempotent per {@code ce_id} through the consumed-event log); recomputes rebuild open
 * incidents in batches.
 */
@ApplicationScoped
public class ClockService {

    /** The consumer name in the consumed-event log. */
    public static final String CONSUMER = "sla-monitor";

    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(h) from"
            + " (select distinct hashtextextended(k, 0) as h from unnest(cast(?1 as text[])) as t(k) order by 1) ordered) locked";

    private final ConsumedEventLog consumed;
    private final ModelStore models;
    private final Outbox outbox;
    private final Clock clock;
    private final Parties parties;
    private final SlaMetrics metrics;

    ClockService(ConsumedEventLog consumed, ModelStore models, Outbox outbox, Clock clock, Parties parties, SlaMetrics metrics) {
        this.consumed = consumed;
        this.models = models;
        this.outbox = outbox;
        this.clock = clock;
        this.parties = parties;
        this.metrics = metrics;
    }

    /** An incident event with the {@code ce_id} it arrived under. */
    public record Delivery(String ceId, IncidentEvent event) {
    }

    /**
     * What one transaction published.
     *
     * @param events       the SLA events appended to the outbox, in order
     * @param earliestDue  the earliest {@code next_due_at} it wrote (for the scheduler), or null
     * @param incidents    how many incidents it evaluated
     */
    public record Applied(List<SlaEvent> events, Instant earliestDue, int incidents) {
        static final Applied NONE = new Applied(List.of(), null, 0);
    }

    /** Applies incident events in order, in one transaction; repeats of a {@code ce_id} are skipped. */
    public Uni<Applied> apply(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Applied.NONE);
        }
        List<String> ids = deliveries.stream().map(Delivery::ceId).toList();
        return Panache.withTransaction(() -> consumed.markConsumed(CONSUMER, ids).chain(fresh -> {
            Map<UUID, List<Delivery>> byIncident = new LinkedHashMap<>();
            Set<String> pending = new HashSet<>(fresh);
            for (Delivery delivery : deliveries) {
                if (pending.remove(delivery.ceId())) {
                    byIncident.computeIfAbsent(UUID.fromString(delivery.event().incident().id()), id -> new ArrayList<>()).add(delivery);
                }
            }
            if (byIncident.isEmpty()) {
                return Uni.createFrom().item(Applied.NONE);
            }
            return models.current().chain(model -> evaluate(byIncident.keySet(), byIncident, model, null));
        })).invoke(this::published);
    }

    /**
     * Rebuilds the clocks of these incidents from their stored history with the current model, in one transaction:
     * a RECOMPUTED event carries each active clock's old and new due instant.
     */
    public Uni<Applied> recompute(Collection<UUID> incidents, String reason) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().item(Applied.NONE);
        }
        return Panache.withTransaction(() -> models.current().chain(model -> evaluate(incidents, Map.of(), model, reason)))
                .invoke(this::published);
    }

    private void published(Applied applied) {
        metrics.published(applied.events());
    }

    private Uni<Applied> evaluate(Collection<UUID> incidentIds, Map<UUID, List<Delivery>> deliveries, SlaModel model, String reason) {
        List<UUID> sorted = new ArrayList<>(new TreeSet<>(incidentIds));
        String[] names = sorted.stream().map(id -> "sla-incident:" + id).toArray(String[]::new);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, Long.class).setParameter(1, names).getSingleResult())
                .chain(() -> ObservationEntity.<ObservationEntity> list("incidentId in ?1", Sort.by("incidentId").and("version"), sorted))
                .chain(observations -> ClockEntity.<ClockEntity> find("incidentId in ?1", sorted).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(clocks -> IncidentStateEntity.<IncidentStateEntity> list("incidentId in ?1", sorted)
                                .chain(states -> write(sorted, deliveries, model, reason, observations, clocks, states))));
    }

    private Uni<Applied> write(List<UUID> incidents, Map<UUID, List<Delivery>> deliveries, SlaModel model, String reason,
            List<ObservationEntity> observations, List<ClockEntity> clocks, List<IncidentStateEntity> states) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, List<IncidentObservation>> histories = new HashMap<>();
        for (ObservationEntity row : observations) {
            histories.computeIfAbsent(row.incidentId, id -> new ArrayList<>()).add(ClockRows.observation(row));
        }
        Map<UUID, List<ClockEntity>> clocksOf = new HashMap<>();
        clocks.forEach(row -> clocksOf.computeIfAbsent(row.incidentId, id -> new ArrayList<>()).add(row));
        Map<UUID, IncidentStateEntity> stateOf = new HashMap<>();
        states.forEach(row -> stateOf.put(row.incidentId, row));

        List<Object> created = new ArrayList<>();
        List<SlaEvent> events = new ArrayList<>();
        List<io.siamhub.kit.outbox.Outbox.Pending> pending = new ArrayList<>();
        Instant earliestDue = null;
        for (UUID incidentId : incidents) {
            List<IncidentObservation> history = histories.computeIfAbsent(incidentId, id -> new ArrayList<>());
            Instant changesFrom = reason != null ? now : null;
            IncidentStateEntity state = stateOf.get(incidentId);
            for (Delivery delivery : deliveries.getOrDefault(incidentId, List.of())) {
                IncidentObservation observation = IncidentObservation.of(delivery.ceId(), delivery.event());
                if (history.stream().anyMatch(known -> known.version() == observation.version())) {
                    continue;
                }
                IncidentObservation previous = previous(history, observation.version());
                state = updateState(state, delivery.event().incident(), observation, previous, now, created);
                if (!observation.sameForClocks(previous)) {
                    history.add(observation);
                    history.sort(java.util.Comparator.comparingLong(IncidentObservation::version));
                    created.add(ClockRows.row(incidentId, observation));
                    changesFrom = changesFrom == null || observation.at().isBefore(changesFrom) ? observation.at() : changesFrom;
                }
            }
            if (changesFrom == null) {
                continue;
            }
            Map<UUID, ClockEntity> rows = new HashMap<>();
            List<io.siamhub.sla.engine.Clock> stored = new ArrayList<>();
            for (ClockEntity row : clocksOf.getOrDefault(incidentId, List.of())) {
                rows.put(row.id, row);
                stored.add(ClockRows.clock(row));
            }
            ClockEngine.Evaluation evaluation = ClockEngine.evaluate(incidentId.toString(), history, model.orderedDefinitions(),
                    model.calendars(), parties, stored, now, reason, changesFrom);
            for (io.siamhub.sla.engine.Clock result : evaluation.clocks()) {
                ClockEntity row = rows.get(result.id());
                if (row == null) {
                    created.add(ClockRows.write(result, new ClockEntity()));
                } else {
                    ClockRows.write(result, row);
                }
                if (result.nextDueAt() != null && (earliestDue == null || result.nextDueAt().isBefore(earliestDue))) {
                    earliestDue = result.nextDueAt();
                }
            }
            for (SlaEvent event : evaluation.events()) {
                events.add(event);
                pending.add(new Outbox.Pending(Topics.SLA, event.incidentId(), EventTypes.sla(event.kind()), subject(history), event));
            }
        }
        Instant due = earliestDue;
        int count = incidents.size();
        return Panache.getSession()
                .chain(session -> created.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(created.toArray()))
                .chain(() -> outbox.appendAll(pending))
                .replaceWith(() -> new Applied(events, due, count));
    }

    private static IncidentObservation previous(List<IncidentObservation> history, long version) {
        IncidentObservation previous = null;
        for (IncidentObservation observation : history) {
            if (observation.version() < version) {
                previous = observation;
            }
        }
        return previous;
    }

    /** Keeps the incident's latest state (only from a newer version) and counts ownership hops. */
    private static IncidentStateEntity updateState(IncidentStateEntity state, Incident incident, IncidentObservation observation,
            IncidentObservation previous, Instant now, List<Object> created) {
        IncidentStateEntity row = state;
        if (row == null) {
            row = new IncidentStateEntity();
            row.incidentId = UUID.fromString(incident.id());
            row.version = Long.MIN_VALUE;
            created.add(row);
        }
        String ownerBefore = previous != null ? previous.owner() : row.version == Long.MIN_VALUE ? null : row.owner;
        if (ownerBefore != null && observation.owner() != null && !Objects.equals(ownerBefore, observation.owner())) {
            row.hops++;
        }
        if (observation.version() >= row.version) {
            row.number = incident.number();
            row.title = incident.title();
            row.status = incident.status().name();
            row.priority = incident.priority() == null ? null : incident.priority().name();
            row.service = incident.service();
            row.configurationItem = incident.configurationItem();
            row.owner = incident.owner();
            row.maintenance = incident.maintenance();
            row.createdAt = observation.createdAt();
            row.acknowledgedAt = observation.acknowledgedAt();
            row.resolvedAt = observation.resolvedAt();
            row.closedAt = observation.closedAt();
            row.version = observation.version();
            row.updatedAt = now;
        }
        return row;
    }

    private static String subject(List<IncidentObservation> history) {
        return history.isEmpty() ? null : history.get(history.size() - 1).number();
    }
}
