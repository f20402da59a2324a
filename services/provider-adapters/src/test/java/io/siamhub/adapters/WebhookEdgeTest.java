package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siamhub.adapters.core.HmacSignatures;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;

/** The edge: who may deliver, what it refuses and how, and what it stores. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class WebhookEdgeTest {

    private static final List<String> ENDPOINTS = List.of("alertmanager", "aws/sns", "aws/eventbridge", "azure/monitor",
            "gcp/monitoring", "pagerduty", "datadog", "servicenow", "jira", "cloudevents");

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void everyFixtureIsAcceptedAndStoredByteForByte() {
        Map<String, FixtureCase> byId = new HashMap<>();
        Map<String, byte[]> sent = new HashMap<>();
        for (FixtureCase fixture : FixtureCase.all()) {
            byte[] body = fixture.endpoint().equals("aws/sns")
                    ? Senders.signedSns(fixture.bytes(), 2).getBytes(StandardCharsets.UTF_8) : fixture.bytes();
            var request = Senders.authenticated(fixture.endpoint(), body);
            fixture.headers().forEach(request::header);
            String id = request.body(body).post("/webhooks/" + fixture.endpoint()).then()
                    .statusCode(202).body("status", equalTo("accepted")).extract().path("id");
            byId.put(id, fixture);
            sent.put(id, body);
        }

        // a delivery id repeats across tests (the same SNS MessageId is the same delivery): the last copy is this test's
        Map<String, ConsumerRecord<String, String>> latest = new HashMap<>();
        Inbound.until(kafka, Topics.INBOUND, byId.keySet()).forEach(record -> latest.put(Inbound.id(record), record));

        for (ConsumerRecord<String, String> record : latest.values()) {
            FixtureCase fixture = byId.get(Inbound.id(record));
            if (fixture == null) {
                continue;
            }
            assertThat(Inbound.value(record)).as("body of %s", fixture).isEqualTo(sent.get(Inbound.id(record)));
            assertThat(record.key()).isEqualTo(fixture.provider());
            assertThat(Inbound.header(record, "ce_type")).isEqualTo("io.siamhub.inbound.received.v1");
            assertThat(Inbound.header(record, "ce_source")).isEqualTo("/webhooks/" + fixture.endpoint());
            assertThat(Inbound.header(record, "siam_provider")).isEqualTo(fixture.provider());
            assertThat(Inbound.header(record, "ce_time")).isNotNull();
        }
    }

    @Test
    void noSecretBearingHeaderIsStored() {
        byte[] body = FixtureCase.of("pagerduty", "incident_triggered").bytes();
        String id = given().contentType("application/json")
                .header("X-PagerDuty-Signature", "v1=" + HmacSignatures.hex(Senders.PD_SECRET, body))
                .header("X-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Request-Id", "trace-me")
                .header("Cookie", "session=secret")
                .body(body).post("/webhooks/pagerduty").then().statusCode(202).extract().path("id");
        String alertmanager = Senders.authenticated("alertmanager", new byte[0]).header("X-Request-Id", "trace-me-too")
                .body(FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes())
                .post("/webhooks/alertmanager").then().statusCode(202).extract().path("id");
        String azure = Senders.authenticated("azure/monitor", new byte[0])
                .body(FixtureCase.of("azure", "metric_alert_resolved").bytes())
                .post("/webhooks/azure/monitor").then().statusCode(202).extract().path("id");

        for (ConsumerRecord<String, String> record : Inbound.until(kafka, Topics.INBOUND, Set.of(id, alertmanager, azure))) {
            if (!Set.of(id, alertmanager, azure).contains(Inbound.id(record))) {
                continue;
            }
            List<String> names = new ArrayList<>();
            record.headers().forEach(header -> names.add(header.key()));
            assertThat(names).noneMatch(name -> name.contains("authorization") || name.contains("signature")
                    || name.contains("cookie") || name.equals("query_token"));
            assertThat(names).anyMatch(name -> name.equals("http_x-request-id") || name.equals("http_content-type"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "aws/eventbridge", "azure/monitor", "gcp/monitoring", "datadog", "pagerduty",
            "jira", "servicenow", "cloudevents", "aws/sns"})
    void aRequestWithoutCredentialsIs401AndNotStored(String endpoint) {
        String marker = "unauthenticated-" + UUID.randomUUID();
        refused(given().contentType(endpoint.equals("aws/sns") ? "text/plain" : "application/json")
                .body(snsShaped(marker)).post("/webhooks/" + endpoint), 401, "unauthorized-sender");
        assertNotStored(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "aws/eventbridge", "azure/monitor", "gcp/monitoring", "datadog", "pagerduty",
            "jira", "servicenow", "cloudevents"})
    void aWrongSecretIs401(String endpoint) {
        String marker = "forged-" + UUID.randomUUID();
        byte[] body = ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
        var request = given().contentType("application/json");
        switch (endpoint) {
            case "alertmanager", "gcp/monitoring" -> request.header("Authorization", "Bearer not-the-token");
            case "aws/eventbridge" -> request.header("x-api-key", "not-the-key");
            case "azure/monitor" -> request.queryParam("token", "not-the-token");
            case "datadog" -> request.header("X-Siam-Token", "not-the-token");
            case "pagerduty" -> request.header("X-PagerDuty-Signature", "v1=" + HmacSignatures.hex("wrong", body));
            case "jira" -> request.header("X-Hub-Signature", "sha256=" + HmacSignatures.hex("wrong", body));
            default -> request.header("X-Siam-Signature", Senders.siamSignature("wrong", body, Instant.now()));
        }
        refused(request.body(body).post("/webhooks/" + endpoint), 401, "unauthorized-sender");
        assertNotStored(marker);
    }

    @Test
    void aJiraSignatureInSha1IsNamedAsSuch() {
        byte[] body = "{\"webhookEvent\": \"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8);
        refused(given().contentType("application/json").header("X-Hub-Signature", "sha1=" + HmacSignatures.hex(Senders.JIRA_SECRET, body))
                .body(body).post("/webhooks/jira"), 401, "unauthorized-sender")
                .body("detail", containsString("x-hub-signature is signed with sha1; siam-hub verifies only sha256=<hex>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "servicenow"})
    void noContentTypeIsTakenAsJsonOnEveryEndpoint(String endpoint) throws Exception {
        // the edge refuses a Content-Type an endpoint does not take (415) and reads a body without one as the
        // endpoint's type, on every endpoint alike (ServiceNow's business rule and curl --data-binary may send none)
        byte[] body = ("{\"marker\": \"no-type-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/webhooks/" + endpoint))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (endpoint.equals("servicenow")) {
            request.header("X-Siam-Signature", Senders.siamSignature(Senders.SNOW_SECRET, body, Instant.now()));
        } else {
            request.header("Authorization", "Bearer " + Senders.AM_TOKEN);
        }
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"servicenow", "cloudevents"})
    void aSignatureOutsideTheReplayWindowIs401(String endpoint) {
        String marker = "replayed-" + UUID.randomUUID();
        byte[] body = ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
        String secret = endpoint.equals("servicenow") ? Senders.SNOW_SECRET : Senders.CE_SECRET;
        refused(given().contentType("application/json")
                .header("X-Siam-Signature", Senders.siamSignature(secret, body, Instant.now().minusSeconds(301)))
                .body(body).post("/webhooks/" + endpoint), 401, "unauthorized-sender")
                .body("detail", containsString("window"));
        refused(given().contentType("application/json")
                .header("X-Siam-Signature", Senders.siamSignature(secret, body, Instant.now().plusSeconds(301)))
                .body(body).post("/webhooks/" + endpoint), 401, "unauthorized-sender");
        assertNotStored(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "aws/sns", "aws/eventbridge", "azure/monitor", "gcp/monitoring", "datadog", "pagerduty",
            "jira", "servicenow", "cloudevents"})
    void aBodyOfOneMebibytePlusOneByteIs413(String endpoint) {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        refused(Senders.authenticated(endpoint, body).body(body).post("/webhooks/" + endpoint), 413, "too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "aws/sns", "aws/eventbridge", "azure/monitor", "gcp/monitoring", "datadog", "pagerduty",
            "jira", "servicenow", "cloudevents"})
    void malformedJsonIs400NamingWhereItBreaks(String endpoint) {
        String marker = "malformed-" + UUID.randomUUID();
        byte[] body = ("{\"marker\": \"" + marker + "\",\n \"broken\": ").getBytes(StandardCharsets.UTF_8);
        refused(Senders.authenticated(endpoint, body).body(body).post("/webhooks/" + endpoint), 400, "malformed-body")
                .body("detail", containsString("line 2"));
        assertNotStored(marker);
    }

    @Test
    void invalidUtf8InsideAStringIs400() throws Exception {
        // found by the e2e suite's hostile input: JSON must be UTF-8 (RFC 8259), even inside a string.
        // Sent with the JDK's client: RestAssured would re-encode the broken bytes into valid UTF-8.
        String marker = "utf8-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("{\"marker\": \"" + marker + "\", \"text\": \"caf").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}'});
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/webhooks/alertmanager"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Senders.AM_TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed-body", "UTF-8");
        assertNotStored(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "aws/sns", "aws/eventbridge", "azure/monitor", "gcp/monitoring", "datadog", "pagerduty",
            "jira", "servicenow", "cloudevents"})
    void aWrongContentTypeIs415(String endpoint) {
        byte[] body = "<alert/>".getBytes(StandardCharsets.UTF_8);
        refused(Senders.authenticated(endpoint, body).contentType("application/xml").body(body).post("/webhooks/" + endpoint),
                415, "unsupported-media-type")
                .body("detail", containsString("it takes application/json"))
                .body("detail", containsString("-H 'Content-Type: application/json'"));
    }

    @Test
    void unknownEndpointsAndMethodsAreProblems() {
        refused(given().contentType("application/json").body("{}").post("/webhooks/nagios"), 404, "not-found")
                .body("detail", containsString("alertmanager"));
        refused(given().contentType("application/json").body("{}").post("/webhooks/alertmanger"), 404, "not-found")
                .body("detail", containsString("did you mean /webhooks/alertmanager?"));
        // no provider at all: the same answer, never a 500
        refused(given().contentType("application/json").body("{}").post("/webhooks"), 404, "not-found")
                .body("detail", containsString("alertmanager"));
        refused(given().get("/webhooks"), 404, "not-found");
        refused(Senders.authenticated("alertmanager", new byte[0]).get("/webhooks/alertmanager"), 405, "method-not-allowed")
                .header("Allow", "POST");
    }

    @Test
    void rotatedSecretsAndBasicAuthAreAccepted() {
        byte[] body = FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes();
        given().contentType("application/json").header("Authorization", "Bearer am-token-old").body(body)
                .post("/webhooks/alertmanager").then().statusCode(202);
        given().contentType("application/json").auth().preemptive().basic("alertmanager", "am-password").body(body)
                .post("/webhooks/alertmanager").then().statusCode(202);
        byte[] pagerduty = FixtureCase.of("pagerduty", "incident_triggered").bytes();
        given().contentType("application/json")
                .header("X-PagerDuty-Signature", "v1=" + HmacSignatures.hex("stale", pagerduty) + ",v1="
                        + HmacSignatures.hex("pd-secret-old", pagerduty))
                .body(pagerduty).post("/webhooks/pagerduty").then().statusCode(202);
        given().contentType("application/json").auth().preemptive().basic("eventbridge", "eb-password")
                .body(FixtureCase.of("aws", "eventbridge_cw_alarm_single_metric_ALARM").bytes())
                .post("/webhooks/aws/eventbridge").then().statusCode(202);
        given().contentType("application/json").header("Authorization", "Bearer gcp-token")
                .body(FixtureCase.of("gcp", "incident_open_gce_cpu").bytes()).post("/webhooks/gcp/monitoring").then().statusCode(202);
    }

    @Test
    void aRetryOfTheSameDeliveryGetsTheSameCloudEventId() {
        byte[] body = FixtureCase.of("pagerduty", "incident_acknowledged").bytes();
        String delivery = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            ids.add(given().contentType("application/json")
                    .header("X-PagerDuty-Signature", "v1=" + HmacSignatures.hex(Senders.PD_SECRET, body))
                    .header("X-Webhook-Id", delivery)
                    .body(body).post("/webhooks/pagerduty").then().statusCode(202).extract().path("id"));
        }
        assertThat(ids.get(0)).isEqualTo(ids.get(1));

        List<ConsumerRecord<String, String>> copies = new ArrayList<>();
        kafka.readUntil(Topics.INBOUND, record -> {
            if (ids.get(0).equals(Inbound.id(record))) {
                copies.add(record);
            }
            return copies.size() == 2;
        }, Inbound.WAIT);
        assertThat(copies).allSatisfy(record -> assertThat(Inbound.header(record, "siam_delivery_id")).isEqualTo(delivery));
    }

    private static ValidatableResponse refused(io.restassured.response.Response response, int status, String type) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("https://siamhub.io/problems/" + type))
                .body("detail", notNullValue());
    }

    /** Sends a valid sentinel after the refused ones and checks none of them was stored before it. */
    private void assertNotStored(String marker) {
        String sentinel = Senders.authenticated("alertmanager", new byte[0])
                .body(FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes())
                .post("/webhooks/alertmanager").then().statusCode(202).extract().path("id");
        Set<String> refusedSeen = new HashSet<>();
        kafka.readUntil(Topics.INBOUND, record -> {
            if (record.value() != null && record.value().contains(marker)) {
                refusedSeen.add(Inbound.id(record));
            }
            return sentinel.equals(Inbound.id(record));
        }, Inbound.WAIT);
        assertThat(refusedSeen).as("records holding %s", marker).isEmpty();
    }

    /** A body that reads as an SNS message, so the SNS endpoint refuses it for its signature, not its shape. */
    private static String snsShaped(String marker) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"" + marker + "\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:t\","
                + "\"Message\":\"" + marker + "\",\"Timestamp\":\"2026-11-24T10:00:00Z\",\"SignatureVersion\":\"1\","
                + "\"Signature\":\"AAAA\",\"SigningCertURL\":\"https://sns.us-east-1.amazonaws.com/" + SnsTestAuthority.PINNED + "\"}";
    }
}
