package io.siamhub.change;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.model.EventTypes;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.change.ChangeRequest;

/** The change coordinator's API and topics as the tests use them, with the local stack's real JWTs. */
public final class Api {

    public static final Duration WAIT = Duration.ofSeconds(30);

    public static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(DevJwt.forTestsAs(user, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification agent(String user) {
        return as(user, Roles.AGENT);
    }

    public static RequestSpecification manager(String user) {
        return as(user, Roles.CHANGE_MANAGER);
    }

    /** A change manager in the CAB group (counts for HIGH risk). */
    public static RequestSpecification senior(String user) {
        return as(user, Roles.CHANGE_MANAGER, "cab-senior");
    }

    public static RequestSpecification admin() {
        return as("admin", Roles.ADMIN);
    }

    public static RequestSpecification viewer() {
        return as("viewer", Roles.VIEWER);
    }

    public static <T> T read(Response response, Class<T> type) {
        try {
            return SiamJson.mapper().readValue(response.asString(), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("unreadable " + type.getSimpleName() + ": " + response.asString(), e);
        }
    }

    public static String json(Object value) {
        try {
            return SiamJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"title": ..., "configurationItems": [...], "window": {...}}} plus extra fields. */
    public static String rfc(String title, Instant start, Duration length, List<String> items, Map<String, Object> extra) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("configurationItems", items);
        body.put("window", Map.of("start", start.toString(), "end", start.plus(length).toString()));
        body.putAll(extra);
        return json(body);
    }

    /** Raises an RFC as {@code user} and returns it. */
    public static ChangeRequest create(String user, String title, Instant start, Duration length, List<String> items, Map<String, Object> extra) {
        Response response = agent(user).body(rfc(title, start, length, items, extra)).post("/api/changes");
        response.then().statusCode(201);
        return read(response, ChangeRequest.class);
    }

    public static ChangeRequest get(String id) {
        Response response = viewer().get("/api/changes/" + id);
        response.then().statusCode(200);
        return read(response, ChangeRequest.class);
    }

    public static ChangeRequest act(RequestSpecification as, String id, String action) {
        Response response = as.post("/api/changes/" + id + "/" + action);
        response.then().statusCode(200);
        return read(response, ChangeRequest.class);
    }

    /**
     * A fresh catalog on siam.catalog.v1, as the incident broker publishes it: service {@code svc-<s>} of the given
     * criticality, and CIs {@code <name>-<s>} in it, each matched by resource id {@code <name>-<s>} and, for the
     * first, AWS account {@code acct-<s>}. Returns the suffix.
     */
    public static String catalog(Criticality criticality, String... items) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String service = "svc-" + suffix;
        publish("service:" + service, EventTypes.SERVICE_UPSERTED, new Service(service, "Service " + suffix, null, criticality, "owner"));
        for (int i = 0; i < items.length; i++) {
            String id = items[i] + "-" + suffix;
            List<MatchRule> rules = i == 0
                    ? List.of(new MatchRule(id, null, null, null, null, Map.of()), new MatchRule(null, null, "aws", "acct-" + suffix, null, Map.of()))
                    : List.of(new MatchRule(id, null, null, null, null, Map.of()));
            publish("configuration-item:" + id, EventTypes.CONFIGURATION_ITEM_UPSERTED,
                    new ConfigurationItem(id, id, "host", service, "aws", null, rules));
        }
        return suffix;
    }

    /**
     * An ownership record on siam.catalog.v1, as the incident broker publishes it: resolver group {@code group} owns
     * service {@code service}. Makes the group a known implementer.
     */
    public static void ownership(String group, String service) {
        String id = group + "-" + service;
        publish("ownership:" + id, EventTypes.OWNERSHIP_UPSERTED, new io.siamhub.model.catalog.Ownership(id,
                io.siamhub.model.catalog.OwnershipScope.SERVICE, service, io.siamhub.model.catalog.OwnerType.RESOLVER_GROUP, group));
    }

    public static void publish(String key, String type, Object payload) {
        KafkaTestClient.shared().sendEvent(Topics.CATALOG, key, type, payload == null ? null : json(payload));
    }

    private Api() {
    }
}
