package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;
import io.siamhub.model.incident.Incident;

/**
 * The change calendar end to end, as ./hub up runs it: an AWS Health maintenance notice posted to the adapters'
 * EventBridge webhook becomes a PROVIDER_MAINTENANCE change in the change coordinator, which conflicts with our own
 * change on the same CI; an alert on that CI inside the window opens an incident the broker marks
 * {@code maintenance}, and the change coordinator links it to the maintenance as its suspected cause, which the
 * broker shows on the incident.
 */
@ExtendWith(Hub.class)
class ChangeCoordinatorIT {

    private static final DateTimeFormatter AWS_TIME = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);

    @Test
    void aProviderMaintenanceNoticeBecomesAConflictingChangeAndTheSuspectedCauseOfAnIncidentInItsWindow() throws IOException {
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        String ci = "e2e-fleet-" + account;
        String service = "e2e-service-" + account;
        // a service of its own: the broker marks every incident of the maintenance's services, and other suites use the demo ones
        HttpResponse<String> putService = ChangeApi.send(HubService.INCIDENT_BROKER, "PUT", "/api/catalog/services/" + service,
                "{\"name\":\"e2e service " + account + "\",\"criticality\":\"HIGH\"}");
        assertThat(putService.statusCode()).as(putService.body()).isEqualTo(200);
        HttpResponse<String> put = ChangeApi.send(HubService.INCIDENT_BROKER, "PUT", "/api/catalog/configuration-items/" + ci,
                "{\"name\":\"e2e fleet\",\"type\":\"vm-fleet\",\"service\":\"" + service + "\",\"provider\":\"aws\","
                        + "\"match\":[{\"provider\":\"aws\",\"account\":\"" + account + "\"}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        // our own change on the CI, once the change coordinator's copy of the catalog has it
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String rfc = "{\"title\":\"Resize the e2e fleet\",\"configurationItems\":[\"" + ci + "\"],\"window\":{\"start\":\""
                + now.plus(Duration.ofMinutes(30)) + "\",\"end\":\"" + now.plus(Duration.ofMinutes(90)) + "\"}}";
        JsonNode change = await().atMost(IncidentApi.WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> ChangeApi.send(HubService.CHANGE_COORDINATOR, "POST", "/api/changes", rfc), response -> response.statusCode() == 201)
                .body().transform(body -> ChangeApi.json(ChangeApi.send(HubService.CHANGE_COORDINATOR, "POST",
                        "/api/changes/" + json(body).path("id").asText() + "/submit", null)));
        String changeId = change.path("id").asText();
        assertThat(change.path("status").asText()).isEqualTo("SUBMITTED");

        // the provider announces maintenance on that account, already running
        String eventArn = "arn:aws:health:eu-west-1::event/EC2/AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED/e2e-" + UUID.randomUUID();
        ObjectNode notice = (ObjectNode) SiamJson.mapper().readTree(Files.readString(FixturesIT.FIXTURES.resolve(
                "aws/eventbridge_health_scheduledChange_ec2_upcoming.json")));
        notice.put("account", account).put("time", now.minus(Duration.ofMinutes(1)).toString()).put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) notice.path("detail");
        detail.put("eventArn", eventArn).put("statusCode", "open").put("affectedAccount", account)
                .put("startTime", AWS_TIME.format(now.minus(Duration.ofMinutes(10)))).put("endTime", AWS_TIME.format(now.plus(Duration.ofHours(2))));
        HttpResponse<String> posted = Webhooks.post("aws/eventbridge", SiamJson.mapper().writeValueAsBytes(notice), Map.of());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        JsonNode maintenance = await().atMost(IncidentApi.WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> ChangeApi.json(ChangeApi.get(HubService.CHANGE_COORDINATOR, "/api/changes?origin=PROVIDER_MAINTENANCE&providerRef="
                        + java.net.URLEncoder.encode(eventArn, StandardCharsets.UTF_8))).path("items"), items -> items.size() == 1).get(0);
        String maintenanceId = maintenance.path("id").asText();
        assertThat(maintenance.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(maintenance.path("provider").asText()).isEqualTo("aws");
        assertThat(maintenance.path("configurationItems")).extracting(JsonNode::asText).containsExactly(ci);

        JsonNode conflicted = await().atMost(IncidentApi.WAIT).until(() -> ChangeApi.json(ChangeApi.get(HubService.CHANGE_COORDINATOR,
                "/api/changes/" + changeId + "/conflicts")), conflicts -> conflicts.size() > 0);
        assertThat(conflicted).anySatisfy(conflict -> {
            assertThat(conflict.path("kind").asText()).isEqualTo("PROVIDER_MAINTENANCE");
            assertThat(conflict.path("with").asText()).isEqualTo(maintenanceId);
        });

        // the broker learns the window from siam.changes.v1 (its first event, which has it IN_PROGRESS); once the broker
        // has applied it, an alert on the CI opens an incident inside it
        ConsumerProgress.awaitApplied("incident-broker-changes", "siam.changes.v1", record -> maintenanceId.equals(record.key()),
                IncidentApi.WAIT);
        ObjectNode alarm = (ObjectNode) SiamJson.mapper().readTree(Files.readString(FixturesIT.FIXTURES.resolve(
                "aws/eventbridge_cw_alarm_single_metric_ALARM.json")).replace("123456789012", account)
                .replace("ServerCpuTooHigh", "E2eCpu" + account));
        // an event id of its own: the adapters take an EventBridge event once per id, and FixturesIT posts the original later
        alarm.put("time", Instant.now().toString()).put("id", UUID.randomUUID().toString());
        HttpResponse<String> alert = Webhooks.post("aws/eventbridge", SiamJson.mapper().writeValueAsBytes(alarm), Map.of());
        assertThat(alert.statusCode()).as(alert.body()).isEqualTo(202);

        Incident incident = IncidentApi.awaitOne(ci, found -> found.relatedChanges().contains(maintenanceId));
        assertThat(incident.maintenance()).as("opened inside the provider's maintenance window").isTrue();

        // the broker links the window's change when it opens the incident; the coordinator links back from siam.incidents.v1
        JsonNode linked = await().atMost(IncidentApi.WAIT).pollInterval(Duration.ofMillis(250)).until(() -> ChangeApi.json(
                ChangeApi.get(HubService.CHANGE_COORDINATOR, "/api/changes/" + maintenanceId)), found -> found.path("relatedIncidents").size() > 0);
        assertThat(linked.path("relatedIncidents")).singleElement().satisfies(link -> {
            assertThat(link.path("incidentId").asText()).isEqualTo(incident.id());
            assertThat(link.path("relation").asText()).isEqualTo("SUSPECTED_CAUSE");
            assertThat(link.path("number").asText()).isEqualTo(incident.number());
        });
        JsonNode ours = ChangeApi.json(ChangeApi.get(HubService.CHANGE_COORDINATOR, "/api/changes/" + changeId));
        assertThat(ours.path("relatedIncidents")).as("our change had not started: not a suspect").isEmpty();
    }

    @Test
    void theDemoCalendarIsSeededAndServedAsICalendar() {
        JsonNode freezes = ChangeApi.json(ChangeApi.get(HubService.CHANGE_COORDINATOR, "/api/freeze-windows"));
        assertThat(freezes).extracting(window -> window.path("name").asText()).contains("Month-end close", "Holiday sales freeze");
        JsonNode windows = ChangeApi.json(ChangeApi.get(HubService.CHANGE_COORDINATOR, "/api/maintenance-windows"));
        assertThat(windows).extracting(window -> window.path("name").asText()).contains("payments DB Sunday night",
                "webshop VMs Tuesday night");
        HttpResponse<String> feed = Webhooks.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Hub.url(HubService.CHANGE_COORDINATOR)
                + "/api/changes/calendar.ics?token=" + Hub.token())).GET().build());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1").contains("BEGIN:VTIMEZONE");
    }

    private static JsonNode json(String body) {
        try {
            return SiamJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
