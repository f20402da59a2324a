package io.siamhub.incident.persistence;

import java.util.Map;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;

/**
 * What a signal says about where it belongs in the catalog: kept on an unmapped incident, so the
 * incident can be placed when the catalog later learns a CI that fits it.
 *
 * @param provider    the signal's provider
 * @param fingerprint its fingerprint
 * @param resource    the resource it is about (id, type, name, region, account), or null
 * @param service     the service the provider named, or null
 * @param labels      its labels
 */
public record PlacementFacts(String provider, String fingerprint, Resource resource, String service, Map<String, String> labels) {

    public PlacementFacts {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static PlacementFacts of(Signal signal) {
        return new PlacementFacts(signal.provider(), signal.fingerprint(), signal.resource(), signal.service(), signal.labels());
    }

    /** Stored as JSON in a text column. */
    @jakarta.persistence.Converter
    public static final class Json implements AttributeConverter<PlacementFacts, String> {

        @Override
        public String convertToDatabaseColumn(PlacementFacts facts) {
            try {
                return facts == null ? null : SiamJson.mapper().writeValueAsString(facts);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public PlacementFacts convertToEntityAttribute(String json) {
            try {
                return json == null || json.isEmpty() ? null : SiamJson.mapper().readValue(json, PlacementFacts.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable placement facts in the database", e);
            }
        }
    }
}
