package io.siamhub.change.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.persistence.CatalogCopyEntity;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.SiamJson;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the copy of the catalog from the compacted {@code siam.catalog.v1}: the latest record per key
 * ({@code <entity>:<id>}); a tombstone (null value) deletes. Upserting by key makes a redelivery harmless,
 * so no consumed-event log is needed here.
 */
@ApplicationScoped
public class CatalogConsumer {

    private final CatalogCopy copy;

    CatalogConsumer(CatalogCopy copy) {
        this.copy = copy;
    }

    @Incoming("catalog")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String key = record.key();
        if (key == null || key.indexOf(':') < 1) {
            throw new PermanentFailure("catalog record without an <entity>:<id> key at offset " + record.offset());
        }
        String entity = key.substring(0, key.indexOf(':'));
        if (record.value() != null) {
            try {
                SiamJson.mapper().readTree(record.value());
            } catch (JsonProcessingException e) {
                throw new PermanentFailure("catalog record " + key + " is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        Uni<Void> write = Panache.withTransaction(() -> CatalogCopyEntity.<CatalogCopyEntity> findById(key).chain(row -> {
            if (record.value() == null) {
                return row == null ? Uni.createFrom().voidItem() : row.delete();
            }
            CatalogCopyEntity updated = row != null ? row : new CatalogCopyEntity();
            updated.key = key;
            updated.entity = entity;
            updated.body = record.value();
            updated.updatedAt = java.time.Instant.ofEpochMilli(record.timestamp());
            return updated.persist().replaceWithVoid();
        }));
        return TransientFailures.retry(write, "catalog copy of " + key).chain(() -> copy.reload()).replaceWithVoid();
    }
}
