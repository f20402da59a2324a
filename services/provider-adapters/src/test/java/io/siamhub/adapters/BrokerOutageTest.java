package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.localstack.KafkaBroker;
import io.siamhub.localstack.LocalStackResource;

/** Without an acknowledgement from Kafka there is no 202: 503 with Retry-After while the broker is down. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class BrokerOutageTest {

    @Test
    void theEdgeAnswers503WhileTheBrokerIsDownAnd202OnceItIsBack() {
        byte[] body = FixtureCase.of("alertmanager", "firing_k8s_pod_memory").bytes();
        Senders.authenticated("alertmanager", body).body(body).post("/webhooks/alertmanager").then().statusCode(202);

        KafkaBroker broker = LocalStackResource.running().broker();
        broker.kill();
        try {
            for (int i = 0; i < 3; i++) {
                Senders.authenticated("alertmanager", body).body(body).post("/webhooks/alertmanager").then()
                        .statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://siamhub.io/problems/unavailable"));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
        } finally {
            broker.restart();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Senders.authenticated("alertmanager", body).body(body).post("/webhooks/alertmanager").statusCode() == 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
