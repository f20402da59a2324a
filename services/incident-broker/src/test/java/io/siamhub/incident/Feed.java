package io.siamhub.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.model.EventTypes;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/** Puts signals and change events on the real broker, as provider-adapters and change-coordinator do. */
final class Feed {

    /** A firing alert of {@code fingerprint} on resource {@code resourceId} (a CI's match rule), received now. */
    static Signal alert(String fingerprint, String resourceId) {
        return Signal.builder()
                .id(UUID.randomUUID().toString())
                .kind(SignalKind.ALERT)
                .provider("alertmanager")
                .providerRef(fingerprint)
                .fingerprint(fingerprint)
                .status(SignalStatus.FIRING)
                .providerStatus("firing")
                .severity(Severity.MAJOR)
                .providerSeverity("high")
                .title("alert " + fingerprint)
                .resource(new Resource(resourceId, "host", resourceId, "eu-west-1", "acme"))
                .labels(Map.of("alertname", "HighLatency"))
                .occurredAt(Instant.now())
                .receivedAt(Instant.now())
                .build();
    }

    /** The same alert again, as a new delivery (new signal id) with other fields changed by {@code change}. */
    static Signal again(Signal signal, SignalStatus status, Instant receivedAt) {
        return signal.toBuilder().id(UUID.randomUUID().toString()).status(status)
                .providerStatus(status == SignalStatus.RESOLVED ? "resolved" : "firing").receivedAt(receivedAt).build();
    }

    static Signal ticket(String system, String key, SignalStatus status, String providerStatus) {
        return Signal.builder()
                .id(UUID.randomUUID().toString())
                .kind(SignalKind.TICKET)
                .provider(system)
                .providerRef(key)
                .fingerprint(system + ":" + key)
                .status(status)
                .providerStatus(providerStatus)
                .severity(Severity.MAJOR)
                .title("provider ticket " + key)
                .link("https://tickets.example/" + key)
                .occurredAt(Instant.now())
                .receivedAt(Instant.now())
                .build();
    }

    /** A note about ticket {@code providerRef} (its key people use as label {@code ticketKey}), as the adapters send a comment. */
    static Signal note(String system, String providerRef, String key, String text, String author) {
        return Signal.builder()
                .id(UUID.randomUUID().toString())
                .kind(SignalKind.NOTE)
                .provider(system)
                .providerRef(providerRef)
                .fingerprint(system + ":" + providerRef)
                .title("comment added")
                .description(text)
                .author(author)
                .labels(Map.of("ticketKey", key))
                .link("https://tickets.example/browse/" + key)
                .occurredAt(Instant.now())
                .receivedAt(Instant.now())
                .build();
    }

    static void send(Signal... signals) {
        send(List.of(signals));
    }

    static void send(List<Signal> signals) {
        for (Signal signal : signals) {
            sendAs(signal, signal.id());
        }
    }

    /** Sends under a given ce_id (to deliver one event twice). */
    static void sendAs(Signal signal, String ceId) {
        KafkaTestClient.shared().sendEvent(Topics.SIGNALS, signal.key(), ceId, EventTypes.signal(signal.kind()), json(signal));
    }

    static void change(ChangeEvent event) {
        KafkaTestClient.shared().sendEvent(Topics.CHANGES, event.change().id(), UUID.randomUUID().toString(),
                EventTypes.change(event.kind() == null ? ChangeEventKind.UPDATED : event.kind()), json(event));
    }

    /** A raw record on siam.signals.v1 (for poison tests). */
    static void raw(String key, String value, Map<String, String> headers) {
        KafkaTestClient.shared().send(Topics.SIGNALS, key, value, headers);
    }

    static Map<String, String> headers(String type) {
        return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/tests", CloudEventHeaders.TYPE, type);
    }

    static String json(Object value) {
        try {
            return SiamJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Feed() {
    }
}
