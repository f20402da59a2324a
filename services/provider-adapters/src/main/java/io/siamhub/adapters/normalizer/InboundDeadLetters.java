package io.siamhub.adapters.normalizer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a raw webhook the normalizer could not map to {@code siam.inbound.v1.provider-adapters.dlq}:
 * the record as it was, plus the reason, the adapter version and where it came from, in the header
 * names SmallRye's own dead-letter queue uses.
 */
@ApplicationScoped
public class InboundDeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String ADAPTER_VERSION = "siam_adapter_version";

    private final MutinyEmitter<byte[]> emitter;
    private final String adapterVersion;

    InboundDeadLetters(@Channel("inbound-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.emitter = emitter;
        this.adapterVersion = "provider-adapters " + version;
    }

    public Uni<Void> send(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        CloudEventHeaders.add(headers, REASON, detail);
        CloudEventHeaders.add(headers, CAUSE, reason);
        CloudEventHeaders.add(headers, TOPIC, record.topic());
        CloudEventHeaders.add(headers, PARTITION, Integer.toString(record.partition()));
        CloudEventHeaders.add(headers, OFFSET, Long.toString(record.offset()));
        CloudEventHeaders.add(headers, ADAPTER_VERSION, adapterVersion);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value()).addMetadata(metadata));
    }
}
