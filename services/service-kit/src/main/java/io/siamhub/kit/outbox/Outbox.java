package io.siamhub.kit.outbox;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Appends outgoing events to the outbox table. Call it inside the transaction that changes the state
 * (e.g. within {@code Panache.withTransaction}): both commit together or neither does.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final Clock clock;

    Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param topic       where the relay publishes it
     * @param aggregateId the Kafka key; events of one aggregate are published in the order appended
     * @param ceType      the CloudEvents type ({@code io.siamhub.<aggregate>.<what>.v1})
     * @param ceSubject   the CloudEvents subject (e.g. the incident number), may be null
     * @param payload     the event data, written as JSON; null for a tombstone
     */
    public Uni<OutboxEvent> append(String topic, String aggregateId, String ceType, String ceSubject, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.aggregateId = aggregateId;
        event.ceType = ceType;
        event.ceSubject = ceSubject;
        event.payload = payload == null ? null : json(payload);
        event.created = clock.instant();
        return event.persist();
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }
}
