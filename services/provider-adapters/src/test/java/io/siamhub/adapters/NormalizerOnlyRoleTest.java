package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.InboundRecords;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;

/**
 * {@code siam.adapters.roles=normalizer}: webhooks are refused with a 404 that names the setting, and
 * raw records an edge stored elsewhere on {@code siam.inbound.v1} become signals.
 */
@QuarkusTest
@TestProfile(NormalizerOnlyRoleTest.NormalizerOnly.class)
@QuarkusTestResource(LocalStackResource.class)
class NormalizerOnlyRoleTest {

    public static class NormalizerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(AdapterRole.KEY, "normalizer");
        }
    }

    @Test
    void webhooksAreSentElsewhereWithAnAnswerThatSaysWhy() {
        given().contentType("application/json").body("{}").post("/webhooks/alertmanager").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", containsString("siam.adapters.roles has no 'edge' here"));
    }

    @Test
    void rawRecordsOnTheTopicBecomeSignals() {
        String id = UUID.randomUUID().toString();
        byte[] body = FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes();
        Headers headers = InboundRecords.headers(id, "alertmanager", "alertmanager", null, Instant.now(), HttpHeaders.of(List.of()),
                HttpHeaders.of(List.of()), "application/json", Set.of());
        Map<String, String> asText = new HashMap<>();
        for (Header header : headers) {
            asText.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        KafkaTestClient kafka = KafkaTestClient.shared();
        kafka.send(Topics.INBOUND, "alertmanager", new String(body, StandardCharsets.UTF_8), asText);

        assertThat(Inbound.until(kafka, Topics.SIGNALS, Set.of(SignalIds.of(id, 0)))).extracting(Inbound::id).contains(SignalIds.of(id, 0));
    }
}
