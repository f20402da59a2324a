package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.adapters.servicenow.FixedServiceNowAdapter;
import io.siamhub.adapters.servicenow.ServiceNowAdapter;
import io.siamhub.adapters.servicenow.ServiceNowConfig;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;
import io.siamhub.model.signal.SignalStatus;

/** A webhook the mapping cannot handle is dead-lettered, listed, and published after the mapping is fixed. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class DeadLetterTest {

    private static final String DLQ = "siam.inbound.v1.provider-adapters.dlq";

    @Inject
    ServiceNowConfig serviceNowConfig;

    @Inject
    MeterRegistry registry;

    @Inject
    io.siamhub.adapters.dlq.DeadLetterRetention retention;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void anUnmappableWebhookIsDeadLetteredAndReplayedAfterTheFix() {
        String inboundId = Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id");

        List<ConsumerRecord<String, String>> dead = Inbound.until(kafka, DLQ, Set.of(inboundId));
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> inboundId.equals(Inbound.id(r))).findFirst().orElseThrow();
        assertThat(Inbound.header(letter, "dead-letter-reason")).contains("incident state 9");
        assertThat(Inbound.header(letter, "dead-letter-cause")).isEqualTo("unsupported");
        assertThat(Inbound.header(letter, "siam_adapter_version")).startsWith("provider-adapters ");
        assertThat(Inbound.header(letter, "siam_normalizer_version")).isEqualTo(Integer.toString(NormalizerVersion.CURRENT));

        String id = await().atMost(Duration.ofSeconds(30)).until(() -> entryId(inboundId), entry -> entry != null);
        as(Roles.VIEWER).get("/api/dlq/" + id).then().statusCode(200)
                .body("summary.cause", equalTo("unsupported"))
                .body("summary.normalizerVersion", equalTo(NormalizerVersion.CURRENT))
                .body("summary.currentNormalizerVersion", equalTo(NormalizerVersion.CURRENT))
                .body("body", containsString("INC0010046"));

        // the mapping is still the same: replaying fails again and says why
        as(Roles.ADMIN).post("/api/dlq/" + id + "/replay").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("incident state 9"));

        // the install adds state 9 ("Awaiting vendor") to the map: the same record now maps
        QuarkusMock.installMockForType(FixedServiceNowAdapter.withState(serviceNowConfig, registry, "9", SignalStatus.ON_HOLD),
                ServiceNowAdapter.class);
        as(Roles.ADMIN).post("/api/dlq/" + id + "/replay").then().statusCode(200)
                .body("status", equalTo("REPLAYED")).body("signals", equalTo(1));

        String signalId = SignalIds.of(inboundId, 0);
        ConsumerRecord<String, String> signal = Inbound.until(kafka, Topics.SIGNALS, Set.of(signalId)).stream()
                .filter(r -> signalId.equals(Inbound.id(r))).findFirst().orElseThrow();
        assertThat(signal.key()).isEqualTo("servicenow:d4e5f6a7b8c9012a3b4c5d6e7f8a9b03");
        assertThat(signal.value()).contains("\"ticketKey\":\"INC0010046\"");
        assertThat(signal.value()).contains("\"status\":\"ON_HOLD\"");
        as(Roles.VIEWER).queryParam("status", "REPLAYED").get("/api/dlq").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void aRecordThatIsNotARawWebhookIsDeadLetteredAndTheNextOneFlows() {
        kafka.send(Topics.INBOUND, "alertmanager", "{\"not\":\"a webhook record\"}", Map.of("ce_id", "poison-" + System.nanoTime()));
        String next = Senders.post(FixtureCase.of("alertmanager", "without_fingerprint_older_version")).then().statusCode(202)
                .extract().path("id");

        Inbound.until(kafka, Topics.SIGNALS, Set.of(SignalIds.of(next, 0)));
        kafka.readUntil(DLQ, record -> "invalid_record".equals(Inbound.header(record, "dead-letter-cause")), Inbound.WAIT);
    }

    @Test
    void bulkReplayReportsWhatItDid() {
        String inboundId = Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> entryId(inboundId), entry -> entry != null);

        as(Roles.ADMIN).queryParam("provider", "servicenow").post("/api/dlq/replay").then().statusCode(200)
                .body("failed", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("results.reason", org.hamcrest.Matchers.hasItem(containsString("incident state 9")));
    }

    @Test
    void whatAnEarlierNormalizerVersionCouldNotMapTheCurrentOneRemaps() {
        // as version 1 dead-lettered them: it mapped only jira:issue_* events, and dead-lettered every
        // PagerDuty event but incident.* ones (it wrote no siam_normalizer_version header yet)
        String issueId = Long.toString(System.nanoTime() % 1_000_000_000L);
        String comment = new String(FixtureCase.of(FixtureCase.REPORTED, "jira", "eventtype_comment_created_on_done_issue").bytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("10042", issueId);
        String commentId = deadLetteredByVersion1("jira", comment, "Jira event comment_created (only jira:issue_* events are mapped)");
        String serviceId = deadLetteredByVersion1("pagerduty", new String(FixtureCase.of("pagerduty", "service_updated_not_incident").bytes(),
                java.nio.charset.StandardCharsets.UTF_8), "PagerDuty event service.updated (only incident.* events are mapped)");
        String commentEntry = await().atMost(Duration.ofSeconds(30)).until(() -> entryId("jira", commentId), entry -> entry != null);
        String serviceEntry = await().atMost(Duration.ofSeconds(30)).until(() -> entryId("pagerduty", serviceId), entry -> entry != null);
        as(Roles.VIEWER).get("/api/dlq/" + commentEntry).then().statusCode(200)
                .body("summary.normalizerVersion", equalTo(1))
                .body("summary.currentNormalizerVersion", equalTo(NormalizerVersion.CURRENT));

        as(Roles.ADMIN).queryParam("provider", "jira").post("/api/dlq/replay").then().statusCode(200)
                .body("normalizerVersion", equalTo(NormalizerVersion.CURRENT))
                .body("results.find { it.id == '" + commentEntry + "' }.status", equalTo("REPLAYED"))
                .body("results.find { it.id == '" + commentEntry + "' }.signals", equalTo(2))
                .body("results.find { it.id == '" + commentEntry + "' }.failedUnder", equalTo(1))
                .body("results.find { it.id == '" + commentEntry + "' }.normalizerVersion", equalTo(NormalizerVersion.CURRENT));
        String signalId = SignalIds.of(commentId, 0);
        ConsumerRecord<String, String> signal = Inbound.until(kafka, Topics.SIGNALS, Set.of(signalId)).stream()
                .filter(r -> signalId.equals(Inbound.id(r))).findFirst().orElseThrow();
        assertThat(signal.key()).isEqualTo("jira:" + issueId);
        assertThat(signal.value()).contains("\"status\":\"RESOLVED\"").contains("\"ticketKey\":\"SUP-7\"");

        // a documented event the current mapping ignores is replayed with no signal: it leaves the queue
        as(Roles.ADMIN).queryParam("provider", "pagerduty").post("/api/dlq/replay").then().statusCode(200)
                .body("results.find { it.id == '" + serviceEntry + "' }.status", equalTo("REPLAYED"))
                .body("results.find { it.id == '" + serviceEntry + "' }.signals", equalTo(0))
                .body("results.find { it.id == '" + serviceEntry + "' }.ignored", equalTo("other_resource"));
        as(Roles.VIEWER).queryParam("provider", "pagerduty").get("/api/dlq").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(serviceEntry)));
    }

    /** A raw webhook on the dead-letter topic, headers as an earlier normalizer wrote them; returns its ce_id. */
    private String deadLetteredByVersion1(String provider, String body, String reason) {
        String ceId = java.util.UUID.randomUUID().toString();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("ce_id", ceId);
        headers.put("ce_source", "/webhooks/" + provider);
        headers.put("ce_type", "io.siamhub.inbound.received.v1");
        headers.put("ce_specversion", "1.0");
        headers.put("ce_subject", provider);
        headers.put("ce_time", "2026-03-14T12:00:00Z");
        headers.put("siam_provider", provider);
        headers.put("siam_endpoint", provider);
        headers.put("http_content-type", "application/json");
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-cause", "unsupported");
        headers.put("dead-letter-topic", Topics.INBOUND);
        headers.put("dead-letter-partition", "0");
        headers.put("dead-letter-offset", Long.toString(System.nanoTime() % 1_000_000L));
        headers.put("siam_adapter_version", "provider-adapters 0.1.0-SNAPSHOT");
        kafka.send(DLQ, provider, body, headers);
        return ceId;
    }

    @Test
    void theDeadLetterApiIsGuardedAndExplainsBadIds() {
        given().get("/api/dlq").then().statusCode(401).contentType("application/problem+json");
        as(Roles.VIEWER).post("/api/dlq/replay").then().statusCode(403).contentType("application/problem+json");
        as(Roles.VIEWER).get("/api/dlq/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        as(Roles.VIEWER).get("/api/dlq/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(Roles.VIEWER).queryParam("limit", "0").get("/api/dlq").then().statusCode(400).contentType("application/problem+json");
        as(Roles.VIEWER).queryParam("status", "SOMETHING").get("/api/dlq").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("PENDING"));
    }

    @Test
    void deadLettersArePurgedByHandOrWhenTheirRetentionEnds() {
        String first = indexed(Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id"));
        as(Roles.ADMIN).delete("/api/dlq").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("status is required"));
        as(Roles.ADMIN).queryParam("status", "PENDING").queryParam("provider", "servicenw").delete("/api/dlq").then().statusCode(400)
                .body("detail", containsString("provider servicenw is not one of")).body("detail", containsString("servicenow"));
        as(Roles.VIEWER).queryParam("provider", "servicenw").get("/api/dlq").then().statusCode(400);
        as(Roles.VIEWER).delete("/api/dlq/" + first).then().statusCode(403);
        as(Roles.ADMIN).delete("/api/dlq/" + first).then().statusCode(204);
        as(Roles.VIEWER).get("/api/dlq/" + first).then().statusCode(404);

        String second = indexed(Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id"));
        as(Roles.ADMIN).queryParam("status", "pending").queryParam("provider", "servicenow")
                .queryParam("before", java.time.Instant.now().plusSeconds(60).toString()).delete("/api/dlq").then().statusCode(200)
                .body("purged", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        as(Roles.VIEWER).get("/api/dlq/" + second).then().statusCode(404);

        String third = indexed(Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id"));
        assertThat(retention.sweep().await().atMost(Duration.ofSeconds(10))).as("within the configured 30 days").isZero();
        assertThat(retention.sweep(Duration.ZERO, Duration.ZERO).await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);
        as(Roles.VIEWER).get("/api/dlq/" + third).then().statusCode(404);
    }

    private static String indexed(String inboundId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> entryId(inboundId), entry -> entry != null);
    }

    /** The dead-letter entry of a raw webhook, once indexed. */
    private static String entryId(String inboundId) {
        return entryId("servicenow", inboundId);
    }

    private static String entryId(String provider, String inboundId) {
        for (String status : List.of("PENDING", "REPLAYED")) {
            List<Map<String, Object>> entries = as(Roles.VIEWER).queryParam("provider", provider).queryParam("status", status)
                    .get("/api/dlq").then().statusCode(200).extract().path("$");
            for (Map<String, Object> entry : entries) {
                if (inboundId.equals(entry.get("inboundCeId"))) {
                    return (String) entry.get("id");
                }
            }
        }
        return null;
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(DevJwt.forTests(role));
    }
}
