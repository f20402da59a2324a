package io.siamhub.incident.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.lifecycle.IncidentIds;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.incident.persistence.IncidentSlaEntity;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.incident.persistence.TimelineEntry;
import io.siamhub.kit.api.PageCursor;
import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;
import io.siamhub.model.Priority;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/** Reads incidents for the API: filtered pages with a cursor, and one incident with everything around it. */
@ApplicationScoped
public class IncidentQueries {

    /** What a list may be filtered by; null fields do not filter. */
    public record Filter(List<IncidentStatus> status, List<Priority> priority, String service, String configurationItem,
            String owner, String provider, Instant from, Instant to, Boolean maintenance, Boolean unmapped, String text) {
    }

    /** One page, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Incident> items, long total, String nextCursor) {
    }

    /** One fingerprint on the incident, with its own state. */
    public record SignalView(String fingerprint, String provider, String providerRef, String title, SignalStatus status,
            Severity severity, long count, Instant firstSeen, Instant lastSeen, String joinedBy, boolean flapping) {
    }

    /** One line of the timeline. */
    public record TimelineView(Instant at, Actor actor, String what, String reason, List<FieldChange> changes) {
    }

    /**
     * One SLA clock as the SLA monitor last reported it: {@code state} RUNNING, PAUSED, MET, BREACHED or CANCELLED,
     * {@code breached} true once past its target, {@code lastEvent} the kind of the last event.
     */
    public record SlaView(String clockId, String definitionId, String agreement, String metric, String state,
            Integer stagePercent, Instant dueAt, String remaining, Instant updatedAt, String party, boolean breached,
            Instant breachedAt, String lastEvent) {
    }

    /** An incident with its signals, timeline and SLA clocks (tickets and changes are in the incident). */
    public record Detail(Incident incident, List<SignalView> signals, List<TimelineView> timeline, List<SlaView> sla) {
    }

    public Uni<Page> list(Filter filter, String cursor, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.status() != null && !filter.status().isEmpty()) {
            where.append(" and status in :status");
            parameters.and("status", filter.status());
        }
        if (filter.priority() != null && !filter.priority().isEmpty()) {
            where.append(" and priority in :priority");
            parameters.and("priority", filter.priority());
        }
        equal(where, parameters, "service", filter.service());
        equal(where, parameters, "configurationItem", filter.configurationItem());
        equal(where, parameters, "owner", filter.owner());
        if (filter.provider() != null) {
            where.append(" and (owner = :provider or id in (select s.incidentId from IncidentSignalEntity s where s.provider = :provider)"
                    + " or id in (select t.incidentId from TicketEntity t where t.system = :provider))");
            parameters.and("provider", filter.provider());
        }
        if (filter.from() != null) {
            where.append(" and createdAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and createdAt < :to");
            parameters.and("to", filter.to());
        }
        equal(where, parameters, "maintenance", filter.maintenance());
        equal(where, parameters, "unmapped", filter.unmapped());
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (lower(title) like :text or lower(number) like :text or lower(coalesce(description, '')) like :text)");
            parameters.and("text", "%" + filter.text().strip().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String counted = where.toString();
        Parameters countParameters = copy(parameters);
        if (cursor != null && !cursor.isBlank()) {
            PageCursor after = PageCursor.decode(cursor);
            where.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", after.at()).and("cursorId", after.id());
        }
        String paged = where.toString();
        return Panache.withSession(() -> IncidentEntity.count(counted, countParameters)
                .chain(total -> IncidentEntity.<IncidentEntity> find(paged, Sort.descending("createdAt", "id"), parameters)
                        .page(0, limit + 1).list()
                        .chain(found -> {
                            List<IncidentEntity> page = found.size() > limit ? found.subList(0, limit) : found;
                            IncidentEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
                            String next = found.size() > limit ? new PageCursor(last.createdAt, last.id).encode() : null;
                            return snapshots(page).map(items -> new Page(items, total, next));
                        })));
    }

    /** One incident by its id or its number ({@code INC0000001}), with everything around it; 404 when there is none. */
    public Uni<Detail> detail(String id) {
        return Panache.withSession(() -> IncidentIds.find(id).chain(incident -> {
            UUID uuid = incident.id;
            return snapshots(List.of(incident)).chain(snapshot -> IncidentSignalEntity
                    .<IncidentSignalEntity> list("incidentId", Sort.ascending("firstSeen", "fingerprint"), uuid)
                    .chain(signals -> TimelineEntry.<TimelineEntry> list("incidentId", Sort.ascending("at", "seq"), uuid)
                            .chain(timeline -> IncidentSlaEntity.<IncidentSlaEntity> list("incidentId", Sort.ascending("clockId"), uuid.toString())
                                    .map(sla -> new Detail(snapshot.get(0),
                                            signals.stream().map(IncidentQueries::view).toList(),
                                            timeline.stream().map(IncidentQueries::view).toList(),
                                            sla.stream().map(IncidentQueries::view).toList())))));
        }));
    }

    /** Provider tickets no incident is linked to yet, newest first. */
    public Uni<List<ExternalTicket>> unlinkedTickets(int limit) {
        return Panache.withSession(() -> TicketEntity.<TicketEntity> find("incidentId is null", Sort.descending("updatedAt"))
                .page(0, limit).list())
                .map(tickets -> tickets.stream().map(TicketEntity::toModel).toList());
    }

    /** The current snapshot of one incident (for ETags on reads). */
    public Uni<Incident> incident(String id) {
        return detail(id).map(Detail::incident);
    }

    private static Uni<List<Incident>> snapshots(List<IncidentEntity> incidents) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = incidents.stream().map(incident -> incident.id).toList();
        return TicketEntity.<TicketEntity> list("incidentId in ?1", ids)
                .chain(tickets -> IncidentChangeEntity.<IncidentChangeEntity> list("incidentId in ?1", ids).map(changes -> {
                    Map<UUID, List<TicketEntity>> ticketsOf = group(tickets, ticket -> ticket.incidentId);
                    Map<UUID, List<IncidentChangeEntity>> changesOf = group(changes, change -> change.incidentId);
                    List<Incident> snapshots = new ArrayList<>(incidents.size());
                    for (IncidentEntity incident : incidents) {
                        snapshots.add(IncidentEvents.snapshot(incident, ticketsOf.getOrDefault(incident.id, List.of()),
                                changesOf.getOrDefault(incident.id, List.of())));
                    }
                    return snapshots;
                }));
    }

    private static <T> Map<UUID, List<T>> group(List<T> rows, java.util.function.Function<T, UUID> key) {
        return rows.stream().collect(java.util.stream.Collectors.groupingBy(key));
    }

    private static void equal(StringBuilder where, Parameters parameters, String field, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }

    private static Parameters copy(Parameters parameters) {
        Parameters copy = new Parameters();
        parameters.map().forEach(copy::and);
        return copy;
    }

    private static SignalView view(IncidentSignalEntity row) {
        return new SignalView(row.fingerprint, row.provider, row.providerRef, row.title, row.status, row.severity, row.count,
                row.firstSeen, row.lastSeen, row.joinedBy, row.flapping);
    }

    private static TimelineView view(TimelineEntry entry) {
        return new TimelineView(entry.at, new Actor(entry.actorType, entry.actor), entry.what, entry.reason, entry.changes);
    }

    private static SlaView view(IncidentSlaEntity clock) {
        return new SlaView(clock.clockId, clock.definitionId, clock.agreement, clock.metric, clock.state, clock.stagePercent,
                clock.dueAt, clock.remaining, clock.updatedAt, clock.party, clock.breached, clock.breachedAt, clock.lastEvent);
    }
}
