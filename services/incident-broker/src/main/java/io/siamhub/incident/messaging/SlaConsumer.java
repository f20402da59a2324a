package io.siamhub.incident.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.incident.persistence.IncidentSlaEntity;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.sla.SlaEvent;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code siam.sla.v1} and keeps each clock's latest state, shown with its incident. It does not
 * change the incident (no event goes back out): the SLA monitor owns the clocks.
 */
@ApplicationScoped
public class SlaConsumer {

    static final String CONSUMER = "incident-broker.sla";

    private final ConsumedEventLog consumed;
    private final ObjectMapper mapper;

    SlaConsumer(ConsumedEventLog consumed, ObjectMapper mapper) {
        this.consumed = consumed;
        this.mapper = mapper;
    }

    @Incoming("sla")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        SlaEvent sla = event.data(SlaEvent.class, mapper);
        if (sla.clockId() == null || sla.incidentId() == null || sla.kind() == null) {
            throw new PermanentFailure("SLA event " + event.id() + " needs kind, clockId and incidentId");
        }
        return consumed.applyOnce(CONSUMER, event, () -> IncidentSlaEntity.<IncidentSlaEntity> findById(sla.clockId())
                .chain(existing -> {
                    java.time.Instant at = sla.occurredAt() != null ? sla.occurredAt() : java.time.Instant.now();
                    if (existing != null && existing.updatedAt.isAfter(at)) {
                        return Uni.createFrom().voidItem();
                    }
                    IncidentSlaEntity clock = existing != null ? existing : new IncidentSlaEntity();
                    clock.clockId = sla.clockId();
                    clock.incidentId = sla.incidentId();
                    clock.definitionId = sla.definitionId();
                    clock.agreement = sla.agreement() == null ? null : sla.agreement().name();
                    clock.metric = sla.metric() == null ? null : sla.metric().name();
                    clock.state = sla.kind().name();
                    clock.stagePercent = sla.stagePercent() != null ? sla.stagePercent() : existing != null ? existing.stagePercent : null;
                    clock.dueAt = sla.dueAt();
                    clock.remaining = sla.remaining() == null ? null : sla.remaining().toString();
                    clock.updatedAt = at;
                    return clock.persist().replaceWithVoid();
                })).replaceWithVoid();
    }
}
