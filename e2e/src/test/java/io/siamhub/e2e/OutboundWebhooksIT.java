package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.HubService;
import io.siamhub.localstack.ServiceProcess;

/**
 * Signed outbound webhooks through the whole stack: a subscriber on loopback ({@link WebhookReceiver},
 * verifying the Standard Webhooks signature itself) is down while an incident is opened, acknowledged
 * and resolved; provider-adapters is killed with {@code kill -9} while the deliveries wait, started
 * again, and once the subscriber answers every version of the incident arrives, in order, signed,
 * with no gap.
 */
@ExtendWith(Hub.class)
class OutboundWebhooksIT {

    private static final String SECRET = WebhookReceiver.secret("e2e-outbound-webhooks-key-000001");

    @Test
    void pendingDeliveriesSurviveAKillAndArriveInOrder() {
        String service = Catalog.unique("outbound");
        Catalog.service(service, "HIGH");
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, false)) {
            HttpResponse<String> created = SlaApi.send("POST", HubService.PROVIDER_ADAPTERS, "/api/subscriptions", """
                    {"url": "%s", "events": ["io.siamhub.incident.*"], "filters": {"services": ["%s"]}, "secrets": ["%s"]}"""
                    .formatted(receiver.url(), service, SECRET));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String subscription = SlaApi.json(created).path("id").asText();

            String incident = SlaApi.openIncident("outbound " + service, service, "HIGH", "HIGH");
            SlaApi.act(incident, "acknowledge");
            SlaApi.act(incident, "resolve");
            long version = await().atMost(IncidentApi.WAIT).until(() -> IncidentApi.detail(incident).path("incident").path("version").asLong(),
                    v -> v >= 3);
            await().atMost(IncidentApi.WAIT).until(() -> receiver.refused() >= 1);

            ServiceProcess adapters = Hub.stack().service(HubService.PROVIDER_ADAPTERS);
            adapters.kill();
            adapters.start();
            adapters.awaitReady(Duration.ofMinutes(2));
            receiver.up(true);

            await().atMost(Duration.ofSeconds(90)).until(() -> versions(receiver, incident).contains(version));
            assertThat(receiver.arrivals()).as("the CloudEvent's id is the webhook-id")
                    .allSatisfy(arrival -> assertThat(arrival.event().path("id").asText()).isEqualTo(arrival.webhookId()));
            assertThat(receiver.unsigned()).as("every request signed").isZero();
            List<Long> versions = versions(receiver, incident);
            List<Long> distinct = versions.stream().distinct().toList();
            // later versions (SLA annotations) may follow; from 1 up, none is missing
            assertThat(distinct).as("every version, in order, no gap")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, distinct.get(distinct.size() - 1)).boxed().toList());
            assertThat(versions).as("in order (a retry repeats a version, never goes back)").isSorted();
            System.out.printf("outbound webhooks: %d refused while down, %d delivered after the kill -9 (versions %s)%n", receiver.refused(),
                    versions.size(), versions);
            SlaApi.send("DELETE", HubService.PROVIDER_ADAPTERS, "/api/subscriptions/" + subscription, null);
        }
    }

    private static List<Long> versions(WebhookReceiver receiver, String incident) {
        List<Long> versions = new ArrayList<>();
        for (WebhookReceiver.Arrival arrival : receiver.arrivals()) {
            JsonNode event = arrival.event();
            if (incident.equals(event.path("data").path("incident").path("id").asText())) {
                versions.add(event.path("data").path("incident").path("version").asLong());
            }
        }
        return versions;
    }
}
