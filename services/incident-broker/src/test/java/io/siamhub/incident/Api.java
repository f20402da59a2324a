package io.siamhub.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.model.SiamJson;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;

/** The broker's REST API as tests use it, with the real JWTs of the local stack. */
final class Api {

    static final Duration WAIT = Duration.ofSeconds(30);

    static RequestSpecification as(String... roles) {
        return given().auth().oauth2(DevJwt.forTests(roles)).contentType(ContentType.JSON);
    }

    static RequestSpecification agent(String user) {
        return given().auth().oauth2(DevJwt.forTestsAs(user, Roles.AGENT)).contentType(ContentType.JSON);
    }

    static RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    static <T> T read(Response response, Class<T> type) {
        try {
            return SiamJson.mapper().readValue(response.asString(), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("unreadable " + type.getSimpleName() + ": " + response.asString(), e);
        }
    }

    /** The incidents of a CI, newest first. */
    static List<Incident> incidentsOf(String ci) {
        Response response = viewer().queryParam("ci", ci).queryParam("limit", 500).get("/api/incidents");
        response.then().statusCode(200);
        return read(response, IncidentQueries.Page.class).items();
    }

    static IncidentQueries.Detail detail(String id) {
        Response response = viewer().get("/api/incidents/" + id);
        response.then().statusCode(200);
        return read(response, IncidentQueries.Detail.class);
    }

    /** Waits until the CI's incidents satisfy {@code condition}; returns them. */
    static List<Incident> awaitIncidents(String ci, Predicate<List<Incident>> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> incidentsOf(ci), condition::test);
    }

    /** Waits for the CI's one incident to satisfy {@code condition}. */
    static Incident awaitIncident(String ci, Predicate<Incident> condition) {
        return awaitIncidents(ci, list -> list.size() == 1 && condition.test(list.get(0))).get(0);
    }

    /**
     * A fresh service and CI (criticality as given) matched by resource id {@code <ci>}; returns the CI id.
     */
    static String newCi(String prefix, Criticality criticality) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        as(Roles.ADMIN).body("{\"name\":\"" + id + " service\",\"criticality\":\"" + criticality + "\"}")
                .put("/api/catalog/services/svc-" + id).then().statusCode(200);
        as(Roles.ADMIN).body("{\"name\":\"" + id + "\",\"type\":\"host\",\"service\":\"svc-" + id + "\",\"match\":[{\"resourceId\":\"" + id
                + "\"}]}").put("/api/catalog/configuration-items/" + id).then().statusCode(200);
        return id;
    }

    /** A request exactly as curl sends it: no content type or body unless given (rest-assured would add its own). */
    static java.net.http.HttpResponse<String> raw(String method, String path, String contentType, String body, String... roles) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                .header("Authorization", "Bearer " + DevJwt.forTests(roles))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Api() {
    }
}
