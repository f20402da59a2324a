package io.siamhub.adapters.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.siamhub.adapters.SnsTestAuthority;
import io.siamhub.adapters.outbound.core.DeliveryQueue;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code /api/subscriptions}: shapes, the secret shown once, every refusal as problem+json, internal
 * addresses refused, and the signed test ping (to a loopback receiver, and to this hub's own
 * {@code /webhooks/cloudevents}, which accepts the Standard Webhooks signature).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class SubscriptionApiTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    DeliveryQueue queue;

    @Inject
    Pool pool;

    @AfterEach
    void deleteAll() {
        List<String> ids = admin().get("/api/subscriptions").then().statusCode(200).extract().path("id");
        ids.forEach(id -> admin().delete("/api/subscriptions/" + id).then().statusCode(204));
    }

    @Test
    void theSecretIsShownOnceThenOnlyItsFingerprint() {
        JsonPath created = admin().contentType("application/json").body(body("https://desk.example.com/hooks/siam", SECRET))
                .post("/api/subscriptions").then().statusCode(201).header("Location", containsString("/api/subscriptions/"))
                .body("secrets", equalTo(List.of(SECRET))).body("format", equalTo("cloudevents")).body("enabled", equalTo(true))
                .body("filters.priorities", equalTo(List.of("P1", "P2"))).extract().jsonPath();
        String id = created.getString("id");
        String fingerprint = created.getString("secretFingerprints[0]");
        assertThat(fingerprint).startsWith("sha256:").hasSize(23).doesNotContain(SECRET.substring(6, 20));

        admin().get("/api/subscriptions/" + id).then().statusCode(200).body("secrets", nullValue())
                .body("secretFingerprints", equalTo(List.of(fingerprint))).body("url", equalTo("https://desk.example.com/hooks/siam"));
        String listed = admin().get("/api/subscriptions").then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain(SECRET).contains(fingerprint);

        // a replacement without secrets keeps them; its answer shows none
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/hooks/other\", \"events\": [\"io.siamhub.sla.*\"],"
                + " \"format\": \"snapshot\", \"enabled\": false}").put("/api/subscriptions/" + id).then().statusCode(200)
                .body("secrets", nullValue()).body("secretFingerprints", equalTo(List.of(fingerprint))).body("format", equalTo("snapshot"))
                .body("enabled", equalTo(false)).body("events", equalTo(List.of("io.siamhub.sla.*")));
    }

    @Test
    void withoutSecretsOneIsGenerated() {
        String secret = admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"]}")
                .post("/api/subscriptions").then().statusCode(201).body("secrets", hasSize(1)).extract().path("secrets[0]");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://169.254.169.254/latest/meta-data/ | link-local",
            "https://10.1.2.3/hook | private",
            "https://192.168.0.10/hook | private",
            "https://[fd00:ec2::254]/ | unique-local",
            "http://desk.example.com/hook | must be https",
            "https://user:secret@desk.example.com/hook | credentials"})
    void anInternalOrInsecureUrlIsRefused(String url, String reason) {
        admin().contentType("application/json").body(body(url, SECRET)).post("/api/subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(reason));
        admin().get("/api/subscriptions").then().statusCode(200).body("$", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"url\": \"https://desk.example.com/h\"} | events is required",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"io.siamhub.incident.{x}\"]} | not a ce_type pattern",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"], \"format\": \"xml\"} | format xml",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"], \"filters\": {\"priorities\": [\"P9\"]}} | filters.priorities",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"], \"secrets\": [\"hunter2\"]} | whsec_",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"], \"secrets\": [\"whsec_c2hvcnQ=\"]} | 24 to 64 bytes",
            "{\"events\": [\"*\"]} | url is required",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\", \"io.siamhub.incidnet.*\"]} | events[1]: io.siamhub.incidnet.* matches no event type the hub publishes; did you mean io.siamhub.incident.*?",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"io.siamhub.sla.breach.v1\"]} | did you mean io.siamhub.sla.breached.v1?",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"io.siamhub.signal.*\"]} | events[0]: io.siamhub.signal.* matches no event type",
            "{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"], \"filters\": {\"priorities\": [\"high\"]}} | is not one of P1, P2, P3, P4, P5",
            "{\"url\": \"https://no-such-host.invalid/h\", \"events\": [\"*\"]} | url host no-such-host.invalid does not resolve",
            "{\"url\": \"https://metadata.google.internal/computeMetadata/v1/\", \"events\": [\"*\"]} | cloud metadata service",
            "{\"url\": \"https://0x7f.1/hook\", \"events\": [\"*\"]} | url host 0x7f.1 is not a valid host name"})
    void aBadFieldIsNamed(String json, String reason) {
        admin().contentType("application/json").body(json).post("/api/subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "io.siamhub.*", "*.resolved.v1", "io.siamhub.change.backed-out.v1", "io.siamhub.subscription.ping.v1"})
    void aPatternMatchingAPublishedTypeIsAccepted(String pattern) {
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"" + pattern + "\"]}")
                .post("/api/subscriptions").then().statusCode(201).body("events", equalTo(List.of(pattern)));
    }

    @Test
    void urlsAndFilterValuesHaveALength() {
        String path = "a".repeat(2_048 - "https://desk.example.com/".length());
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/" + path + "\", \"events\": [\"*\"]}")
                .post("/api/subscriptions").then().statusCode(201);
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/" + path + "a\", \"events\": [\"*\"]}")
                .post("/api/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("url is 2049 characters; at most 2048"));
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"],"
                + " \"filters\": {\"services\": [\"web\", \"" + "s".repeat(201) + "\"]}}").post("/api/subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("filters.services[1] is 201 characters; at most 200"));
        String owners = String.join(", ", java.util.Collections.nCopies(101, "\"aws\""));
        admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"],"
                + " \"filters\": {\"owners\": [" + owners + "]}}").post("/api/subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("filters.owners has 101 values; at most 100"));
        admin().get("/api/subscriptions").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void deliveriesTakeSeveralStatusesRepeatedOrCommaSeparated() {
        String id = admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"],"
                + " \"enabled\": false}").post("/api/subscriptions").then().statusCode(201).extract().path("id");
        UUID subscription = UUID.fromString(id);
        Instant now = Instant.now();
        List<DeliveryQueue.NewDelivery> three = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new DeliveryQueue.NewDelivery(subscription, "event-" + i, "io.siamhub.incident.opened.v1", "/test", "INC" + i, now,
                    "INC" + i, "application/cloudevents+json", "{}"));
        }
        queue.enqueue(three, now).await().indefinitely();
        pool.preparedQuery("update outbound_delivery set status = 'DEAD', dead_at = $2 where subscription_id = $1 and event_id = 'event-0'")
                .execute(Tuple.of(subscription, now.atOffset(java.time.ZoneOffset.UTC))).await().indefinitely();
        pool.preparedQuery("update outbound_delivery set status = 'DELIVERED' where subscription_id = $1 and event_id = 'event-1'")
                .execute(Tuple.of(subscription)).await().indefinitely();
        String deliveries = "/api/subscriptions/" + id + "/deliveries";
        admin().get(deliveries + "?status=PENDING&status=DEAD").then().statusCode(200)
                .body("eventId", containsInAnyOrder("event-0", "event-2"));
        admin().get(deliveries + "?status=pending,dead").then().statusCode(200).body("eventId", containsInAnyOrder("event-0", "event-2"));
        admin().get(deliveries + "?status=DELIVERED").then().statusCode(200).body("eventId", equalTo(List.of("event-1")));
        admin().get(deliveries).then().statusCode(200).body("$", hasSize(3));
        admin().get(deliveries + "?status=PENDING,GONE").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("status GONE is not PENDING, DELIVERED or DEAD"));
    }

    @Test
    void theOutboundDeadLetterListOfAnUnknownSubscriptionIs404() {
        admin().get("/api/dlq/outbound?subscription=00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no subscription 00000000-0000-0000-0000-000000000000"));
        String id = admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"]}")
                .post("/api/subscriptions").then().statusCode(201).extract().path("id");
        admin().get("/api/dlq/outbound?subscription=" + id).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void thePingTakesNoBody() {
        String id = admin().contentType("application/json").body("{\"url\": \"https://desk.example.com/h\", \"events\": [\"*\"]}")
                .post("/api/subscriptions").then().statusCode(201).extract().path("id");
        admin().contentType("application/json").body("{\"x\": 1}").post("/api/subscriptions/" + id + "/test").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("the test ping takes no body"));
    }

    @Test
    void unknownIdsAndRolesAreRefused() {
        admin().get("/api/subscriptions/3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/subscriptions/nope").then().statusCode(400).body("detail", containsString("UUID"));
        admin().delete("/api/subscriptions/3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f").then().statusCode(404);
        given().auth().oauth2(DevJwt.forTests(Roles.VIEWER)).get("/api/subscriptions").then().statusCode(403);
        given().get("/api/subscriptions").then().statusCode(401);
    }

    @Test
    void thePingIsSignedAndVerifiesWithTheSecret() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            String id = admin().contentType("application/json").body(body(receiver.url(), SECRET)).post("/api/subscriptions").then()
                    .statusCode(201).extract().path("id");
            JsonPath result = admin().post("/api/subscriptions/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true))
                    .body("status", equalTo(204)).body("webhookId", notNullValue()).extract().jsonPath();
            LoopbackReceiver.Received ping = receiver.received().get(0);
            assertThat(ping.header("content-type")).isEqualTo("application/cloudevents+json");
            assertThat(ping.header("webhook-id")).isEqualTo(result.getString("webhookId"));
            assertThat(ReceiverVerifier.verify(SECRET, ping.header("webhook-id"), ping.header("webhook-timestamp"),
                    ping.header("webhook-signature"), ping.body())).isTrue();
            JsonPath event = new JsonPath(ping.text());
            assertThat(event.getString("type")).isEqualTo("io.siamhub.subscription.ping.v1");
            assertThat(event.getString("specversion")).isEqualTo("1.0");
            assertThat(event.getString("data.subscription")).isEqualTo(id);

            // a refusing receiver: the ping says so
            receiver.answer(request -> new LoopbackReceiver.Answer(401, Map.of(), "bad signature"));
            admin().post("/api/subscriptions/" + id + "/test").then().statusCode(200).body("delivered", equalTo(false))
                    .body("status", equalTo(401)).body("error", containsString("bad signature"));
        }
    }

    @Test
    void oneHubFeedsAnotherThroughTheStandardWebhooksSignature() {
        // this hub's /webhooks/cloudevents has the plain secret "ce-secret": whsec_ + its base64 is the same key
        String secret = "whsec_" + Base64.getEncoder().encodeToString("ce-secret-for-standard-webhooks!".getBytes(StandardCharsets.UTF_8));
        String url = "http://127.0.0.1:" + RestAssured.port + "/webhooks/cloudevents";
        String id = admin().contentType("application/json").body(body(url, secret)).post("/api/subscriptions").then().statusCode(201)
                .extract().path("id");
        admin().post("/api/subscriptions/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true)).body("status", equalTo(202));

        String wrong = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        admin().contentType("application/json").body(body(url, wrong)).put("/api/subscriptions/" + id).then().statusCode(200);
        admin().post("/api/subscriptions/" + id + "/test").then().statusCode(200).body("delivered", equalTo(false))
                .body("status", equalTo(401)).body("error", containsString("webhook-signature does not match"));
    }

    static String body(String url, String secret) {
        return "{\"url\": \"" + url + "\", \"events\": [\"io.siamhub.incident.*\"], \"filters\": {\"priorities\": [\"P1\", \"P2\"],"
                + " \"services\": [], \"owners\": [], \"providers\": []}, \"format\": \"cloudevents\", \"secrets\": [\"" + secret + "\"],"
                + " \"enabled\": true}";
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(DevJwt.forTests(Roles.ADMIN));
    }
}
