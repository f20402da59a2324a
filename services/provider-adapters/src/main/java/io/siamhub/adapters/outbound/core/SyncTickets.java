package io.siamhub.adapters.outbound.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code sync_ticket} table: per sync target and incident, the external ticket (the target's
 * immutable id, the key people use, its link) and the field values the hub last wrote to it. A sender
 * reads it before every attempt: no row means create (after looking the ticket up in the target, so a
 * retried create never makes a second one); a row means update only the fields whose value differs from
 * what was written. The inbound side reads {@code written} to recognise an echo of the hub's own update.
 */
@ApplicationScoped
public class SyncTickets {

    /**
     * One incident's ticket in one target.
     *
     * @param externalId the target's immutable id (ServiceNow {@code sys_id}, Jira issue id)
     * @param key        the key people use ({@code INC0010042}, {@code OPS-17})
     * @param url        where a person opens it, or null
     * @param written    the target's fields as the hub last wrote them (field name → value as sent)
     * @param linked     true once the TICKET signal linking it to the incident was acknowledged by Kafka
     */
    public record Ticket(String target, String incidentId, String externalId, String key, String url, Map<String, String> written,
            boolean linked) {
        public Ticket {
            written = written == null ? Map.of() : Map.copyOf(written);
        }

        /** The same ticket with {@code changes} applied to what was written. */
        public Ticket wrote(Map<String, String> changes) {
            Map<String, String> all = new LinkedHashMap<>(written);
            all.putAll(changes);
            return new Ticket(target, incidentId, externalId, key, url, all, linked);
        }
    }

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    SyncTickets(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The incident's ticket in the target, or null. */
    public Uni<Ticket> find(String target, String incidentId) {
        return pool.preparedQuery("select * from sync_ticket where target = $1 and incident_id = $2")
                .execute(Tuple.of(target, incidentId))
                .map(rows -> rows.iterator().hasNext() ? ticket(rows.iterator().next()) : null);
    }

    /** The ticket with this external id in the target, or null (the inbound side's echo check). */
    public Uni<Ticket> byExternalId(String target, String externalId) {
        return pool.preparedQuery("select * from sync_ticket where target = $1 and external_id = $2 limit 1")
                .execute(Tuple.of(target, externalId))
                .map(rows -> rows.iterator().hasNext() ? ticket(rows.iterator().next()) : null);
    }

    /** Stores the ticket (inserted or replaced: external id, key, url, written fields, linked). */
    public Uni<Void> save(Ticket ticket, Instant now) {
        return pool.preparedQuery("insert into sync_ticket (target, incident_id, external_id, external_key, url, written, linked,"
                + " created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) on conflict (target, incident_id) do update set"
                + " external_id = excluded.external_id, external_key = excluded.external_key, url = excluded.url,"
                + " written = excluded.written, linked = excluded.linked, updated_at = excluded.updated_at")
                .execute(Tuple.from(new Object[] {ticket.target(), ticket.incidentId(), ticket.externalId(), ticket.key(), ticket.url(),
                        json(ticket.written()), ticket.linked(), now.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    private Ticket ticket(Row row) {
        try {
            return new Ticket(row.getString("target"), row.getString("incident_id"), row.getString("external_id"),
                    row.getString("external_key"), row.getString("url"), mapper.readValue(row.getString("written"), FIELDS),
                    row.getBoolean("linked"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sync_ticket.written unreadable: " + e.getOriginalMessage());
        }
    }

    private String json(Map<String, String> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
