package io.siamhub.kit.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends outgoing events to the outbox table. Call it inside the transaction that changes the state
 * (e.g. within {@code Panache.withTransaction}): both commit together or neither does.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final Clock clock;

    Outbox(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * @param topic       where the relay publishes it
     * @param aggregateId the Kafka key; events of one aggregate are published in the order appended
     * @param ceType      the CloudEvents type ({@code io.siamhub.<aggregate>.<what>.v1})
     * @param ceSubject   the CloudEvents subject (e.g. the incident number), may be null
     * @param payload     the event data, written as JSON; null for a tombstone
     */
    public Uni<OutboxEvent> append(String topic, String aggregateId, String ceType, String ceSubject, Object payload) {
        return row(new Pending(topic, aggregateId, ceType, ceSubject, payload)).persist();
    }

    /** One event for {@link #appendAll}; the fields are those of {@link #append}. */
    public record Pending(String topic, String aggregateId, String ceType, String ceSubject, Object payload) {
    }

    /**
     * Appends many events in the order given, in one batched insert (a long chain of single appends
     * would nest as deep as it is long).
     */
    public Uni<Void> appendAll(List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] rows = events.stream().map(this::row).toArray();
        return Panache.getSession().chain(session -> session.persistAll(rows));
    }

    private static final String INSERT_SQL = "insert into outbox (id, aggregate_id, topic, ce_type, ce_subject, payload, created)"
            + " values ($1, $2, $3, $4, $5, $6, $7)";

    /**
     * The same as {@link #appendAll(List)} on a connection of the reactive PostgreSQL client, in the
     * caller's transaction on it: for a hot path that writes its state in SQL rather than entities.
     */
    public Uni<Void> appendAll(SqlConnection connection, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (Pending pending : events) {
            OutboxEvent event = row(pending);
            rows.add(Tuple.from(new Object[] {event.id, event.aggregateId, event.topic, event.ceType, event.ceSubject, event.payload,
                    OffsetDateTime.ofInstant(event.created, ZoneOffset.UTC)}));
        }
        return connection.preparedQuery(INSERT_SQL).executeBatch(rows).replaceWithVoid();
    }

    private OutboxEvent row(Pending pending) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = pending.topic();
        event.aggregateId = pending.aggregateId();
        event.ceType = pending.ceType();
        event.ceSubject = pending.ceSubject();
        event.payload = pending.payload() == null ? null : json(pending.payload());
        event.created = clock.instant();
        return event;
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }
}
