package io.siamhub.sla.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.kit.messaging.BatchConsumption;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.sla.clock.ClockService;
import io.siamhub.sla.clock.SlaClockScheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Consumes {@code siam.incidents.v1} in batches through {@link BatchConsumption} (group {@code sla-monitor}; order per incident holds: a batch keeps
 * partition order). A record that is not a readable incident event is dead-lettered on its own; a batch that fails
 * for good (not a passing outage, which is retried holding the partition) is applied again record by record, so only
 * the record at fault reaches {@code siam.incidents.v1.sla-monitor.dlq}.
 */
@ApplicationScoped
public class IncidentConsumer implements BatchConsumption.Handler<ClockService.Delivery> {

    private final ClockService clocks;
    private final SlaClockScheduler scheduler;
    private final ObjectMapper mapper;
    private final MutinyEmitter<String> deadLetters;

    IncidentConsumer(ClockService clocks, SlaClockScheduler scheduler, ObjectMapper mapper,
            @Channel("incidents-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024) MutinyEmitter<String> deadLetters) {
        this.clocks = clocks;
        this.scheduler = scheduler;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
    }

    @Incoming("incidents")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return BatchConsumption.apply(records, this, deadLetters);
    }

    @Override
    public String noun() {
        return "incident events";
    }

    @Override
    public Uni<?> apply(List<ClockService.Delivery> deliveries) {
        return clocks.apply(deliveries).invoke(result -> scheduler.hint(result.earliestDue()));
    }

    @Override
    public String id(ClockService.Delivery delivery) {
        return "incident event " + delivery.ceId();
    }

    /** Reads and checks one record: a CloudEvent whose data is an incident event the engine can use. */
    @Override
    public ClockService.Delivery read(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        IncidentEvent incident = event.data(IncidentEvent.class, mapper);
        String problem = problem(incident);
        if (problem != null) {
            throw new PermanentFailure("incident event " + event.id() + " " + problem);
        }
        return new ClockService.Delivery(event.id(), incident);
    }

    private static String problem(IncidentEvent event) {
        if (event.incident() == null) {
            return "has no incident";
        }
        if (event.kind() == null) {
            return "has no kind";
        }
        if (event.incident().id() == null) {
            return "has no incident id";
        }
        try {
            java.util.UUID.fromString(event.incident().id());
        } catch (IllegalArgumentException e) {
            return "has an incident id that is not a UUID: " + event.incident().id();
        }
        if (event.incident().status() == null) {
            return "has no status";
        }
        if (event.incident().createdAt() == null && event.occurredAt() == null) {
            return "has neither createdAt nor occurredAt";
        }
        return null;
    }
}
