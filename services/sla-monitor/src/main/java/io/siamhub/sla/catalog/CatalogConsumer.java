package io.siamhub.sla.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.EventTypes;
import io.siamhub.model.catalog.OwnerType;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the catalog's parties from the compacted {@code siam.catalog.v1} (group {@code sla-monitor-catalog}, from the
 * beginning): providers ({@code provider:<id>}) and the resolver groups of ownership entries ({@code ownership:<id>}),
 * and the services ({@code service:<id>}) the status page lists.
 * A tombstone or a deletion event forgets the key. Applying a record is idempotent (an upsert by key), so the
 * consumed-event log is not needed here.
 */
@ApplicationScoped
public class CatalogConsumer {

    private final ObjectMapper mapper;

    CatalogConsumer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("catalog")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String key = record.key();
        if (key == null) {
            throw new PermanentFailure("catalog record without a key at " + record.topic() + "/" + record.partition() + "@" + record.offset());
        }
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
        PartyEntity party = party(key, type, record.value());
        Uni<Void> apply = Panache.withTransaction(() -> PartyEntity.<PartyEntity> findById(key).chain(existing -> {
            if (party == null) {
                return existing == null ? Uni.createFrom().voidItem() : existing.delete();
            }
            if (existing == null) {
                return party.persist().replaceWithVoid();
            }
            existing.party = party.party;
            existing.kind = party.kind;
            return Uni.createFrom().voidItem();
        }));
        return TransientFailures.retry(apply, "catalog record " + key);
    }

    /** The party or service a record names, or null when it names none (a CI, a provider-owned entry, a deletion). */
    private PartyEntity party(String key, String type, String value) {
        if (value == null || type == null || type.endsWith(".deleted.v1")) {
            return null;
        }
        try {
            if (EventTypes.PROVIDER_UPSERTED.equals(type)) {
                Provider provider = mapper.readValue(value, Provider.class);
                return row(key, provider.id(), "provider");
            }
            if (EventTypes.SERVICE_UPSERTED.equals(type)) {
                Service service = mapper.readValue(value, Service.class);
                return row(key, service.id(), "service");
            }
            if (EventTypes.OWNERSHIP_UPSERTED.equals(type)) {
                Ownership ownership = mapper.readValue(value, Ownership.class);
                return ownership.ownerType() == OwnerType.RESOLVER_GROUP ? row(key, ownership.owner(), "resolver-group") : null;
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("catalog record " + key + " is not a valid " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    private static PartyEntity row(String key, String name, String kind) {
        if (name == null || name.isBlank()) {
            return null;
        }
        PartyEntity row = new PartyEntity();
        row.key = key;
        row.party = name;
        row.kind = kind;
        return row;
    }
}
