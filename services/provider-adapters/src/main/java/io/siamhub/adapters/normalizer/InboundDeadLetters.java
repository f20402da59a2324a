package io.siamhub.adapters.normalizer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.messaging.DeadLetterHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a raw webhook the normalizer could not map to {@code siam.inbound.v1.provider-adapters.dlq}:
 * the record as it was, plus the reason, the application version ({@code siam_adapter_version}), the
 * mapping version ({@code siam_normalizer_version}, {@link NormalizerVersion}) and where it came from, in
 * the header names SmallRye's own dead-letter queue uses.
 */
@ApplicationScoped
public class InboundDeadLetters {

    public static final String ADAPTER_VERSION = "siam_adapter_version";
    public static final String NORMALIZER_VERSION = "siam_normalizer_version";

    private final MutinyEmitter<byte[]> emitter;
    private final String adapterVersion;

    InboundDeadLetters(@Channel("inbound-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.emitter = emitter;
        this.adapterVersion = "provider-adapters " + version;
    }

    public Uni<Void> send(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        Headers headers = DeadLetterHeaders.of(record, reason, detail);
        CloudEventHeaders.add(headers, ADAPTER_VERSION, adapterVersion);
        CloudEventHeaders.add(headers, NORMALIZER_VERSION, Integer.toString(NormalizerVersion.CURRENT));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value()).addMetadata(metadata));
    }
}
