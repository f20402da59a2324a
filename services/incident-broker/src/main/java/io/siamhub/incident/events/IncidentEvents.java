package io.siamhub.incident.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.incident.persistence.TimelineEntry;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.SignalSummary;
import io.smallrye.mutiny.Uni;

/**
 * Ends a transaction's work on incidents: each touched incident gets its version raised by one and
 * its state written to its row, its timeline lines stored, and one {@code IncidentEvent} (the full
 * snapshot, what changed, who and why) appended to the outbox for {@code siam.incidents.v1}, keyed by
 * incident id.
 */
@ApplicationScoped
public class IncidentEvents {

    private final Outbox outbox;
    private final Clock clock;

    IncidentEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** One incident: {@code row} is its (locked or newly persisted) row in the caller's session. */
    public Uni<Incident> publish(IncidentEntity row, IncidentUpdate update) {
        return publish(List.of(update), Map.of(row.id, row)).map(list -> list.get(0));
    }

    /**
     * In the caller's transaction; returns the snapshots published, in the order given.
     *
     * @param rows each update's row in the caller's session (locked, or newly persisted), by incident id
     */
    public Uni<List<Incident>> publish(Collection<IncidentUpdate> updates, Map<UUID, IncidentEntity> rows) {
        if (updates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = updates.stream().map(update -> update.incident().id).toList();
        // raise the versions before the flush, so each incident row is written once per transaction
        for (IncidentUpdate update : updates) {
            IncidentState incident = update.incident();
            incident.version++;
            rows.get(incident.id).set(incident);
        }
        return Panache.getSession().chain(session -> session.flush())
                .chain(() -> TicketEntity.<TicketEntity> list("incidentId in ?1", ids))
                .chain(tickets -> IncidentChangeEntity.<IncidentChangeEntity> list("incidentId in ?1", ids)
                        .chain(changes -> append(updates, group(tickets, ticket -> ticket.incidentId),
                                group(changes, change -> change.incidentId))));
    }

    private Uni<List<Incident>> append(Collection<IncidentUpdate> updates, Map<UUID, List<TicketEntity>> tickets,
            Map<UUID, List<IncidentChangeEntity>> changes) {
        Map<UUID, List<ExternalTicket>> external = new HashMap<>();
        tickets.forEach((id, rows) -> external.put(id, rows.stream().sorted(Comparator.comparing(ticket -> ticket.id))
                .map(TicketEntity::toModel).toList()));
        Map<UUID, List<String>> related = new HashMap<>();
        changes.forEach((id, rows) -> related.put(id, rows.stream().map(change -> change.changeId).toList()));
        Assembled assembled = assemble(updates, external, related, clock.instant());
        Object[] timeline = assembled.timeline().stream().map(IncidentEvents::entry).toArray();
        return Panache.getSession().chain(session -> session.persistAll(timeline))
                .chain(() -> outbox.appendAll(assembled.events()))
                .replaceWith(assembled.snapshots());
    }

    /**
     * What a transaction publishes for its updates (whose versions it already raised), in their order.
     *
     * @param snapshots the incidents as published
     * @param timeline  the lines to store (quiet ones left out)
     * @param events    one outbox event per incident, for {@code siam.incidents.v1}, keyed by incident id
     */
    public record Assembled(List<Incident> snapshots, List<TimelineLine> timeline, List<Outbox.Pending> events) {
    }

    /**
     * Pure: the snapshots, timeline lines and outbox events of {@code updates}.
     *
     * @param tickets each incident's external tickets, in id order
     * @param changes each incident's related change ids
     * @param now     the events' {@code occurredAt}
     */
    public static Assembled assemble(Collection<IncidentUpdate> updates, Map<UUID, List<ExternalTicket>> tickets,
            Map<UUID, List<String>> changes, Instant now) {
        List<Incident> snapshots = new ArrayList<>(updates.size());
        List<TimelineLine> timeline = new ArrayList<>();
        List<Outbox.Pending> published = new ArrayList<>(updates.size());
        for (IncidentUpdate update : updates) {
            IncidentState incident = update.incident();
            Incident snapshot = snapshot(incident, tickets.getOrDefault(incident.id, List.of()),
                    changes.getOrDefault(incident.id, List.of()).stream().sorted().toList());
            snapshots.add(snapshot);
            timeline.addAll(update.timeline());
            published.add(new Outbox.Pending(Topics.INCIDENTS, incident.id.toString(), EventTypes.incident(update.kind()),
                    incident.number, new IncidentEvent(update.kind(), snapshot, update.changes(), update.actor(), update.reason(), now,
                            update.comment())));
        }
        return new Assembled(snapshots, timeline, published);
    }

    /** The published form of an incident. */
    public static Incident snapshot(IncidentEntity incident, List<TicketEntity> tickets, List<IncidentChangeEntity> changes) {
        return snapshot(incident.toState(), tickets.stream().sorted(Comparator.comparing(ticket -> ticket.id)).map(TicketEntity::toModel).toList(),
                changes.stream().map(change -> change.changeId).sorted().toList());
    }

    /**
     * The published form of an incident.
     *
     * @param tickets its external tickets, in id order
     * @param changes its related change ids, sorted
     */
    public static Incident snapshot(IncidentState incident, List<ExternalTicket> tickets, List<String> changes) {
        return new Incident(incident.id.toString(), incident.number, incident.title, incident.description, incident.status,
                incident.impact, incident.urgency, incident.priority, incident.service, incident.configurationItem,
                incident.owner, new SignalSummary(incident.signalCount, incident.firstSeen, incident.lastSeen,
                        incident.fingerprints),
                tickets, changes, incident.maintenance, incident.pagingHeld, incident.providerResolved, incident.unmapped,
                incident.createdAt, incident.acknowledgedAt, incident.resolvedAt, incident.closedAt, incident.version);
    }

    /** A timeline row for a line. */
    static TimelineEntry entry(TimelineLine line) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.incidentId = line.incidentId();
        entry.at = line.at();
        entry.actorType = line.actor().type();
        entry.actor = line.actor().id();
        entry.what = line.what();
        entry.reason = line.why();
        entry.changes = line.changes();
        return entry;
    }

    static <T> Map<UUID, List<T>> group(List<T> rows, Function<T, UUID> incident) {
        return rows.stream().collect(Collectors.groupingBy(incident));
    }
}
