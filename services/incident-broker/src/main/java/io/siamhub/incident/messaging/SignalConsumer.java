package io.siamhub.incident.messaging;

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

import io.micrometer.core.instrument.Timer;
import io.siamhub.incident.correlation.Correlator;
import io.siamhub.incident.correlation.IncidentMetrics;
import io.siamhub.kit.messaging.DeadLetterHeaders;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes {@code siam.signals.v1} in batches (order per key holds: a batch keeps partition order).
 * Records that are not valid signals are dead-lettered one by one before the batch is applied; a
 * batch that fails for good (not a passing outage, which is retried holding the partition) is applied
 * again record by record, so only the record at fault reaches
 * {@code siam.signals.v1.incident-broker.dlq}.
 */
@ApplicationScoped
public class SignalConsumer {

    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);

    private final Correlator correlator;
    private final ObjectMapper mapper;
    private final IncidentMetrics metrics;
    private final MutinyEmitter<String> deadLetters;

    SignalConsumer(Correlator correlator, ObjectMapper mapper, IncidentMetrics metrics,
            @Channel("signals-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024) MutinyEmitter<String> deadLetters) {
        this.correlator = correlator;
        this.mapper = mapper;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    @Incoming("signals")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Correlator.Delivery> batch = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(read(record));
                sources.add(record);
            } catch (PermanentFailure failure) {
                metrics.unreadable().increment();
                rejected.add(deadLetter(record, "invalid", failure.getMessage()));
            }
        }
        Timer.Sample sample = Timer.start();
        Uni<Void> applied = TransientFailures.retry(correlator.apply(batch), "applying " + batch.size() + " signals")
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> oneByOne(batch, sources, failure))
                .invoke(() -> sample.stop(metrics.batches()));
        return rejected.isEmpty() ? applied : Uni.join().all(rejected).andFailFast().chain(() -> applied);
    }

    /** Reads and checks one record: a CloudEvent whose data is a signal the rules can place. */
    Correlator.Delivery read(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        Signal signal = event.data(Signal.class, mapper);
        String problem = problem(signal);
        if (problem != null) {
            throw new PermanentFailure("signal " + event.id() + " " + problem);
        }
        return new Correlator.Delivery(event.id(), signal);
    }

    private static String problem(Signal signal) {
        if (signal.kind() == null) {
            return "has no kind";
        }
        if (signal.provider() == null || signal.provider().isBlank()) {
            return "has no provider";
        }
        if (signal.receivedAt() == null) {
            return "has no receivedAt";
        }
        if (signal.status() == null) {
            return "has no status";
        }
        if (signal.kind() == SignalKind.ALERT) {
            if (signal.fingerprint() == null || signal.fingerprint().isBlank()) {
                return "is an alert without a fingerprint";
            }
            if (signal.status() != SignalStatus.FIRING && signal.status() != SignalStatus.RESOLVED) {
                return "is an alert with status " + signal.status() + " (FIRING or RESOLVED expected)";
            }
            if (signal.severity() == null) {
                return "is an alert without a severity";
            }
        }
        if (signal.kind() == SignalKind.TICKET && (signal.providerRef() == null || signal.providerRef().isBlank())) {
            return "is a ticket without a providerRef";
        }
        return null;
    }

    /** After a permanent batch failure: each record in its own transaction; the one that fails again is dead-lettered. */
    private Uni<Void> oneByOne(List<Correlator.Delivery> batch, List<ConsumerRecord<String, String>> sources, Throwable failure) {
        LOG.warnf("a batch of %d signals failed (%s); applying them one by one", batch.size(), failure.toString());
        return Multi.createFrom().range(0, batch.size()).onItem().transformToUniAndConcatenate(i -> {
            Correlator.Delivery delivery = batch.get(i);
            ConsumerRecord<String, String> record = sources.get(i);
            return TransientFailures.retry(correlator.apply(List.of(delivery)), "applying signal " + delivery.ceId())
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(single -> {
                        LOG.errorf(single, "signal %s at %s/%d@%d cannot be applied; dead-lettered", delivery.ceId(), record.topic(),
                                record.partition(), record.offset());
                        metrics.signal(delivery.signal().kind(), "dead-lettered").increment();
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
