package io.siamhub.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;

/** The change coordinator's and the broker's catalog API as an ops tool calls them, with a bearer token. */
public final class ChangeApi {

    private ChangeApi() {
    }

    public static HttpResponse<String> get(HubService service, String path) {
        return Webhooks.send(request(service, path).GET().build());
    }

    public static HttpResponse<String> send(HubService service, String method, String path, String json) {
        return Webhooks.send(request(service, path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return SiamJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + " with no JSON: " + response.body(), e);
        }
    }

    private static HttpRequest.Builder request(HubService service, String path) {
        return HttpRequest.newBuilder(URI.create(Hub.url(service) + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + Hub.token());
    }
}
