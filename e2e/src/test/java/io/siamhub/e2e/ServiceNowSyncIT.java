package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.ServiceNowDouble;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;

/**
 * The two-way ServiceNow loop through the whole stack: an Alertmanager alert opens an incident owned by
 * the group the sync serves; provider-adapters creates one ticket on the loopback ServiceNow (found by
 * {@code correlation_id}, linked back onto the incident's {@code externalTickets} by the broker); a
 * person resolves the ticket in ServiceNow and its business rule sends the webhook; the incident is
 * resolved. The hub's own writes come back through the same business rule and change nothing: one
 * ticket, no echo, no second create.
 */
@ExtendWith(Hub.class)
class ServiceNowSyncIT {

    @Test
    void anAlertBecomesATicketWhoseResolutionInServiceNowResolvesTheIncident() {
        ServiceNowDouble snow = Hub.serviceNow();
        String ci = Catalog.unique("snow");
        String service = "svc-" + ci;
        Catalog.service(service, "HIGH");
        Catalog.serviceOwner(service, Hub.SNOW_OWNER);
        Catalog.hostCi(ci, service);
        assertThat(Webhooks.post("alertmanager", Webhooks.diskFull(ci), Map.of()).statusCode()).isEqualTo(202);
        Incident opened = IncidentApi.awaitOne(ci, found -> true);
        assertThat(opened.owner()).isEqualTo(Hub.SNOW_OWNER);

        // one ticket, correlated to the incident, and on the incident's externalTickets through the broker
        await().atMost(IncidentApi.WAIT).until(() -> tickets(snow, opened.id()).size() == 1);
        JsonNode ticket = tickets(snow, opened.id()).get(0);
        assertThat(ticket.path("correlation_display").asText()).isEqualTo("siam-hub");
        assertThat(ticket.path("short_description").asText()).isEqualTo(opened.title());
        String number = ticket.path("number").asText();
        Incident linked = IncidentApi.awaitOne(ci, found -> found.externalTickets().stream()
                .anyMatch(external -> external.system().equals("servicenow") && external.key().equals(number)));
        assertThat(linked.status()).isNotEqualTo(IncidentStatus.RESOLVED);

        // a person resolves it in ServiceNow; the business rule posts it back; the incident is resolved
        snow.update(ticket.path("sys_id").asText(), Map.of("state", "6", "close_code", "Solved (Permanently)",
                "close_notes", "disk cleaned up"), "itil.agent");
        Incident resolved = IncidentApi.awaitOne(ci, found -> found.status() == IncidentStatus.RESOLVED);
        assertThat(resolved.providerResolved()).isTrue();

        // the hub's resolution goes nowhere: ServiceNow has it already; no echo came back as a change, no second ticket
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(tickets(snow, opened.id())).hasSize(1);
        assertThat(snow.calls()).filteredOn(call -> call.method().equals("POST")).filteredOn(call -> call.body().contains(opened.id()))
                .hasSize(1);
        assertThat(snow.record(ticket.path("sys_id").asText()).path("sys_updated_by").asText()).isEqualTo("itil.agent");
        JsonNode timeline = IncidentApi.detail(opened.id()).path("timeline");
        assertThat(timeline.toString()).contains("linked ticket servicenow:" + number).doesNotContain("conflict");
        System.out.printf("servicenow loop: incident %s → ticket %s; webhooks answered %s; calls %s%n", opened.number(), number,
                snow.webhookAnswers(), snow.calls().stream().map(call -> call.method() + " " + call.path()).toList());
    }

    private static List<JsonNode> tickets(ServiceNowDouble snow, String incident) {
        return snow.records().stream().filter(record -> incident.equals(record.path("correlation_id").asText())).toList();
    }
}
