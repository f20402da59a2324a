package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;

/**
 * {@code POST /api/normalize/{provider-endpoint}}: the dry run answers what the normalizer would make
 * of a body (signals, an ignore reason, a dead-letter reason) and stores, publishes, confirms and
 * counts nothing; it refuses a body as the real endpoint does, and wants the admin role, not the
 * sender's credentials.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class NormalizeResourceTest {

    private static final String DLQ = "siam.inbound.v1.provider-adapters.dlq";

    @Inject
    MeterRegistry registry;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void aBodyIsAnsweredWithTheSignalsItWouldBecomeAndNothingIsStoredOrPublished() {
        String alertId = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/"
                + UUID.randomUUID();
        byte[] body = new String(FixtureCase.of(FixtureCase.REPORTED, "azure", "reported_02_prometheus_alert_labels").bytes(),
                StandardCharsets.UTF_8).replace("/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/6c1f2e3d-4a5b-4c6d-8e7f-90a1b2c3d4e5", alertId)
                .getBytes(StandardCharsets.UTF_8);
        String dryRunSignal = admin().contentType("application/json").body(body).post("/api/normalize/azure/monitor").then()
                .statusCode(200)
                .body("provider", equalTo("azure"))
                .body("endpoint", equalTo("azure/monitor"))
                .body("normalizerVersion", equalTo(NormalizerVersion.CURRENT))
                .body("outcome", equalTo("MAPPED"))
                .body("signals[0].fingerprint", equalTo("azure:" + alertId))
                .body("signals[0].labels.pod", equalTo("orders-api-6b7c9d-4kq2z"))
                .body("signals[0].description", equalTo("orders-api was OOM killed twice in 10 minutes"))
                .body("signals[0].severity", equalTo("MAJOR"))
                .body("signals[0].inboundOffset", nullValue())
                .extract().path("signals[0].id");

        // the same body through the real edge: its records share the dry run's keys, so a record the dry
        // run had written would lie before them in the same partition
        String inboundId = Senders.authenticated("azure/monitor", body).body(body).post("/webhooks/azure/monitor").then()
                .statusCode(202).extract().path("id");
        assertThat(Inbound.until(kafka, Topics.INBOUND, Set.of(inboundId)))
                .filteredOn(record -> record.value() != null && record.value().contains(alertId)).as("raw records of the body").hasSize(1);
        List<ConsumerRecord<String, String>> signals = Inbound.until(kafka, Topics.SIGNALS, Set.of(SignalIds.of(inboundId, 0)));
        assertThat(signals).extracting(Inbound::id).doesNotContain(dryRunSignal);
        assertThat(signals).filteredOn(record -> record.value().contains(alertId)).as("signals of the body").hasSize(1);
    }

    @Test
    void anIgnoredOrUnmappableBodyIsAnsweredWithItsReasonAndNothingIsDeadLettered() {
        double ignoredBefore = counter("siam_adapters_ignored_total", "provider", "jira", "reason", "annotation");
        admin().contentType("application/json")
                .body(FixtureCase.of(FixtureCase.REPORTED, "jira", "eventtype_worklog_created").bytes())
                .post("/api/normalize/jira").then().statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("reason", equalTo("annotation"))
                .body("detail", containsString("worklog_created"))
                .body("signals.size()", equalTo(0));
        assertThat(counter("siam_adapters_ignored_total", "provider", "jira", "reason", "annotation"))
                .as("a dry run counts nothing").isEqualTo(ignoredBefore);
        // a note about an incident is a NOTE on it, never the incident
        admin().contentType("application/json")
                .body(FixtureCase.of(FixtureCase.REPORTED, "pagerduty", "reported_06_incident_annotated").bytes())
                .post("/api/normalize/pagerduty").then().statusCode(200)
                .body("outcome", equalTo("MAPPED"))
                .body("signals.size()", equalTo(1))
                .body("signals[0].kind", equalTo("NOTE"))
                .body("signals[0].providerRef", equalTo("Q2K7ZL4N8B1XYZ"))
                .body("signals[0].author", equalTo("On-call Engineer"));

        String number = "INC" + System.nanoTime();
        byte[] body = new String(FixtureCase.of("servicenow", "unknown_state").bytes(), StandardCharsets.UTF_8)
                .replace("INC0010046", number).getBytes(StandardCharsets.UTF_8);
        admin().contentType("application/json").body(body).post("/api/normalize/servicenow").then().statusCode(200)
                .body("outcome", equalTo("DEAD_LETTERED"))
                .body("reason", equalTo("unsupported"))
                .body("detail", containsString("incident state 9"))
                .body("signals.size()", equalTo(0));
        String inboundId = Senders.authenticated("servicenow", body).body(body).post("/webhooks/servicenow").then().statusCode(202)
                .extract().path("id");
        assertThat(Inbound.until(kafka, DLQ, Set.of(inboundId))).filteredOn(record -> record.value().contains(number))
                .as("dead letters of the body: the real delivery's only").hasSize(1);
    }

    @Test
    void theHeadersAndTheReceiptTimeOfTheRealDeliveryCount() {
        FixtureCase binary = FixtureCase.of("cloudevents", "binary_ticket");
        RequestSpecification request = admin().body(binary.bytes());
        binary.headers().forEach(request::header);
        request.post("/api/normalize/cloudevents").then().statusCode(200)
                .body("outcome", equalTo("MAPPED"))
                .body("signals[0].providerRef", equalTo("ACME-1042"))
                .body("signals[0].labels.'ce.source'", equalTo("https://support.vendor.example"));

        FixtureCase maintenance = FixtureCase.of(FixtureCase.REPORTED, "aws", "eventbridge_facts_scheduled_change_org_view_window");
        admin().contentType("application/json").queryParam("receivedAt", "2026-11-29T05:00:00Z").body(maintenance.bytes())
                .post("/api/normalize/aws/eventbridge").then().statusCode(200)
                .body("receivedAt", equalTo("2026-11-29T05:00:00Z"))
                .body("signals[0].receivedAt", equalTo("2026-11-29T05:00:00Z"));
        admin().contentType("application/json").queryParam("receivedAt", "yesterday").body(maintenance.bytes())
                .post("/api/normalize/aws/eventbridge").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("receivedAt"));
    }

    @Test
    void aDryRunConfirmsNoSnsSubscription() {
        String token = UUID.randomUUID().toString().replace("-", "");
        ObjectNode confirmation = SiamJson.mapper().createObjectNode();
        confirmation.put("Type", "SubscriptionConfirmation");
        confirmation.put("MessageId", UUID.randomUUID().toString());
        confirmation.put("Token", token);
        confirmation.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:ops-alarms");
        confirmation.put("Message", "You have chosen to subscribe to the topic.");
        confirmation.put("SubscribeURL", SnsTestAuthority.running().url("sns.us-east-1.amazonaws.com",
                "?Action=ConfirmSubscription&Token=" + token));
        confirmation.put("Timestamp", "2026-11-24T09:59:01.000Z");
        admin().contentType("text/plain; charset=UTF-8").body(confirmation.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/normalize/aws/sns").then().statusCode(200)
                .body("outcome", equalTo("IGNORED"))
                .body("reason", equalTo("subscription"))
                .body("detail", containsString("confirms nothing"));
        assertThat(SnsTestAuthority.running().confirmations()).noneMatch(request -> request.contains(token));
    }

    @Test
    void aBodyIsRefusedAsTheRealEndpointRefusesIt() {
        admin().contentType("application/json").body("{}").post("/api/normalize/nagios").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("/webhooks/nagios"))
                .body("detail", containsString("alertmanager"));
        admin().contentType("application/xml").body("<alert/>").post("/api/normalize/alertmanager").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo("https://siamhub.io/problems/unsupported-media-type"));
        admin().contentType("application/json").body("{\"alerts\": [").post("/api/normalize/alertmanager").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://siamhub.io/problems/malformed-body"))
                .body("detail", containsString("line 1"));
        admin().contentType("application/json").body("").post("/api/normalize/alertmanager").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("empty"));
        byte[] large = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        admin().contentType("application/json").body(large).post("/api/normalize/alertmanager").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("https://siamhub.io/problems/too-large"));
    }

    @Test
    void theAdminRoleIsRequiredNotTheSendersCredentials() {
        byte[] body = FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes();
        given().contentType("application/json").body(body).post("/api/normalize/alertmanager").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(DevJwt.forTests(Roles.VIEWER)).contentType("application/json").body(body)
                .post("/api/normalize/alertmanager").then().statusCode(403).contentType("application/problem+json");
        // the provider's own bearer token is no credential here
        given().header("Authorization", "Bearer " + Senders.AM_TOKEN).contentType("application/json").body(body)
                .post("/api/normalize/alertmanager").then().statusCode(401);
        admin().contentType("application/json").body(body).post("/api/normalize/alertmanager").then().statusCode(200)
                .body("outcome", equalTo("MAPPED")).body("signals.provider", hasItem("alertmanager"));
    }

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(DevJwt.forTests(Roles.ADMIN));
    }
}
