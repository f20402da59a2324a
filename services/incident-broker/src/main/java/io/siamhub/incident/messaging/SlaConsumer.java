package io.siamhub.incident.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.incident.persistence.IncidentSlaEntity;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code siam.sla.v1} and keeps each clock's latest state, shown with its incident: the clock's state
 * (RUNNING, PAUSED, MET, BREACHED, CANCELLED), whether it breached, its stage, due instant and business time left,
 * and the last event. It does not change the incident (no event goes back out): the SLA monitor owns the clocks.
 * Events are applied in the order of their partition; one dated before the state already kept is ignored.
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
        Instant at = sla.occurredAt() != null ? sla.occurredAt() : event.time();
        if (at == null) {
            throw new PermanentFailure("SLA event " + event.id() + " has neither occurredAt nor ce_time");
        }
        return consumed.applyOnce(CONSUMER, event, () -> IncidentSlaEntity.<IncidentSlaEntity> findById(sla.clockId())
                .chain(existing -> {
                    if (existing != null && existing.updatedAt.isAfter(at)) {
                        return Uni.createFrom().voidItem();
                    }
                    IncidentSlaEntity clock = existing != null ? existing : new IncidentSlaEntity();
                    clock.clockId = sla.clockId();
                    clock.incidentId = sla.incidentId();
                    clock.definitionId = sla.definitionId();
                    clock.agreement = sla.agreement() == null ? null : sla.agreement().name();
                    clock.metric = sla.metric() == null ? null : sla.metric().name();
                    clock.party = sla.party() != null ? sla.party() : sla.provider() != null ? sla.provider() : clock.party;
                    clock.state = state(sla, existing);
                    clock.breached = sla.breached() != null ? sla.breached()
                            : sla.kind() == SlaEventKind.BREACHED || existing != null && existing.breached;
                    if (clock.breached && clock.breachedAt == null) {
                        clock.breachedAt = sla.kind() == SlaEventKind.BREACHED ? at : sla.dueAt();
                    }
                    clock.lastEvent = sla.kind().name();
                    clock.stagePercent = sla.stagePercent() != null ? sla.stagePercent() : existing != null ? existing.stagePercent : null;
                    clock.dueAt = sla.dueAt();
                    clock.remaining = sla.remaining() == null ? null : sla.remaining().toString();
                    clock.updatedAt = at;
                    return clock.persist().replaceWithVoid();
                })).replaceWithVoid();
    }

    /** The clock's state: as the event says, or (from a producer that does not say) derived from its kind. */
    static String state(SlaEvent sla, IncidentSlaEntity existing) {
        if (sla.state() != null) {
            return sla.state().name();
        }
        return switch (sla.kind()) {
            case PAUSED -> ClockState.PAUSED.name();
            case MET -> ClockState.MET.name();
            case CANCELLED -> ClockState.CANCELLED.name();
            case STOPPED -> ClockState.BREACHED.name();
            case BREACHED, AT_RISK, RECOMPUTED -> existing != null ? existing.state : ClockState.RUNNING.name();
            default -> ClockState.RUNNING.name();
        };
    }
}
