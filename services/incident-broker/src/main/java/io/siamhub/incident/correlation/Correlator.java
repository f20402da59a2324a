package io.siamhub.incident.correlation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.CatalogSnapshots;
import io.siamhub.incident.lifecycle.AutoResolution;
import io.siamhub.incident.lifecycle.IncidentEvents;
import io.siamhub.incident.lifecycle.PriorityMatrix;
import io.siamhub.incident.persistence.AdvisoryLocks;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentNumbers;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.incident.persistence.MaintenanceWindowEntity;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Applies a batch of signals to incidents in one transaction: notes the batch's {@code ce_id}s in
 * the consumed-event log (repeats are skipped), takes the advisory locks of every CI, service,
 * fingerprint and ticket it touches, loads what it needs in a handful of queries (locking the
 * incidents it may change), runs the rules of {@link SignalBatch}, and publishes one event per
 * touched incident through the outbox.
 */
@ApplicationScoped
public class Correlator {

    /** The consumer name in the consumed-event log. */
    public static final String CONSUMER = "incident-broker.signals";

    private static final String LATEST_ROWS = "from IncidentSignalEntity s where s.fingerprint in ?1 and s.lastSeen ="
            + " (select max(t.lastSeen) from IncidentSignalEntity t where t.fingerprint = s.fingerprint)";
    private static final List<IncidentStatus> CLOSED_OR_RESOLVED = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    private final IncidentConfig config;
    private final CatalogSnapshots catalog;
    private final PriorityMatrix priorities;
    private final FlappingDetector flapping;
    private final AutoResolution autoResolution;
    private final IncidentEvents events;
    private final ConsumedEventLog consumed;
    private final IncidentMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    Correlator(IncidentConfig config, CatalogSnapshots catalog, PriorityMatrix priorities, FlappingDetector flapping,
            AutoResolution autoResolution, IncidentEvents events, ConsumedEventLog consumed, IncidentMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.priorities = priorities;
        this.flapping = flapping;
        this.autoResolution = autoResolution;
        this.events = events;
        this.consumed = consumed;
        this.metrics = metrics;
    }

    /** A signal with the {@code ce_id} it arrived under. */
    public record Delivery(String ceId, Signal signal) {
    }

    /** Applies the deliveries in order, in one transaction; returns the incidents it changed, as published. */
    public Uni<List<Incident>> apply(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = deliveries.stream().map(Delivery::ceId).toList();
        return Panache.withTransaction(() -> consumed.markConsumed(CONSUMER, ids).chain(fresh -> {
            List<Signal> signals = firstDeliveries(deliveries, fresh);
            if (signals.isEmpty()) {
                return Uni.createFrom().item(List.<Incident> of());
            }
            SignalBatch batch = new SignalBatch(signals, catalog.current(), config, priorities, flapping, autoResolution, metrics,
                    clock.instant());
            return AdvisoryLocks.lock(batch.lockNames())
                    .chain(() -> load(batch))
                    .invoke(batch::apply)
                    .chain(() -> IncidentNumbers.assign(batch.newIncidents()))
                    .chain(() -> Panache.getSession().chain(session -> session.persistAll(batch.newEntities().toArray())
                            .chain(() -> batch.retiredTickets().isEmpty() ? Uni.createFrom().voidItem()
                                    : session.removeAll(batch.retiredTickets().toArray()))))
                    .chain(() -> events.publish(batch.updates()));
        }));
    }

    /** Keeps each fresh id's first delivery, in order, and counts the rest as duplicates. */
    private List<Signal> firstDeliveries(List<Delivery> deliveries, Set<String> fresh) {
        Set<String> pending = new HashSet<>(fresh);
        List<Signal> signals = new ArrayList<>(fresh.size());
        for (Delivery delivery : deliveries) {
            if (pending.remove(delivery.ceId())) {
                signals.add(delivery.signal());
            } else {
                metrics.signal(delivery.signal().kind(), "duplicate").increment();
            }
        }
        return signals;
    }

    private Uni<Void> load(SignalBatch batch) {
        List<String> fingerprints = batch.fingerprints();
        List<String> tickets = batch.ticketIds();
        Uni<Void> rows = fingerprints.isEmpty() ? Uni.createFrom().voidItem()
                : IncidentSignalEntity.<IncidentSignalEntity> list(LATEST_ROWS, fingerprints).invoke(batch::rowsLoaded).replaceWithVoid();
        Uni<Void> ticketRows = tickets.isEmpty() ? Uni.createFrom().voidItem()
                : TicketEntity.<TicketEntity> list("id in ?1", tickets).invoke(batch::ticketsLoaded).replaceWithVoid();
        return rows.chain(() -> ticketRows)
                .chain(() -> incidents(batch.incidentIds(), batch.correlationKeys()))
                .invoke(batch::incidentsLoaded)
                .chain(() -> batch.hasAlerts()
                        ? MaintenanceWindowEntity.<MaintenanceWindowEntity> list("endsAt is null or endsAt > ?1", batch.earliest())
                        : Uni.createFrom().item(List.<MaintenanceWindowEntity> of()))
                .invoke(batch::windowsLoaded)
                .replaceWithVoid();
    }

    /** The incidents the batch may change, locked: those its fingerprints and tickets are on, and the open ones of its keys. */
    private static Uni<List<IncidentEntity>> incidents(List<UUID> ids, List<String> keys) {
        if (ids.isEmpty() && keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder query = new StringBuilder();
        Parameters parameters = new Parameters();
        if (!ids.isEmpty()) {
            query.append("id in :ids");
            parameters.and("ids", ids);
        }
        if (!keys.isEmpty()) {
            query.append(query.isEmpty() ? "" : " or ").append("(correlationKey in :keys and status not in :done)");
            parameters.and("keys", keys).and("done", CLOSED_OR_RESOLVED);
        }
        query.append(" order by id");
        return IncidentEntity.<IncidentEntity> find(query.toString(), parameters).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
