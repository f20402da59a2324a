package io.siamhub.adapters.core;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-tolerant reads from provider JSON: a missing, null or empty field is {@code null}, never an exception. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The node at a path of field names, or a missing node. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null) {
                break;
            }
            current = current.get(field);
        }
        return current == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : current;
    }

    /** Text of a scalar at the path (numbers and booleans as their text), or null when absent, null or blank. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The first of several paths that has text. */
    public static String firstText(JsonNode node, String[]... paths) {
        for (String[] path : paths) {
            String text = text(node, path);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** A JSON object of scalars as a map of text (nested values as JSON text); empty when absent. */
    public static Map<String, String> stringMap(JsonNode node, String... path) {
        JsonNode object = at(node, path);
        Map<String, String> map = new LinkedHashMap<>();
        if (object.isObject()) {
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    map.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
                }
            });
        }
        return map;
    }

    /** A JSON document held inside a string field (SNS {@code Message}, Azure {@code impactedServices}). */
    public static JsonNode embedded(JsonNode node, String... path) {
        String text = text(node, path);
        if (text == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return io.siamhub.model.SiamJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
