package io.siamhub.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.siamhub.localstack.HubService;

/** Catalog entries a test owns alone, so no other test's signals correlate with its own. */
public final class Catalog {

    private Catalog() {
    }

    /** A unique id with a readable prefix. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void service(String id, String criticality) {
        put("services/" + id, "{\"name\":\"" + id + "\",\"criticality\":\"" + criticality + "\",\"businessOwner\":\"e2e\"}");
    }

    /** A CI run by {@code provider}, matched by an Alertmanager resource id pattern ({@code <namespace>/<pod>}). */
    public static void kubernetesCi(String id, String service, String provider, String podPattern) {
        put("configuration-items/" + id, "{\"name\":\"" + id + "\",\"type\":\"deployment\",\"service\":\"" + service
                + "\",\"provider\":\"" + provider + "\",\"match\":[{\"provider\":\"alertmanager\",\"resourceIdPattern\":\""
                + podPattern + "\"}]}");
    }

    /** A CI matched by its exact resource id. */
    public static void hostCi(String id, String service) {
        put("configuration-items/" + id, "{\"name\":\"" + id + "\",\"type\":\"host\",\"service\":\"" + service
                + "\",\"match\":[{\"resourceId\":\"" + id + "\"}]}");
    }

    public static void serviceOwner(String service, String resolverGroup) {
        put("ownerships/own-" + service, "{\"scope\":\"SERVICE\",\"target\":\"" + service
                + "\",\"ownerType\":\"RESOLVER_GROUP\",\"owner\":\"" + resolverGroup + "\"}");
    }

    private static void put(String path, String json) {
        HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(URI.create(Hub.url(HubService.INCIDENT_BROKER) + "/api/catalog/" + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + Hub.token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /api/catalog/" + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
