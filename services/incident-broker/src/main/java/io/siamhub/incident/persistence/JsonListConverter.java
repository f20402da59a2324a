package io.siamhub.incident.persistence;

import java.util.List;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;

import io.siamhub.model.SiamJson;

/**
 * A list stored as a JSON array in a text column. Entities treat these lists as values: they assign
 * a new list rather than change the one they hold, so Hibernate sees the change.
 */
public abstract class JsonListConverter<T> implements AttributeConverter<List<T>, String> {

    private final JavaType type;

    JsonListConverter(Class<T> element) {
        this.type = SiamJson.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }

    @Override
    public String convertToDatabaseColumn(List<T> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        try {
            return SiamJson.mapper().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public List<T> convertToEntityAttribute(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(SiamJson.mapper().<List<T>> readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON list in the database", e);
        }
    }

    /** Fingerprints of an incident. */
    @jakarta.persistence.Converter
    public static final class Strings extends JsonListConverter<String> {
        public Strings() {
            super(String.class);
        }
    }

    /** The field changes of a timeline line. */
    @jakarta.persistence.Converter
    public static final class FieldChanges extends JsonListConverter<io.siamhub.model.FieldChange> {
        public FieldChanges() {
            super(io.siamhub.model.FieldChange.class);
        }
    }
}
