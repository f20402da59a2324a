package io.siamhub.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;

/** The SLA monitor's and the incident broker's APIs as an ops tool uses them, with the run's dev tokens. */
public final class SlaApi {

    private SlaApi() {
    }

    /** PUT a definition (JSON); fails unless it is stored. */
    public static void putDefinition(String id, String json) {
        // a service just created at the broker reaches the SLA monitor on siam.catalog.v1 shortly after
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("PUT", HubService.SLA_MONITOR, "/api/sla/definitions/" + id, json),
                        answer -> answer.statusCode() != 400 || !answer.body().contains("appliesTo.services"));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("PUT definition " + id + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Opens an incident by hand at the broker; returns its id. */
    public static String openIncident(String title, String service, String impact, String urgency) {
        HttpResponse<String> response = send("POST", HubService.INCIDENT_BROKER, "/api/incidents", "{\"title\":\"" + title
                + "\",\"service\":\"" + service + "\",\"impact\":\"" + impact + "\",\"urgency\":\"" + urgency + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/incidents answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).path("id").asText();
    }

    public static void act(String incidentId, String action) {
        HttpResponse<String> response = send("POST", HubService.INCIDENT_BROKER, "/api/incidents/" + incidentId + "/" + action, "{}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The clocks of an incident ({@code GET /api/sla/clocks?incident=}). */
    public static List<JsonNode> clocks(String incidentId) {
        HttpResponse<String> response = send("GET", HubService.SLA_MONITOR, "/api/sla/clocks?limit=500&incident=" + incidentId, null);
        List<JsonNode> clocks = new ArrayList<>();
        json(response).path("items").forEach(clocks::add);
        return clocks;
    }

    public static List<JsonNode> awaitClocks(String incidentId, Predicate<List<JsonNode>> condition) {
        return await().atMost(IncidentApi.WAIT).pollInterval(Duration.ofMillis(250)).until(() -> clocks(incidentId), condition::test);
    }

    public static JsonNode status() {
        return json(send("GET", HubService.SLA_MONITOR, "/api/sla/status", null));
    }

    public static HttpResponse<String> send(String method, HubService service, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Hub.url(service) + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Hub.token());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Webhooks.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return SiamJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
