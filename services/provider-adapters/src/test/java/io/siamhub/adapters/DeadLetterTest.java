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

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void anUnmappableWebhookIsDeadLetteredAndReplayedAfterTheFix() {
        String inboundId = Senders.post(FixtureCase.of("servicenow", "unknown_state")).then().statusCode(202).extract().path("id");

        List<ConsumerRecord<String, String>> dead = Inbound.until(kafka, DLQ, Set.of(inboundId));
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> inboundId.equals(Inbound.id(r))).findFirst().orElseThrow();
        assertThat(Inbound.header(letter, "dead-letter-reason")).contains("incident state 9");
        assertThat(Inbound.header(letter, "dead-letter-cause")).isEqualTo("unsupported");
        assertThat(Inbound.header(letter, "siam_adapter_version")).startsWith("provider-adapters ");

        String id = await().atMost(Duration.ofSeconds(30)).until(() -> entryId(inboundId), entry -> entry != null);
        as(Roles.VIEWER).get("/api/dlq/" + id).then().statusCode(200)
                .body("summary.cause", equalTo("unsupported"))
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
        assertThat(signal.key()).isEqualTo("servicenow:INC0010046");
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
    void theDeadLetterApiIsGuardedAndExplainsBadIds() {
        given().get("/api/dlq").then().statusCode(401).contentType("application/problem+json");
        as(Roles.VIEWER).post("/api/dlq/replay").then().statusCode(403).contentType("application/problem+json");
        as(Roles.VIEWER).get("/api/dlq/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        as(Roles.VIEWER).get("/api/dlq/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(Roles.VIEWER).queryParam("limit", "0").get("/api/dlq").then().statusCode(400).contentType("application/problem+json");
        as(Roles.VIEWER).queryParam("status", "SOMETHING").get("/api/dlq").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("PENDING"));
    }

    /** The dead-letter entry of a raw webhook, once indexed. */
    private static String entryId(String inboundId) {
        for (String status : List.of("PENDING", "REPLAYED")) {
            List<Map<String, Object>> entries = as(Roles.VIEWER).queryParam("provider", "servicenow").queryParam("status", status)
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
