package io.siamhub.kit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;

/** The index of an OpenAPI document that refusals are worded from. */
class ApiDescriptionTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/api/incidents": {
                "get": {"parameters": [{"name": "status", "in": "query"}, {"name": "limit", "in": "query"}],
                        "responses": {"200": {"content": {"application/json": {}}}}, "security": [{"jwt": ["siam-viewer"]}]},
                "post": {"requestBody": {"content": {"application/json": {}}},
                         "responses": {"201": {"content": {"application/json": {}}}}, "security": [{"jwt": ["siam-agent"]}]}},
              "/api/incidents/tickets": {"get": {"responses": {"200": {}}}},
              "/api/incidents/{id}": {"parameters": [{"name": "id", "in": "path"}], "get": {"responses": {"200": {}}}},
              "/api/incidents/{id}/{action}": {"post": {"responses": {"200": {}}}},
              "/api/catalog/services": {"get": {"responses": {"200": {}}}}}}
            """;

    private final List<ApiDescription.Operation> operations = index();

    @Test
    void operationsCarryWhatTheyTakeAnswerAndNeed() {
        ApiDescription.Operation post = find("POST", "/api/incidents");
        assertThat(post.consumes()).containsExactly("application/json");
        assertThat(post.roles()).containsExactly("siam-agent");
        assertThat(find("GET", "/api/incidents").queryParameters().keySet()).containsExactlyInAnyOrder("status", "limit");
    }

    @Test
    void theTemplateWithMostLiteralSegmentsWins() {
        assertThat(best("/api/incidents/tickets")).isEqualTo("/api/incidents/tickets");
        assertThat(best("/api/incidents/INC0000001")).isEqualTo("/api/incidents/{id}");
        assertThat(best("/api/incidents/INC0000001/acknowledge")).isEqualTo("/api/incidents/{id}/{action}");
        assertThat(operations.stream().filter(operation -> operation.matches("/api/incidents/a/b/c"))).isEmpty();
    }

    @Test
    void aMistypedSegmentFindsTheOneMeant() {
        assertThat(ApiDescription.similar("incidents", "incident")).isTrue();
        assertThat(ApiDescription.similar("incidents", "catalog")).isFalse();
        assertThat(ApiDescription.similar("{id}", "anything")).isFalse();
        assertThat(ApiDescription.distance("acknowledge", "acknowlege")).isEqualTo(1);
    }

    private String best(String path) {
        return operations.stream().filter(operation -> operation.matches(path))
                .max(java.util.Comparator.comparingInt(ApiDescription.Operation::literals)).orElseThrow().path();
    }

    private ApiDescription.Operation find(String method, String path) {
        return operations.stream().filter(operation -> operation.method().equals(method) && operation.path().equals(path)).findFirst()
                .orElseThrow();
    }

    private static List<ApiDescription.Operation> index() {
        try {
            JsonNode document = SiamJson.mapper().readTree(DOCUMENT);
            return ApiDescription.index(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
