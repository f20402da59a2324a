package io.siamhub.incident.correlation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.JsonListConverter;
import io.siamhub.incident.persistence.PlacementFacts;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.MaintenanceWindow;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.model.Impact;
import io.siamhub.model.FieldChange;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The signal path's rows in set-based SQL on the reactive PostgreSQL client, in the caller's
 * transaction on {@code connection}: one query per kind of row to load (the incidents locked
 * {@code for update}), then one batched statement per kind of write (insert or upsert), so a batch of
 * 500 signals costs a dozen round trips and no entity bookkeeping. Hibernate Reactive stays for the
 * API, people's actions and the catalog.
 */
@ApplicationScoped
public class SqlSignalStore {

    private static final String INCIDENT_COLUMNS = "id, number, title, description, status, impact, urgency, priority,"
            + " impact_overridden, urgency_overridden, service, configuration_item, owner, correlation_key, unmapped, maintenance,"
            + " paging_held, provider_resolved, handled_by_person, signal_count, firing_signals, fingerprints, first_seen, last_seen,"
            + " created_at, acknowledged_at, resolved_at, closed_at, last_activity_at, auto_resolve_at, version";
    private static final String SIGNAL_COLUMNS = "id, incident_id, fingerprint, provider, provider_ref, title, status, severity,"
            + " first_seen, last_seen, count, joined_by, transitions, flapping, last_transition_at";
    private static final String TICKET_COLUMNS = "id, system, key, url, provider_status, status, incident_id, updated_at, previous_keys,"
            + " conflicts, assignment";

    private static final String LOAD_ROWS = "select distinct on (fingerprint) " + SIGNAL_COLUMNS
            + " from incident_signal where fingerprint = any($1) order by fingerprint, last_seen desc";
    private static final String LOAD_TICKETS = "select " + TICKET_COLUMNS + " from incident_ticket where id = any($1)";
    private static final String LOAD_INCIDENTS = "select " + INCIDENT_COLUMNS + " from incident where id = any($1)"
            + " or (correlation_key = any($2) and status not in ('RESOLVED', 'CLOSED')) order by id for update";
    private static final String LOAD_WINDOWS = "select change_id, number, starts_at, ends_at, targets from maintenance_window"
            + " where ends_at is null or ends_at > $1";
    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(h) from"
            + " (select distinct hashtextextended(k, 0) as h from unnest($1::text[]) as t(k) order by 1) ordered) locked";
    private static final String NUMBERS = "select nextval('incident_number') from generate_series(1, $1)";

    /** With {@code placement_facts} last: what an unmapped incident's signal said, to place it when the catalog learns more. */
    private static final String INSERT_INCIDENT = "insert into incident (" + INCIDENT_COLUMNS + ", placement_facts) values ($1, $2, $3, $4,"
            + " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29,"
            + " $30, $31, $32)";
    /**
     * The first 31 parameters of {@link #INSERT_INCIDENT}, so one tuple shape serves both; it leaves
     * {@code placement_facts} alone (the catalog's placement clears it).
     */
    private static final String UPDATE_INCIDENT = "update incident set number = $2, title = $3, description = $4, status = $5,"
            + " impact = $6, urgency = $7, priority = $8,"
            + " impact_overridden = $9, urgency_overridden = $10, service = $11, configuration_item = $12, owner = $13,"
            + " correlation_key = $14, unmapped = $15, maintenance = $16, paging_held = $17, provider_resolved = $18,"
            + " handled_by_person = $19, signal_count = $20, firing_signals = $21, fingerprints = $22,"
            + " first_seen = $23, last_seen = $24, created_at = $25, acknowledged_at = $26, resolved_at = $27,"
            + " closed_at = $28, last_activity_at = $29, auto_resolve_at = $30, version = $31 where id = $1";
    private static final String UPSERT_SIGNAL = "insert into incident_signal (" + SIGNAL_COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7,"
            + " $8, $9, $10, $11, $12, $13, $14, $15) on conflict (id) do update set status = excluded.status,"
            + " severity = excluded.severity, last_seen = excluded.last_seen, count = excluded.count, transitions = excluded.transitions,"
            + " flapping = excluded.flapping, last_transition_at = excluded.last_transition_at";
    private static final String UPSERT_TICKET = "insert into incident_ticket (" + TICKET_COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            + " on conflict (id) do update set key = excluded.key, url = excluded.url, provider_status = excluded.provider_status,"
            + " status = excluded.status, incident_id = excluded.incident_id, updated_at = excluded.updated_at,"
            + " previous_keys = excluded.previous_keys, conflicts = excluded.conflicts, assignment = excluded.assignment";
    private static final String DELETE_TICKETS = "delete from incident_ticket where id = any($1)";
    private static final String INSERT_LINK = "insert into incident_change (id, incident_id, change_id) values ($1, $2, $3)"
            + " on conflict do nothing";
    private static final String TICKETS_OF = "select " + TICKET_COLUMNS + " from incident_ticket where incident_id = any($1)";
    private static final String CHANGES_OF = "select incident_id, change_id from incident_change where incident_id = any($1)";
    private static final String INSERT_TIMELINE = "insert into incident_timeline (id, incident_id, at, actor_type, actor, what, reason,"
            + " changes) values ($1, $2, $3, $4, $5, $6, $7, $8)";

    private static final JsonListConverter.Strings FINGERPRINTS = new JsonListConverter.Strings();
    private static final JsonListConverter.FieldChanges CHANGES = new JsonListConverter.FieldChanges();
    private static final PlacementFacts.Json PLACEMENT_FACTS = new PlacementFacts.Json();

    private final Outbox outbox;
    private final Clock clock;

    SqlSignalStore(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Takes the transaction-scoped advisory locks on {@code names}, in hash order (see {@code AdvisoryLocks}). */
    public Uni<Void> lock(SqlConnection connection, Set<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(LOCK).execute(Tuple.of(names.toArray(String[]::new))).replaceWithVoid();
    }

    /** Loads (and locks the incidents of) what {@code signals}, placed as {@code placements}, may touch. */
    public Uni<LoadedState> load(SqlConnection connection, List<Signal> signals, Map<String, Placement> placements, Instant now) {
        String[] fingerprints = SignalRules.fingerprints(signals).toArray(String[]::new);
        String[] ticketIds = SignalRules.ticketIds(signals).toArray(String[]::new);
        String[] keys = placements.values().stream().map(Placement::correlationKey).distinct().toArray(String[]::new);
        Instant earliest = signals.stream().map(Signal::receivedAt).min(Comparator.naturalOrder()).orElse(now);
        Map<String, FingerprintState> rows = new HashMap<>();
        Map<String, TicketState> tickets = new HashMap<>();
        Map<UUID, IncidentState> incidents = new HashMap<>();
        List<MaintenanceWindow> windows = new ArrayList<>();
        Uni<Void> rowsLoaded = fingerprints.length == 0 ? Uni.createFrom().voidItem()
                : connection.preparedQuery(LOAD_ROWS).execute(Tuple.of(fingerprints))
                        .invoke(found -> found.forEach(row -> rows.put(row.getString("fingerprint"), fingerprint(row)))).replaceWithVoid();
        Uni<Void> ticketsLoaded = ticketIds.length == 0 ? Uni.createFrom().voidItem()
                : connection.preparedQuery(LOAD_TICKETS).execute(Tuple.of(ticketIds))
                        .invoke(found -> found.forEach(row -> tickets.put(row.getString("id"), ticket(row)))).replaceWithVoid();
        return rowsLoaded.chain(() -> ticketsLoaded).chain(() -> {
            Set<UUID> ids = new LinkedHashSet<>();
            rows.values().forEach(row -> ids.add(row.incidentId));
            tickets.values().forEach(ticket -> {
                if (ticket.incidentId != null) {
                    ids.add(ticket.incidentId);
                }
            });
            // a ticket the hub's sync made names its incident: load it, to link the ticket on its first signal
            signals.stream().filter(signal -> signal.kind() == SignalKind.TICKET).map(signal -> TicketState.labelledIncident(signal.labels()))
                    .filter(java.util.Objects::nonNull).forEach(ids::add);
            if (ids.isEmpty() && keys.length == 0) {
                return Uni.createFrom().voidItem();
            }
            return connection.preparedQuery(LOAD_INCIDENTS).execute(Tuple.of(ids.toArray(UUID[]::new), keys))
                    .invoke(found -> found.forEach(row -> {
                        IncidentState incident = incident(row);
                        incidents.put(incident.id, incident);
                    })).replaceWithVoid();
        }).chain(() -> placements.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(LOAD_WINDOWS).execute(Tuple.of(utc(earliest)))
                        .invoke(found -> found.forEach(row -> windows.add(window(row)))).replaceWithVoid())
                .map(nothing -> new LoadedState(placements, rows, incidents, tickets, windows));
    }

    /**
     * Stores what a batch's decisions add up to and publishes one event per touched incident
     * (versions raised by one); returns the snapshots published.
     */
    public Uni<List<Incident>> write(SqlConnection connection, BatchWrites writes) {
        List<IncidentUpdate> updates = writes.incidents();
        List<IncidentUpdate> opened = updates.stream().filter(update -> writes.newIncidents().contains(update.incident().id)).toList();
        Uni<Void> numbered = opened.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(NUMBERS).execute(Tuple.of(opened.size())).invoke(numbers -> {
                    int i = 0;
                    for (Row row : numbers) {
                        opened.get(i++).incident().number = String.format("INC%07d", row.getLong(0));
                    }
                }).replaceWithVoid();
        return numbered.chain(() -> {
            List<Tuple> inserts = new ArrayList<>();
            List<Tuple> changes = new ArrayList<>();
            for (IncidentUpdate update : updates) {
                IncidentState incident = update.incident();
                incident.version++;
                if (writes.newIncidents().contains(incident.id)) {
                    inserts.add(incidentTuple(incident).addString(incident.unmapped
                            ? PLACEMENT_FACTS.convertToDatabaseColumn(PlacementFacts.of(writes.openedBy().get(incident.id))) : null));
                } else {
                    changes.add(incidentTuple(incident));
                }
            }
            List<Tuple> rows = writes.fingerprints().stream().map(SqlSignalStore::signalTuple).toList();
            List<Tuple> tickets = writes.tickets().stream().map(SqlSignalStore::ticketTuple).toList();
            List<Tuple> links = new ArrayList<>();
            writes.changeLinks().forEach((incident, change) -> links.add(Tuple.of(incident + ":" + change, incident, change)));
            // incidents before the rows that refer to them
            return batch(connection, INSERT_INCIDENT, inserts)
                    .chain(() -> batch(connection, UPDATE_INCIDENT, changes))
                    .chain(() -> batch(connection, UPSERT_SIGNAL, rows))
                    .chain(() -> batch(connection, UPSERT_TICKET, tickets))
                    .chain(() -> writes.retiredTickets().isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(DELETE_TICKETS).execute(Tuple.of(writes.retiredTickets().toArray(String[]::new)))
                                    .replaceWithVoid())
                    .chain(() -> batch(connection, INSERT_LINK, links));
        }).chain(() -> publish(connection, updates));
    }

    private Uni<List<Incident>> publish(SqlConnection connection, List<IncidentUpdate> updates) {
        if (updates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = updates.stream().map(update -> update.incident().id).toArray(UUID[]::new);
        Map<UUID, List<ExternalTicket>> tickets = new HashMap<>();
        Map<UUID, List<String>> changes = new HashMap<>();
        return connection.preparedQuery(TICKETS_OF).execute(Tuple.of(ids)).invoke(found -> {
            List<TicketState> all = new ArrayList<>();
            found.forEach(row -> all.add(ticket(row)));
            all.stream().sorted(Comparator.comparing(ticket -> ticket.id))
                    .forEach(ticket -> tickets.computeIfAbsent(ticket.incidentId, id -> new ArrayList<>()).add(ticket.toModel()));
        }).chain(() -> connection.preparedQuery(CHANGES_OF).execute(Tuple.of(ids)).invoke(found -> found.forEach(row -> changes
                .computeIfAbsent(row.getUUID("incident_id"), id -> new ArrayList<>()).add(row.getString("change_id")))))
                .chain(() -> {
                    IncidentEvents.Assembled assembled = IncidentEvents.assemble(updates, tickets, changes, clock.instant());
                    List<Tuple> lines = assembled.timeline().stream().map(SqlSignalStore::timelineTuple).toList();
                    return batch(connection, INSERT_TIMELINE, lines)
                            .chain(() -> outbox.appendAll(connection, assembled.events()))
                            .replaceWith(assembled.snapshots());
                });
    }

    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    // ---- rows → states

    private static IncidentState incident(Row row) {
        IncidentState incident = new IncidentState();
        incident.id = row.getUUID("id");
        incident.number = row.getString("number");
        incident.title = row.getString("title");
        incident.description = row.getString("description");
        incident.status = IncidentStatus.valueOf(row.getString("status"));
        incident.impact = Impact.valueOf(row.getString("impact"));
        incident.urgency = Urgency.valueOf(row.getString("urgency"));
        incident.priority = Priority.valueOf(row.getString("priority"));
        incident.impactOverridden = row.getBoolean("impact_overridden");
        incident.urgencyOverridden = row.getBoolean("urgency_overridden");
        incident.service = row.getString("service");
        incident.configurationItem = row.getString("configuration_item");
        incident.owner = row.getString("owner");
        incident.correlationKey = row.getString("correlation_key");
        incident.unmapped = row.getBoolean("unmapped");
        incident.maintenance = row.getBoolean("maintenance");
        incident.pagingHeld = row.getBoolean("paging_held");
        incident.providerResolved = row.getBoolean("provider_resolved");
        incident.handledByPerson = row.getBoolean("handled_by_person");
        incident.signalCount = row.getLong("signal_count");
        incident.firingSignals = row.getInteger("firing_signals");
        incident.fingerprints = strings(row.getString("fingerprints"));
        incident.firstSeen = instant(row, "first_seen");
        incident.lastSeen = instant(row, "last_seen");
        incident.createdAt = instant(row, "created_at");
        incident.acknowledgedAt = instant(row, "acknowledged_at");
        incident.resolvedAt = instant(row, "resolved_at");
        incident.closedAt = instant(row, "closed_at");
        incident.lastActivityAt = instant(row, "last_activity_at");
        incident.autoResolveAt = instant(row, "auto_resolve_at");
        incident.version = row.getLong("version");
        return incident;
    }

    private static FingerprintState fingerprint(Row row) {
        FingerprintState state = new FingerprintState();
        state.id = row.getUUID("id");
        state.incidentId = row.getUUID("incident_id");
        state.fingerprint = row.getString("fingerprint");
        state.provider = row.getString("provider");
        state.providerRef = row.getString("provider_ref");
        state.title = row.getString("title");
        state.status = SignalStatus.valueOf(row.getString("status"));
        state.severity = Severity.valueOf(row.getString("severity"));
        state.firstSeen = instant(row, "first_seen");
        state.lastSeen = instant(row, "last_seen");
        state.count = row.getLong("count");
        state.joinedBy = row.getString("joined_by");
        state.transitions = row.getString("transitions");
        state.flapping = row.getBoolean("flapping");
        state.lastTransitionAt = instant(row, "last_transition_at");
        return state;
    }

    private static TicketState ticket(Row row) {
        TicketState ticket = new TicketState();
        ticket.id = row.getString("id");
        ticket.system = row.getString("system");
        ticket.key = row.getString("key");
        ticket.url = row.getString("url");
        ticket.providerStatus = row.getString("provider_status");
        String status = row.getString("status");
        ticket.status = status == null ? null : SignalStatus.valueOf(status);
        ticket.incidentId = row.getUUID("incident_id");
        ticket.updatedAt = instant(row, "updated_at");
        ticket.previousKeys = strings(row.getString("previous_keys"));
        ticket.conflicts = conflicts(row.getString("conflicts"));
        ticket.assignment = row.getString("assignment");
        return ticket;
    }

    private static MaintenanceWindow window(Row row) {
        return new MaintenanceWindow(row.getString("change_id"), row.getString("number"), instant(row, "starts_at"),
                instant(row, "ends_at"), MaintenanceWindow.targets(row.getString("targets")));
    }

    // ---- states → rows

    private static Tuple incidentTuple(IncidentState incident) {
        return Tuple.from(new Object[] {incident.id, incident.number, incident.title, incident.description, name(incident.status),
                name(incident.impact), name(incident.urgency), name(incident.priority), incident.impactOverridden, incident.urgencyOverridden,
                incident.service, incident.configurationItem, incident.owner, incident.correlationKey, incident.unmapped,
                incident.maintenance, incident.pagingHeld, incident.providerResolved, incident.handledByPerson, incident.signalCount,
                incident.firingSignals, json(incident.fingerprints), utc(incident.firstSeen), utc(incident.lastSeen), utc(incident.createdAt),
                utc(incident.acknowledgedAt), utc(incident.resolvedAt), utc(incident.closedAt), utc(incident.lastActivityAt),
                utc(incident.autoResolveAt), incident.version});
    }

    private static Tuple signalTuple(FingerprintState row) {
        return Tuple.from(new Object[] {row.id, row.incidentId, row.fingerprint, row.provider, row.providerRef, row.title, name(row.status),
                name(row.severity), utc(row.firstSeen), utc(row.lastSeen), row.count, row.joinedBy,
                row.transitions == null ? "" : row.transitions, row.flapping, utc(row.lastTransitionAt)});
    }

    private static Tuple ticketTuple(TicketState ticket) {
        return Tuple.from(new Object[] {ticket.id, ticket.system, ticket.key, ticket.url, ticket.providerStatus, name(ticket.status),
                ticket.incidentId, utc(ticket.updatedAt), json(ticket.previousKeys), conflicts(ticket.conflicts), ticket.assignment});
    }

    private static Tuple timelineTuple(TimelineLine line) {
        return Tuple.from(new Object[] {UUID.randomUUID(), line.incidentId(), utc(line.at()), line.actor().type().name(), line.actor().id(),
                line.what(), line.why(), changes(line.changes())});
    }

    // ---- values

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** JSON arrays as the entities write them: null when empty. */
    private static String json(List<String> fingerprints) {
        return FINGERPRINTS.convertToDatabaseColumn(fingerprints);
    }

    private static String changes(List<FieldChange> changes) {
        return CHANGES.convertToDatabaseColumn(changes);
    }

    /** A ticket's standing conflicts as a JSON object (null when none). */
    private static String conflicts(Map<String, String> conflicts) {
        if (conflicts == null || conflicts.isEmpty()) {
            return null;
        }
        try {
            return io.siamhub.model.SiamJson.mapper().writeValueAsString(new java.util.TreeMap<>(conflicts));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> conflicts(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Map.copyOf(io.siamhub.model.SiamJson.mapper().readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
                    }));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable conflicts of a ticket in the database", e);
        }
    }

    private static List<String> strings(String json) {
        return FINGERPRINTS.convertToEntityAttribute(json);
    }
}
