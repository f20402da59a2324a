package io.siamhub.adapters.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.adapters.normalizer.InboundDeadLetters;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.messaging.DeadLetterHeaders;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;

/**
 * Indexes {@code siam.inbound.v1.provider-adapters.dlq} into the {@code dead_letter} table: one entry per
 * raw webhook (by its {@code ce_id}); a webhook that fails again updates its entry. The topic stays the
 * record of truth; the table makes it listable and replayable.
 */
@ApplicationScoped
public class DeadLetterIndex {

    private final ObjectMapper mapper;

    DeadLetterIndex(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("inbound-dlq")
    public Uni<Void> index(ConsumerRecord<String, byte[]> record) {
        String ceId = CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID);
        if (ceId == null) {
            throw new PermanentFailure("dead letter without ce_id at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset());
        }
        Uni<Void> upsert = Panache.withTransaction(() -> DeadLetter.<DeadLetter> find("inboundCeId", ceId).firstResult()
                .map(existing -> existing != null ? again(existing, record) : first(ceId, record))
                .call(entry -> entry.persist()))
                .replaceWithVoid();
        return TransientFailures.retry(upsert, "indexing dead letter " + ceId);
    }

    private DeadLetter first(String ceId, ConsumerRecord<String, byte[]> record) {
        DeadLetter entry = new DeadLetter();
        entry.id = UUID.randomUUID();
        entry.inboundCeId = ceId;
        entry.provider = header(record, "siam_provider", "unknown");
        entry.endpoint = header(record, "siam_endpoint", "unknown");
        entry.inboundPartition = Integer.parseInt(header(record, DeadLetterHeaders.PARTITION, "-1"));
        entry.inboundOffset = Long.parseLong(header(record, DeadLetterHeaders.OFFSET, "-1"));
        String time = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME);
        entry.receivedAt = time == null ? null : Instant.parse(time);
        entry.headers = headersJson(record);
        entry.body = record.value() == null ? new byte[0] : record.value();
        entry.failures = 0;
        return again(entry, record);
    }

    private static DeadLetter again(DeadLetter entry, ConsumerRecord<String, byte[]> record) {
        entry.cause = header(record, DeadLetterHeaders.CAUSE, "internal");
        entry.reason = header(record, DeadLetterHeaders.REASON, "unknown");
        entry.adapterVersion = CloudEventHeaders.get(record.headers(), InboundDeadLetters.ADAPTER_VERSION);
        entry.normalizerVersion = normalizerVersion(record);
        entry.failedAt = Instant.ofEpochMilli(record.timestamp());
        entry.failures++;
        entry.status = DeadLetter.Status.PENDING;
        return entry;
    }

    /** The original record's headers; the dead-letter bookkeeping headers are left out. */
    private String headersJson(ConsumerRecord<String, byte[]> record) {
        List<List<String>> pairs = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-") && !header.key().equals(InboundDeadLetters.ADAPTER_VERSION)
                    && !header.key().equals(InboundDeadLetters.NORMALIZER_VERSION) && header.value() != null) {
                pairs.add(List.of(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
            }
        }
        try {
            return mapper.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mapping version that dead-lettered the record; letters from before it was recorded are version 1. */
    private static int normalizerVersion(ConsumerRecord<String, byte[]> record) {
        String version = CloudEventHeaders.get(record.headers(), InboundDeadLetters.NORMALIZER_VERSION);
        try {
            return version == null ? NormalizerVersion.UNRECORDED : Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            return NormalizerVersion.UNRECORDED;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name, String fallback) {
        String value = CloudEventHeaders.get(record.headers(), name);
        return value == null ? fallback : value;
    }
}
