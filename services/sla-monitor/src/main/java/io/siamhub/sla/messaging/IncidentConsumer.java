package io.siamhub.sla.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.kit.messaging.DeadLetterHeaders;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.sla.clock.ClockService;
import io.siamhub.sla.clock.SlaClockScheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes {@code siam.incidents.v1} in batches (group {@code sla-monitor}; order per incident holds: a batch keeps
 * partition order). A record that is not a readable incident event is dead-lettered on its own; a batch that fails
 * for good (not a passing outage, which is retried holding the partition) is applied again record by record, so only
 * the record at fault reaches {@code siam.incidents.v1.sla-monitor.dlq}.
 */
@ApplicationScoped
public class IncidentConsumer {

    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);

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
        List<ClockService.Delivery> batch = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(read(record));
                sources.add(record);
            } catch (PermanentFailure failure) {
                rejected.add(deadLetter(record, "invalid", failure.getMessage()));
            }
        }
        Uni<Void> applied = TransientFailures.retry(clocks.apply(batch), "applying " + batch.size() + " incident events")
                .invoke(result -> scheduler.hint(result.earliestDue()))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> oneByOne(batch, sources, failure));
        return rejected.isEmpty() ? applied : Uni.join().all(rejected).andFailFast().chain(() -> applied);
    }

    /** Reads and checks one record: a CloudEvent whose data is an incident event the engine can use. */
    ClockService.Delivery read(ConsumerRecord<String, String> record) {
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

    /** After a permanent batch failure: each record in its own transaction; the one that fails again is dead-lettered. */
    private Uni<Void> oneByOne(List<ClockService.Delivery> batch, List<ConsumerRecord<String, String>> sources, Throwable failure) {
        LOG.warnf("a batch of %d incident events failed (%s); applying them one by one", batch.size(), failure.toString());
        return Multi.createFrom().range(0, batch.size()).onItem().transformToUniAndConcatenate(i -> {
            ClockService.Delivery delivery = batch.get(i);
            ConsumerRecord<String, String> record = sources.get(i);
            return TransientFailures.retry(clocks.apply(List.of(delivery)), "applying incident event " + delivery.ceId())
                    .invoke(result -> scheduler.hint(result.earliestDue()))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(single -> {
                        LOG.errorf(single, "incident event %s at %s/%d@%d cannot be applied; dead-lettered", delivery.ceId(), record.topic(),
                                record.partition(), record.offset());
                        return deadLetter(record, "internal", single.toString());
                    });
        }).collect().last().replaceWithVoid();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String cause, String detail) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(DeadLetterHeaders.of(record, cause, detail))
                .build();
        return TransientFailures.retry(deadLetters.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata)),
                "dead-lettering " + record.topic() + "/" + record.partition() + "@" + record.offset());
    }
}
