package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.DebianPeer;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.ServiceProcess;
import io.siamhub.model.EventTypes;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.sla.SlaEventKind;

/**
 * SLA clocks through the whole stack as {@code ./hub up} runs it, with the demo SLA set it seeds: an alert pushed to
 * Debian's Alertmanager gets its clocks; a short 24x7 target breaches on {@code siam.sla.v1} (read with Debian's kcat)
 * within a second of its due instant; an overdue timer fires once after the SLA monitor restarts; the incident broker
 * shows each clock's state on the incident.
 */
@ExtendWith(Hub.class)
class SlaIT {

    @Test
    void anAlertmanagerAlertGetsTheDemoClocksAndTheBrokerShowsThem() throws IOException {
        String namespace = Catalog.unique("sla");
        String service = "svc-" + namespace;
        Catalog.service(service, "HIGH");
        String ci = namespace + "-api";
        Catalog.kubernetesCi(ci, service, "k8s-partner", namespace + "/api-.*");
        try (DebianPeer alertmanager = AlertmanagerIT.startAlertmanager()) {
            String alert = "{\"labels\":{\"alertname\":\"CheckoutDown\",\"severity\":\"critical\",\"namespace\":\"" + namespace
                    + "\",\"pod\":\"api-1\"},\"annotations\":{\"summary\":\"checkout answers 503\"},\"startsAt\":\"" + Instant.now() + "\"}";
            HttpResponse<String> pushed = Webhooks.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[" + alert + "]")).build());
            assertThat(pushed.statusCode()).isEqualTo(200);
            Incident incident = IncidentApi.awaitOne(ci, found -> true);
            assertThat(incident.owner()).isEqualTo("k8s-partner");

            List<JsonNode> clocks = SlaApi.awaitClocks(incident.id(), found -> found.size() == 4);
            assertThat(clocks).extracting(clock -> clock.path("definitionId").asText())
                    .containsExactlyInAnyOrder("p1-response", "p1-resolution", "p1-restore-24x7", "uc-k8s-partner");
            assertThat(clocks).allSatisfy(clock -> assertThat(clock.path("state").asText()).isEqualTo("RUNNING"));
            JsonNode uc = clocks.stream().filter(clock -> clock.path("type").asText().equals("UC")).findFirst().orElseThrow();
            assertThat(uc.path("party").asText()).isEqualTo("k8s-partner");

            JsonNode shown = await().atMost(IncidentApi.WAIT).until(() -> IncidentApi.detail(incident.id()).path("sla"), sla -> sla.size() == 4);
            Set<String> states = java.util.stream.StreamSupport.stream(shown.spliterator(), false).map(clock -> clock.path("state").asText())
                    .collect(Collectors.toSet());
            assertThat(states).containsExactly("RUNNING");
        }
    }

    @Test
    void aTwentySecondTargetBreachesOnTheTopicWithinASecondOfItsDueInstant() throws IOException {
        String service = Catalog.unique("svc-short");
        Catalog.service(service, "LOW");
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"20 s around the clock\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT20S\",\"calendar\":\"always\"}");
        String incident = SlaApi.openIncident("short fuse", service, "LOW", "LOW");
        JsonNode clock = SlaApi.awaitClocks(incident, found -> found.size() == 1).get(0);
        Instant due = Instant.parse(clock.path("dueAt").asText());

        Kcat.Record breach = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> breaches(clock.path("id").asText()), found -> !found.isEmpty()).get(0);

        JsonNode event = SiamJson.mapper().readTree(breach.payload());
        assertThat(breach.headers().get("ce_type")).isEqualTo(EventTypes.sla(SlaEventKind.BREACHED));
        assertThat(breach.key()).isEqualTo(incident);
        assertThat(Instant.parse(event.path("occurredAt").asText())).isEqualTo(due);
        long lateMillis = breach.timestamp() - due.toEpochMilli();
        System.out.printf("SLA breach of %s published %d ms after its due instant %s%n", clock.path("id").asText(), lateMillis, due);
        assertThat(lateMillis).as("published within 1 s of the due instant").isBetween(0L, 1000L);
        JsonNode shown = await().atMost(IncidentApi.WAIT).until(() -> IncidentApi.detail(incident).path("sla").get(0),
                sla -> sla != null && sla.path("breached").asBoolean());
        assertThat(shown.path("state").asText()).as("breached while still running").isEqualTo("RUNNING");
    }

    @Test
    void anOverdueTimerFiresOnceAfterTheSlaMonitorRestarts() {
        String service = Catalog.unique("svc-restart");
        Catalog.service(service, "LOW");
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"15 s around the clock\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT15S\",\"calendar\":\"always\"}");
        String incident = SlaApi.openIncident("due while down", service, "LOW", "LOW");
        JsonNode clock = SlaApi.awaitClocks(incident, found -> found.size() == 1).get(0);
        Instant due = Instant.parse(clock.path("dueAt").asText());

        ServiceProcess sla = Hub.stack().service(HubService.SLA_MONITOR);
        sla.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(due.plusSeconds(3)));
        assertThat(breaches(clock.path("id").asText())).as("nothing fires while the service is down").isEmpty();
        sla.start();
        sla.awaitReady(Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> breaches(clock.path("id").asText()).size() == 1);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> breaches(clock.path("id").asText()).size() == 1);
    }

    static List<Kcat.Record> breaches(String clockId) {
        return Kcat.readAll(Topics.SLA).stream()
                .filter(record -> EventTypes.sla(SlaEventKind.BREACHED).equals(record.headers().get("ce_type")))
                .filter(record -> record.payload() != null && record.payload().contains("\"clockId\":\"" + clockId + "\""))
                .toList();
    }
}
