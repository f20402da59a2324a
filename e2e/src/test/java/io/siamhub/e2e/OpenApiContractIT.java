package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.DevSnsSigner;
import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;

/**
 * Each service's {@code /q/openapi} is complete and true, checked against the running service: every
 * operation of the document (so APIs added later are covered without touching this test) is looked at
 * (schemas for every answer, problem+json for every refusal, roles, examples), refused the ways the kit
 * refuses (no token, a token without the role, a body of the wrong type, an unknown field, broken
 * JSON, an unknown query parameter) and called with its own examples. Every answer must be a status
 * the document lists for the operation, with a body its schema allows. A page (a {@code GET} outside
 * {@code /api} and {@code /webhooks}, such as the SLA monitor's status page) needs no token: it is
 * loaded without one and must answer in a media type it documents.
 */
@ExtendWith(FreshHub.class)
@Order(2)
class OpenApiContractIT {

    private static final String UNKNOWN = "unknownFieldOfTheContractTest";
    private static final Map<String, Integer> METHOD_ORDER = Map.of("get", 0, "post", 1, "put", 2, "patch", 3, "delete", 4);

    @ParameterizedTest
    @EnumSource(HubService.class)
    void theDocumentIsComplete(HubService service) {
        OpenApiDocument document = document(service);
        List<String> missing = new ArrayList<>();
        assertThat(document.document.at("/components/schemas/Problem").isObject()).as("%s has the Problem schema", service).isTrue();
        missing.addAll(document.danglingReferences().stream().map(ref -> "dangling $ref " + ref).toList());
        Set<String> ids = new HashSet<>();
        for (OpenApiDocument.Operation operation : document.operations) {
            String name = operation.name();
            String id = operation.node().path("operationId").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                missing.add(name + ": no operationId, or one another operation has too (" + id + ")");
            }
            if (operation.node().path("summary").asText("").isBlank()) {
                missing.add(name + ": no summary");
            }
            boolean success = false;
            var responses = operation.responses().fields();
            while (responses.hasNext()) {
                var response = responses.next();
                String status = response.getKey();
                JsonNode content = response.getValue().path("content");
                if (status.startsWith("2")) {
                    success = true;
                    if (!status.equals("204") && (content.isEmpty() || hasMediaWithoutSchema(content))) {
                        missing.add(name + ": answer " + status + " has no schema");
                    }
                } else if (status.startsWith("4") || status.startsWith("5")) {
                    String ref = content.path("application/problem+json").path("schema").path("$ref").asText("");
                    if (!ref.equals("#/components/schemas/Problem")) {
                        missing.add(name + ": refusal " + status + " is not documented as application/problem+json (Problem)");
                    }
                    JsonNode example = OpenApiDocument.example(content.path("application/problem+json"));
                    if (example == null) {
                        missing.add(name + ": refusal " + status + " has no example");
                    } else {
                        document.violations(document.document.at("/components/schemas/Problem"), example)
                                .forEach(violation -> missing.add(name + ": the example of " + status + " breaks Problem: " + violation));
                    }
                }
            }
            if (!success) {
                missing.add(name + ": no successful answer documented");
            }
            if (operation.isApi()) {
                if (operation.roles().isEmpty()) {
                    missing.add(name + ": no role documented (security)");
                }
                for (int status : List.of(401, 403, 503)) {
                    if (!operation.documents(status)) {
                        missing.add(name + ": " + status + " not documented");
                    }
                }
            } else if (operation.isPage()) {
                if (!operation.roles().isEmpty() || !operation.securitySchemes().isEmpty()) {
                    missing.add(name + ": a page documents a security requirement, but a browser loads it without a token");
                }
            } else if (!operation.documents(401)) {
                missing.add(name + ": a webhook's 401 is not documented");
            }
            if (!operation.consumes().isEmpty()) {
                for (int status : List.of(400, 415)) {
                    if (!operation.documents(status)) {
                        missing.add(name + ": takes a body but does not document " + status);
                    }
                }
                Optional<Map.Entry<String, JsonNode>> example = operation.requestExample();
                if (example.isEmpty()) {
                    missing.add(name + ": the request body has no example");
                } else if (example.get().getValue().isObject() || example.get().getValue().isArray()) {
                    JsonNode schema = operation.node().path("requestBody").path("content").path(example.get().getKey()).path("schema");
                    document.violations(schema, example.get().getValue())
                            .forEach(violation -> missing.add(name + ": the request example breaks its schema: " + violation));
                }
            }
            for (JsonNode parameter : operation.parameters("path")) {
                if (!parameter.has("example") && !parameter.has("examples")) {
                    missing.add(name + ": path parameter " + parameter.path("name").asText() + " has no example");
                }
            }
            if (!operation.parameters("path").isEmpty() && !operation.documents(404)) {
                missing.add(name + ": names something in its path but does not document 404");
            }
        }
        assertThat(missing).as("what %s's OpenAPI document lacks", service).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HubService.class)
    void everyRefusalIsDocumentedAndShapedAsDocumented(HubService service) {
        OpenApiDocument document = document(service);
        List<String> wrong = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations) {
            if (operation.isApi()) {
                expectRefusal(document, operation, request(operation, null).build(), 401, wrong);
                List<String> roles = operation.roles();
                String weaker = roles.contains("siam-viewer") ? "someone-else" : "siam-viewer";
                HttpResponse<String> forbidden = expectRefusal(document, operation,
                        request(operation, token(List.of(weaker))).build(), 403, wrong);
                if (forbidden != null && roles.stream().noneMatch(forbidden.body()::contains)) {
                    wrong.add(operation.name() + ": the 403 does not name the role it needs (" + roles + "): " + forbidden.body());
                }
                expectRefusal(document, operation, request(operation, allRoles(), Map.of(UNKNOWN, "1")).build(), 400, wrong);
            } else if (!operation.isPage()) {
                expectRefusal(document, operation, webhook(operation, false, null).build(), 401, wrong);
            }
            if (!operation.consumes().isEmpty()) {
                HttpResponse<String> unsupported = expectRefusal(document, operation,
                        (operation.isApi() ? request(operation, allRoles()) : webhook(operation, true, "<x/>".getBytes(StandardCharsets.UTF_8)))
                                .setHeader("Content-Type", "application/xml")
                                .method(operation.method().toUpperCase(), HttpRequest.BodyPublishers.ofString("<x/>")).build(), 415, wrong);
                if (unsupported != null && operation.consumes().stream().noneMatch(unsupported.body()::contains)) {
                    wrong.add(operation.name() + ": the 415 does not name the media types it takes: " + unsupported.body());
                }
                if (operation.isApi() && operation.consumes().get(0).equals("application/json")) {
                    expectRefusal(document, operation, request(operation, allRoles())
                            .method(operation.method().toUpperCase(), HttpRequest.BodyPublishers.ofString("{\"broken\": ")).build(), 400, wrong);
                    // an unknown field is refused, except where the body is documented as a free-form object (a provider's payload)
                    operation.requestExample().filter(example -> example.getValue().isObject())
                            .filter(example -> !operation.takesAnyFields(example.getKey())).ifPresent(example -> {
                        ObjectNode body = ((ObjectNode) example.getValue()).deepCopy();
                        body.put(UNKNOWN, 1);
                        HttpResponse<String> refused = expectRefusal(document, operation, request(operation, allRoles())
                                .method(operation.method().toUpperCase(), HttpRequest.BodyPublishers.ofString(body.toString())).build(), 400,
                                wrong);
                        if (refused != null && !refused.body().contains(UNKNOWN)) {
                            wrong.add(operation.name() + ": the 400 for an unknown field does not name it: " + refused.body());
                        }
                    });
                }
            }
        }
        assertThat(wrong).as("refusals of %s that its OpenAPI document does not describe", service).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HubService.class)
    void everyOperationAnswersItsOwnExampleAsDocumented(HubService service) {
        OpenApiDocument document = document(service);
        List<String> wrong = new ArrayList<>();
        List<OpenApiDocument.Operation> ordered = document.operations.stream()
                .sorted(Comparator.comparing((OpenApiDocument.Operation operation) -> METHOD_ORDER.getOrDefault(operation.method(), 9))
                        .thenComparing(OpenApiDocument.Operation::path))
                .toList();
        for (OpenApiDocument.Operation operation : ordered) {
            HttpRequest request = operation.isApi() ? exampleRequest(operation).build()
                    : operation.isPage() ? request(operation, null).build() : webhook(operation, true, null).build();
            HttpResponse<String> response = Webhooks.send(request);
            String answered = operation.name() + " with its example answered " + response.statusCode();
            if (!operation.documents(response.statusCode())) {
                wrong.add(answered + ", which is not documented: " + response.body());
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
            if (operation.isPage() && !operation.responses().path(Integer.toString(response.statusCode())).path("content").has(type)) {
                wrong.add(answered + " in " + type + ", which it does not document");
            }
            boolean success = response.statusCode() / 100 == 2;
            if (operation.parameters("path").isEmpty() && !success) {
                wrong.add(answered + " instead of a documented success (its example should work): " + response.body());
            }
            wrong.addAll(bodyViolations(document, operation, response));
        }
        assertThat(wrong).as("answers of %s that its OpenAPI document does not describe", service).isEmpty();
    }

    private static HttpResponse<String> expectRefusal(OpenApiDocument document, OpenApiDocument.Operation operation, HttpRequest request,
            int status, List<String> wrong) {
        HttpResponse<String> response = Webhooks.send(request);
        String what = operation.name() + " (" + request.headers().firstValue("Content-Type").orElse("no body") + ", " + request.uri().getQuery()
                + ")";
        if (response.statusCode() != status) {
            wrong.add(what + " answered " + response.statusCode() + ", expected " + status + ": " + response.body());
            return null;
        }
        if (!operation.documents(status)) {
            wrong.add(what + " answers " + status + " but does not document it");
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            wrong.add(what + ": the " + status + " is not application/problem+json");
        }
        wrong.addAll(bodyViolations(document, operation, response));
        return response;
    }

    private static List<String> bodyViolations(OpenApiDocument document, OpenApiDocument.Operation operation, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        if (response.body().isEmpty() || !type.contains("json")) {
            return List.of();
        }
        JsonNode schema = OpenApiDocument.responseSchema(operation, response.statusCode(), type);
        if (schema == null) {
            return List.of(operation.name() + ": answer " + response.statusCode() + " in " + type + " has no documented content");
        }
        try {
            JsonNode body = SiamJson.mapper().readTree(response.body());
            return document.violations(schema, body).stream()
                    .map(violation -> operation.name() + ": answer " + response.statusCode() + " breaks its schema at " + violation).toList();
        } catch (java.io.IOException e) {
            return List.of(operation.name() + ": answer " + response.statusCode() + " is not JSON: " + response.body());
        }
    }

    /** A request to the operation with its path examples, no query, and the token given (or none). */
    private static HttpRequest.Builder request(OpenApiDocument.Operation operation, String token) {
        return request(operation, token, Map.of());
    }

    private static HttpRequest.Builder request(OpenApiDocument.Operation operation, String token, Map<String, String> query) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(operation, query))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        Optional<Map.Entry<String, JsonNode>> example = operation.requestExample();
        if (example.isPresent()) {
            builder.header("Content-Type", example.get().getKey())
                    .method(operation.method().toUpperCase(), HttpRequest.BodyPublishers.ofString(text(example.get().getValue())));
        } else {
            builder.method(operation.method().toUpperCase(), HttpRequest.BodyPublishers.noBody());
        }
        return builder;
    }

    /** The operation called as its documentation shows: path examples, required query examples, the example body, every role. */
    private static HttpRequest.Builder exampleRequest(OpenApiDocument.Operation operation) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters("query")) {
            if (parameter.path("required").asBoolean() && parameter.has("example")) {
                query.put(parameter.path("name").asText(), parameter.path("example").asText());
            }
        }
        return request(operation, allRoles(), query);
    }

    /** A webhook request: the example body, with valid credentials of the operation's first scheme when asked. */
    private static HttpRequest.Builder webhook(OpenApiDocument.Operation operation, boolean authenticated, byte[] replacement) {
        Map.Entry<String, JsonNode> example = operation.requestExample().orElseThrow();
        byte[] body = replacement != null ? replacement : text(example.getValue()).getBytes(StandardCharsets.UTF_8);
        List<String> schemes = operation.securitySchemes();
        String scheme = schemes.isEmpty() ? "" : schemes.get(0);
        String url = url(operation, Map.of());
        if (authenticated && scheme.equals("webhookQueryToken")) {
            url += "?token=" + FreshHub.fact("SIAM_WEBHOOK_TOKEN");
        }
        if (schemes.isEmpty() && replacement == null) {
            // signed inside the body (SNS): signed with the dev key, and for the unauthenticated case altered after signing
            body = DevSnsSigner.sign(body, Path.of(FreshHub.fact("SIAM_SNS_SIGNING_KEYSTORE")), true);
            if (!authenticated) {
                try {
                    ObjectNode altered = (ObjectNode) SiamJson.mapper().readTree(body);
                    altered.put("Subject", "altered after signing");
                    body = SiamJson.mapper().writeValueAsBytes(altered);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", example.getKey()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authenticated && !scheme.isEmpty()) {
            JsonNode definition = operation.scheme(scheme);
            String token = FreshHub.fact("SIAM_WEBHOOK_TOKEN");
            String secret = FreshHub.fact("SIAM_WEBHOOK_HMAC_SECRET");
            String header = definition.path("name").asText();
            switch (definition.path("type").asText()) {
                case "http" -> builder.header("Authorization", "Bearer " + token);
                case "apiKey" -> {
                    if (definition.path("in").asText().equals("header")) {
                        builder.header(header, switch (header.toLowerCase()) {
                            case "x-pagerduty-signature" -> "v1=" + Webhooks.hex(secret, body);
                            case "x-hub-signature" -> "sha256=" + Webhooks.hex(secret, body);
                            case "x-siam-signature" -> Webhooks.siamSignature(secret, body, Instant.now());
                            default -> token;
                        });
                        if (header.equalsIgnoreCase("x-pagerduty-signature")) {
                            builder.header("X-Webhook-Id", UUID.randomUUID().toString());
                        }
                    }
                }
                default -> {
                }
            }
        }
        return builder;
    }

    private static String url(OpenApiDocument.Operation operation, Map<String, String> query) {
        String path = operation.path();
        for (JsonNode parameter : operation.parameters("path")) {
            String value = parameter.has("example") ? parameter.path("example").asText() : "example";
            path = path.replace("{" + parameter.path("name").asText() + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        StringBuilder url = new StringBuilder(base(operation) + path);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return url.toString();
    }

    private static String text(JsonNode example) {
        return example.isTextual() ? example.asText() : example.toString();
    }

    private static String allRoles() {
        return token(DevJwt.ROLES);
    }

    private static String token(List<String> roles) {
        return DevJwt.token(Path.of(FreshHub.fact("JWT_PRIVATE_KEY_FILE")), "contract-test", roles, Duration.ofMinutes(30));
    }

    private static boolean hasMediaWithoutSchema(JsonNode content) {
        return Stream.of(content).flatMap(node -> {
            List<JsonNode> media = new ArrayList<>();
            node.elements().forEachRemaining(media::add);
            return media.stream();
        }).anyMatch(media -> !media.has("schema"));
    }

    private static OpenApiDocument document(HubService service) {
        return OpenApiDocument.of(service.module(), FreshHub.fact(service.urlKey()));
    }

    private static String base(OpenApiDocument.Operation operation) {
        return operation.base();
    }
}
