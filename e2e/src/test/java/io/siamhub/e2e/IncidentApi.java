package io.siamhub.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;
import io.siamhub.model.incident.Incident;

/** The incident broker's API as an ops tool reads it: {@code GET /api/incidents} with a bearer token. */
public final class IncidentApi {

    public static final Duration WAIT = Duration.ofSeconds(60);

    /** One page of {@code GET /api/incidents}. */
    public record Page(List<Incident> items, long total, String nextCursor) {
    }

    private IncidentApi() {
    }

    public static Page list(Map<String, String> filter) {
        String query = filter.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return read(get("/api/incidents?" + query), Page.class);
    }

    /** The incidents of a CI, newest first. */
    public static List<Incident> ofCi(String ci) {
        return list(Map.of("ci", ci, "limit", "500")).items();
    }

    /** {@code GET /api/incidents/{id}} as a tree: {@code incident}, {@code signals}, {@code timeline}, {@code sla}. */
    public static JsonNode detail(String id) {
        return read(get("/api/incidents/" + id), JsonNode.class);
    }

    /** Waits until the CI has exactly one incident satisfying {@code condition}. */
    public static Incident awaitOne(String ci, Predicate<Incident> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> ofCi(ci), list -> list.size() == 1 && condition.test(list.get(0))).get(0);
    }

    public static HttpResponse<String> get(String path) {
        return Webhooks.send(HttpRequest.newBuilder(URI.create(Hub.url(HubService.INCIDENT_BROKER) + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + Hub.token()).GET().build());
    }

    static <T> T read(HttpResponse<String> response, Class<T> type) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return SiamJson.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
