package io.siamhub.incident.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Timer;
import io.siamhub.incident.correlation.Correlator;
import io.siamhub.incident.correlation.IncidentMetrics;
import io.siamhub.kit.messaging.BatchConsumption;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Consumes {@code siam.signals.v1} in batches through {@link BatchConsumption} (order per key holds: a batch keeps partition order).
 * Records that are not valid signals are dead-lettered one by one before the batch is applied; a
 * batch that fails for good (not a passing outage, which is retried holding the partition) is applied
 * again record by record, so only the record at fault reaches
 * {@code siam.signals.v1.incident-broker.dlq}.
 */
@ApplicationScoped
public class SignalConsumer implements BatchConsumption.Handler<Correlator.Delivery> {

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
        Timer.Sample sample = Timer.start();
        return BatchConsumption.apply(records, this, deadLetters).invoke(() -> sample.stop(metrics.batches()));
    }

    @Override
    public String noun() {
        return "signals";
    }

    @Override
    public Uni<?> apply(List<Correlator.Delivery> deliveries) {
        return correlator.apply(deliveries);
    }

    @Override
    public String id(Correlator.Delivery delivery) {
        return "signal " + delivery.ceId();
    }

    @Override
    public void unreadable(ConsumerRecord<String, String> record, PermanentFailure failure) {
        metrics.unreadable().increment();
    }

    @Override
    public void deadLettered(Correlator.Delivery delivery, Throwable failure) {
        metrics.signal(delivery.signal().kind(), "dead-lettered").increment();
    }

    /** Reads and checks one record: a CloudEvent whose data is a signal the rules can place. */
    @Override
    public Correlator.Delivery read(ConsumerRecord<String, String> record) {
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
        if (signal.kind() == SignalKind.NOTE) {
            return signal.providerRef() == null || signal.providerRef().isBlank() ? "is a note without a providerRef (the ticket it is about)" : null;
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
}
