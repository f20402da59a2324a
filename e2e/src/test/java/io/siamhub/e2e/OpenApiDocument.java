package io.siamhub.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.siamhub.model.SiamJson;

/**
 * A service's OpenAPI document as the contract test reads it: its operations, their parameters,
 * bodies, answers and examples, and JSON Schema validation of a value against one of its schemas
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12; {@code $ref}s resolve to the document's components).
 */
final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getDraft202012());

    /** One operation of the document, served at {@code base}. */
    record Operation(String base, String method, String path, JsonNode node, List<JsonNode> parameters, JsonNode document) {

        /** A security scheme of the document, by name. */
        JsonNode scheme(String name) {
            return document.path("components").path("securitySchemes").path(name);
        }

        String name() {
            return method.toUpperCase() + " " + path;
        }

        JsonNode responses() {
            return node.path("responses");
        }

        boolean documents(int status) {
            return responses().has(Integer.toString(status));
        }

        List<String> roles() {
            List<String> roles = new ArrayList<>();
            node.path("security").forEach(requirement -> requirement.fields()
                    .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
            return roles;
        }

        List<String> securitySchemes() {
            List<String> schemes = new ArrayList<>();
            node.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            return schemes;
        }

        boolean isApi() {
            return path.startsWith("/api/");
        }

        /** A page for a browser (the SLA monitor's status page): a GET outside /api and /webhooks, open to anyone. */
        boolean isPage() {
            return !isApi() && !path.startsWith("/webhooks/") && method.equals("get");
        }

        List<JsonNode> parameters(String in) {
            return parameters.stream().filter(parameter -> in.equals(parameter.path("in").asText())).toList();
        }

        /** The request body's media types, in the document's order. */
        List<String> consumes() {
            List<String> types = new ArrayList<>();
            node.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        /**
         * Whether the request body of {@code mediaType} is documented as a free-form object (no {@code $ref}, no
         * {@code properties}, or {@code additionalProperties: true}): a provider's payload taken as it is, where an
         * unknown field is no mistake.
         */
        boolean takesAnyFields(String mediaType) {
            JsonNode schema = node.path("requestBody").path("content").path(mediaType).path("schema");
            return schema.path("additionalProperties").asBoolean(false)
                    || "object".equals(schema.path("type").asText()) && !schema.has("$ref") && !schema.has("properties");
        }

        /** The first documented request example: its media type and value. */
        Optional<Map.Entry<String, JsonNode>> requestExample() {
            for (String type : consumes()) {
                JsonNode media = node.path("requestBody").path("content").path(type);
                JsonNode example = example(media);
                if (example != null) {
                    return Optional.of(Map.entry(type, example));
                }
            }
            return Optional.empty();
        }
    }

    final String service;
    final JsonNode document;
    final List<Operation> operations = new ArrayList<>();

    private OpenApiDocument(String service, String base, JsonNode document) {
        this.service = service;
        this.document = document;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    List<JsonNode> parameters = new ArrayList<>();
                    path.getValue().path("parameters").forEach(parameters::add);
                    method.getValue().path("parameters").forEach(parameters::add);
                    operations.add(new Operation(base, method.getKey(), path.getKey(), method.getValue(), parameters, document));
                }
            }
        }
    }

    /** {@code GET <url>/q/openapi?format=json}. */
    static OpenApiDocument of(String service, String url) {
        HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(URI.create(url + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(15)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(service + "'s /q/openapi answered " + response.statusCode());
        }
        try {
            return new OpenApiDocument(service, url, SiamJson.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example of a media type object: {@code example}, or the first of {@code examples}. */
    static JsonNode example(JsonNode media) {
        if (media.has("example")) {
            return media.get("example");
        }
        Iterator<JsonNode> examples = media.path("examples").elements();
        return examples.hasNext() ? examples.next().path("value") : null;
    }

    /** The schema of a response's media type, or null. */
    static JsonNode responseSchema(Operation operation, int status, String mediaType) {
        JsonNode content = operation.responses().path(Integer.toString(status)).path("content");
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode() && content.size() == 1) {
            media = content.elements().next();
        }
        return media.isMissingNode() ? null : media.path("schema");
    }

    /** Where {@code value} breaks {@code schema} (a schema of this document), or an empty list. */
    List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode wrapper = SiamJson.mapper().createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("components", document.path("components"));
        wrapper.set("allOf", SiamJson.mapper().createArrayNode().add(schema));
        Schema compiled = SCHEMAS.getSchema(wrapper.toString());
        return compiled.validate(value).stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /** Every {@code $ref} in the document that names nothing. */
    List<String> danglingReferences() {
        List<String> dangling = new ArrayList<>();
        collectReferences(document, dangling);
        return dangling;
    }

    private void collectReferences(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && document.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectReferences(child, dangling));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectReferences(child, dangling));
        }
    }
}
