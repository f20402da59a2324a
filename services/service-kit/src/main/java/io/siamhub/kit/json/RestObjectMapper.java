package io.siamhub.kit.json;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The mapper of REST bodies: Quarkus' (with the {@code SiamJson} settings) made strict for what a
 * client sends, so a mistake is refused (400 naming the field) instead of silently ignored — an
 * unknown or misspelt field, the same field twice, a second document after the first, a number where
 * an enum name belongs, a number or {@code true}/{@code false} where text belongs. Enum names are read case-insensitively ({@code "high"} is {@code HIGH}), as
 * query parameters are. Kafka payloads keep the tolerant mapper: consumers accept fields added later.
 */
@Provider
public class RestObjectMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    RestObjectMapper(ObjectMapper quarkus) {
        this.strict = strict(quarkus);
    }

    /** A copy of {@code mapper} with the strict reading rules of REST bodies. */
    @SuppressWarnings("deprecation") // MapperFeature through the builder would need a new mapper, not a copy of Quarkus'
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        copy.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        // a number or true/false where text belongs ({"title": 5}) is a mistake, not the text "5"
        copy.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return copy;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
