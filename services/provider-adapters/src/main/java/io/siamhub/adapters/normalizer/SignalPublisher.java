package io.siamhub.adapters.normalizer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.model.EventTypes;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes a signal on {@code siam.signals.v1}: key = fingerprint (alerts) or {@code <provider>:<ref>},
 * CloudEvent {@code ce_type} {@code io.siamhub.signal.<kind>.v1}, {@code ce_id} = the signal id.
 */
@ApplicationScoped
public class SignalPublisher {

    static final String SOURCE = "/siam-hub/provider-adapters";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    SignalPublisher(@Channel("signals") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Completes when the broker acknowledged the signal. */
    public Uni<Void> publish(Signal signal) {
        Headers headers = CloudEventHeaders.of(signal.id(), SOURCE, EventTypes.signal(signal.kind()), signal.key(),
                signal.receivedAt(), "application/json");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(signal.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(json(signal)).addMetadata(metadata));
    }

    private String json(Signal signal) {
        try {
            return mapper.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a signal cannot be written as JSON", e);
        }
    }
}
