package io.siamhub.change.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.change.maintenance.ProviderMaintenance;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.EventTypes;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code siam.signals.v1} for maintenance notices ({@code io.siamhub.signal.maintenance.v1}); alerts and
 * tickets are the incident broker's and are skipped without reading their data. Each notice is applied once
 * (consumed-event log) in one transaction with its change and events.
 */
@ApplicationScoped
public class MaintenanceConsumer {

    static final String CONSUMER = "change-coordinator.maintenance";

    private final ConsumedEventLog consumed;
    private final ProviderMaintenance maintenance;
    private final ObjectMapper mapper;

    MaintenanceConsumer(ConsumedEventLog consumed, ProviderMaintenance maintenance, ObjectMapper mapper) {
        this.consumed = consumed;
        this.maintenance = maintenance;
        this.mapper = mapper;
    }

    @Incoming("signals")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        if (!EventTypes.SIGNAL_MAINTENANCE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        Signal notice = event.data(Signal.class, mapper);
        if (notice.kind() != SignalKind.MAINTENANCE || notice.provider() == null || notice.providerRef() == null) {
            throw new PermanentFailure("maintenance event " + event.id() + " lacks kind MAINTENANCE, provider or providerRef");
        }
        return consumed.applyOnce(CONSUMER, event, () -> maintenance.apply(notice)).replaceWithVoid();
    }
}
