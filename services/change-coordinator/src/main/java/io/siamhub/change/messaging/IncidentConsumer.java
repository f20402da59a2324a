package io.siamhub.change.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.change.links.SuspectedCauses;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.model.EventTypes;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.IncidentEventKind;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code siam.incidents.v1}: each newly opened incident is checked against the changes that ran on its CI or
 * service (suspected causes). Applied once per event (consumed-event log).
 */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "change-coordinator.incidents";

    private final ConsumedEventLog consumed;
    private final SuspectedCauses causes;
    private final ObjectMapper mapper;

    IncidentConsumer(ConsumedEventLog consumed, SuspectedCauses causes, ObjectMapper mapper) {
        this.consumed = consumed;
        this.causes = causes;
        this.mapper = mapper;
    }

    @Incoming("incidents")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        if (!EventTypes.incident(IncidentEventKind.OPENED).equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        IncidentEvent opened = event.data(IncidentEvent.class, mapper);
        if (opened.incident() == null || opened.incident().id() == null) {
            throw new PermanentFailure("incident event " + event.id() + " carries no incident");
        }
        return consumed.applyOnce(CONSUMER, event, () -> causes.link(opened.incident())).replaceWithVoid();
    }
}
