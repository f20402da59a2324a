package io.siamhub.kit.outbox;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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
