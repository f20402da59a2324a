package io.siamhub.model;

import java.util.List;
import java.util.function.Supplier;

/** Every payload siam-hub publishes, with its sample and the schema file that describes it. */
final class PublishedPayloads {

    record Payload(String schema, Class<?> type, Supplier<Object> sample) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static List<Payload> all() {
        return List.of(
                new Payload("signal.v1.json", io.siamhub.model.signal.Signal.class, Samples::signal),
                new Payload("incident.v1.json", io.siamhub.model.incident.Incident.class, Samples::incident),
                new Payload("incident-event.v1.json", io.siamhub.model.incident.IncidentEvent.class, Samples::incidentEvent),
                new Payload("change-request.v1.json", io.siamhub.model.change.ChangeRequest.class, Samples::changeRequest),
                new Payload("change-event.v1.json", io.siamhub.model.change.ChangeEvent.class, Samples::changeEvent),
                new Payload("sla-event.v1.json", io.siamhub.model.sla.SlaEvent.class, Samples::slaEvent),
                new Payload("service.v1.json", io.siamhub.model.catalog.Service.class, Samples::service),
                new Payload("configuration-item.v1.json", io.siamhub.model.catalog.ConfigurationItem.class,
                        Samples::configurationItem),
                new Payload("provider.v1.json", io.siamhub.model.catalog.Provider.class, Samples::provider),
                new Payload("ownership.v1.json", io.siamhub.model.catalog.Ownership.class, Samples::ownership));
    }

    private PublishedPayloads() {
    }
}
