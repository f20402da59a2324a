package io.siamhub.incident.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentNumbers;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.incident.persistence.MaintenanceWindowEntity;
import io.siamhub.incident.persistence.PlacementFacts;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Loads what a batch of signals is decided on, and stores what the decisions add up to, through
 * Hibernate Reactive entities in the caller's transaction: one query per kind of row to load (the
 * incidents locked {@code for update}), then the new rows persisted, the loaded ones changed in place,
 * and the events published.
 */
@ApplicationScoped
public class EntitySignalStore {

    private static final String LATEST_ROWS = "from IncidentSignalEntity s where s.fingerprint in ?1 and s.lastSeen ="
            + " (select max(t.lastSeen) from IncidentSignalEntity t where t.fingerprint = s.fingerprint)";
    private static final List<IncidentStatus> CLOSED_OR_RESOLVED = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    private final IncidentEvents events;

    EntitySignalStore(IncidentEvents events) {
        this.events = events;
    }

    /** What was loaded: the rules' view, and the session's rows to change. */
    public record Loaded(LoadedState state, Map<UUID, IncidentEntity> incidents, Map<UUID, IncidentSignalEntity> fingerprints,
            Map<String, TicketEntity> tickets) {
    }

    /** Loads (and locks the incidents of) what {@code signals}, placed as {@code placements}, may touch. */
    public Uni<Loaded> load(List<Signal> signals, Map<String, Placement> placements, Instant now) {
        List<String> fingerprints = SignalRules.fingerprints(signals);
        List<String> ticketIds = SignalRules.ticketIds(signals);
        Map<String, IncidentSignalEntity> rows = new HashMap<>();
        Map<String, TicketEntity> tickets = new HashMap<>();
        Uni<Void> rowsLoaded = fingerprints.isEmpty() ? Uni.createFrom().voidItem()
                : IncidentSignalEntity.<IncidentSignalEntity> list(LATEST_ROWS, fingerprints).invoke(loaded -> loaded
                        .forEach(row -> rows.merge(row.fingerprint, row, (a, b) -> a.lastSeen.isAfter(b.lastSeen) ? a : b)))
                        .replaceWithVoid();
        Uni<Void> ticketsLoaded = ticketIds.isEmpty() ? Uni.createFrom().voidItem()
                : TicketEntity.<TicketEntity> list("id in ?1", ticketIds).invoke(loaded -> loaded.forEach(ticket -> tickets.put(ticket.id, ticket)))
                        .replaceWithVoid();
        List<String> keys = placements.values().stream().map(Placement::correlationKey).distinct().toList();
        Instant earliest = signals.stream().map(Signal::receivedAt).min(Comparator.naturalOrder()).orElse(now);
        return rowsLoaded.chain(() -> ticketsLoaded)
                .chain(() -> incidents(incidentIds(rows.values(), tickets.values()), keys))
                .chain(incidents -> (placements.isEmpty() ? Uni.createFrom().item(List.<MaintenanceWindowEntity> of())
                        : MaintenanceWindowEntity.<MaintenanceWindowEntity> list("endsAt is null or endsAt > ?1", earliest))
                        .map(windows -> loaded(placements, rows, tickets, incidents, windows)));
    }

    private static Loaded loaded(Map<String, Placement> placements, Map<String, IncidentSignalEntity> rows, Map<String, TicketEntity> tickets,
            List<IncidentEntity> incidents, List<MaintenanceWindowEntity> windows) {
        Map<String, FingerprintState> rowStates = new HashMap<>();
        Map<UUID, IncidentSignalEntity> rowsById = new HashMap<>();
        rows.forEach((fingerprint, row) -> {
            rowStates.put(fingerprint, row.toState());
            rowsById.put(row.id, row);
        });
        Map<String, TicketState> ticketStates = new HashMap<>();
        tickets.forEach((id, ticket) -> ticketStates.put(id, ticket.toState()));
        Map<UUID, IncidentState> incidentStates = new HashMap<>();
        Map<UUID, IncidentEntity> incidentRows = new HashMap<>();
        incidents.forEach(incident -> {
            incidentStates.put(incident.id, incident.toState());
            incidentRows.put(incident.id, incident);
        });
        LoadedState state = new LoadedState(placements, rowStates, incidentStates, ticketStates,
                windows.stream().map(MaintenanceWindowEntity::toWindow).toList());
        return new Loaded(state, incidentRows, rowsById, tickets);
    }

    private static List<UUID> incidentIds(java.util.Collection<IncidentSignalEntity> rows, java.util.Collection<TicketEntity> tickets) {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.incidentId));
        tickets.forEach(ticket -> {
            if (ticket.incidentId != null) {
                ids.add(ticket.incidentId);
            }
        });
        return List.copyOf(ids);
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

    /** Stores {@code writes} (decided on {@code loaded}) and publishes one event per touched incident; returns the snapshots. */
    public Uni<List<Incident>> write(BatchWrites writes, Loaded loaded) {
        List<IncidentUpdate> opened = writes.incidents().stream().filter(update -> writes.newIncidents().contains(update.incident().id))
                .toList();
        return IncidentNumbers.next(opened.size()).chain(numbers -> {
            Map<UUID, IncidentEntity> incidentRows = new LinkedHashMap<>(loaded.incidents());
            List<Object> inserts = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                IncidentState incident = opened.get(i).incident();
                incident.number = numbers.get(i);
                IncidentEntity row = IncidentEntity.of(incident);
                // what an unmapped incident's signal said, to place it when the catalog learns more
                row.placementFacts = incident.unmapped ? PlacementFacts.of(writes.openedBy().get(incident.id)) : null;
                incidentRows.put(row.id, row);
                inserts.add(row);
            }
            for (FingerprintState fingerprint : writes.fingerprints()) {
                if (writes.newFingerprints().contains(fingerprint.id)) {
                    inserts.add(IncidentSignalEntity.of(fingerprint));
                } else {
                    loaded.fingerprints().get(fingerprint.id).set(fingerprint);
                }
            }
            for (TicketState ticket : writes.tickets()) {
                if (writes.newTickets().contains(ticket.id)) {
                    inserts.add(TicketEntity.of(ticket));
                } else {
                    loaded.tickets().get(ticket.id).set(ticket);
                }
            }
            writes.changeLinks().forEach((incident, change) -> inserts.add(IncidentChangeEntity.of(incident, change)));
            List<TicketEntity> retired = writes.retiredTickets().stream().map(loaded.tickets()::get).toList();
            return Panache.getSession().chain(session -> session.persistAll(inserts.toArray())
                    .chain(() -> retired.isEmpty() ? Uni.createFrom().voidItem() : session.removeAll(retired.toArray())))
                    .chain(() -> events.publish(writes.incidents(), incidentRows));
        });
    }
}
