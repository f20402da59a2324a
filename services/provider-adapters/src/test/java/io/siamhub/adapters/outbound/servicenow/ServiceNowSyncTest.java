package io.siamhub.adapters.outbound.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.siamhub.adapters.SnsTestAuthority;
import io.siamhub.adapters.outbound.TicketSystems;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.localstack.ServiceNowDouble;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ServiceNow half of the two-way sync against a loopback instance that answers as the Table API
 * does ({@link ServiceNowDouble}): incident events on the real {@code siam.incidents.v1} become one
 * incident record, created once (a retried create finds it by {@code correlation_id}), updated with
 * only what changed, resolved with its close fields; the link to the incident goes out on
 * {@code siam.signals.v1}; a 429 slows the target down; a refusal is dead-lettered without the
 * password anywhere; the instance's webhook of the hub's own write is an echo and yields no signal,
 * while a person's change in ServiceNow does.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
@QuarkusTestResource(value = TicketSystems.class, restrictToAnnotatedClass = true)
class ServiceNowSyncTest {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private ServiceNowDouble snow;

    @BeforeEach
    void instance() {
        snow = TicketSystems.serviceNow();
        snow.webhook("http://127.0.0.1:" + RestAssured.port + "/webhooks/servicenow", "snow-secret");
    }

    @Test
    void anIncidentIsCreatedUpdatedAndResolvedAsOneTicket() {
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "P1");
        JsonNode record = awaitRecord(incident);
        assertThat(record.path("state").asText()).isEqualTo("1");
        assertThat(record.path("impact").asText()).isEqualTo("1");
        assertThat(record.path("urgency").asText()).isEqualTo("1");
        assertThat(record.path("priority").asText()).isEqualTo("1");
        assertThat(record.path("assignment_group").asText()).isEqualTo("Cloud Operations");
        assertThat(record.path("correlation_display").asText()).isEqualTo("siam-hub");
        assertThat(record.path("short_description").asText()).isEqualTo("Disk full on payments-db");
        String sysId = record.path("sys_id").asText();
        List<ServiceNowDouble.Call> calls = callsFor(incident, sysId);
        assertThat(calls).extracting(ServiceNowDouble.Call::method).containsExactly("GET", "POST");
        assertThat(calls.get(0).query()).containsEntry("sysparm_query", "correlation_id=" + incident);
        assertThat(calls.get(1).authorization()).startsWith("Basic ");

        // the ticket goes onto the incident through the broker: a TICKET signal naming the incident
        ConsumerRecord<String, String> link = awaitSignal("servicenow:" + sysId, "/siam-hub/provider-adapters/outbound");
        JsonNode signal = json(link.value());
        assertThat(signal.path("kind").asText()).isEqualTo("TICKET");
        assertThat(signal.path("labels").path("siamIncident").asText()).isEqualTo(incident);
        assertThat(signal.path("labels").path("ticketKey").asText()).isEqualTo(record.path("number").asText());
        await().atMost(Duration.ofSeconds(15)).until(() -> linked(incident));

        publish(incident, 2, "IN_PROGRESS", "P1");
        await().atMost(Duration.ofSeconds(15)).until(() -> "2".equals(snow.record(sysId).path("state").asText()));
        ServiceNowDouble.Call patch = callsFor(incident, sysId).stream().filter(call -> call.method().equals("PATCH")).findFirst().orElseThrow();
        assertThat(json(patch.body()).fieldNames()).toIterable().containsExactlyInAnyOrder("state", "work_notes");
        assertThat(json(patch.body()).path("work_notes").asText()).contains("status NEW → IN_PROGRESS");
        // the instance's webhook of that write is an echo the inbound side drops: the broker hears the new state from the sync
        assertThat(kafka.readUntil(Topics.SIGNALS, r -> ("servicenow:" + sysId).equals(r.key())
                && r.value() != null && r.value().contains("\"providerStatus\":\"2\"")
                && "/siam-hub/provider-adapters/outbound".equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)),
                Duration.ofSeconds(20))).isNotEmpty();

        publish(incident, 3, "RESOLVED", "P1");
        await().atMost(Duration.ofSeconds(15)).until(() -> "6".equals(snow.record(sysId).path("state").asText()));
        JsonNode resolved = snow.record(sysId);
        assertThat(resolved.path("close_code").asText()).isEqualTo("Solved (Permanently)");
        assertThat(resolved.path("close_notes").asText()).contains("INC0000042");
        assertThat(resolved.path("active").asText()).isEqualTo("false");
        assertThat(recordsOf(incident)).hasSize(1);
        assertThat(callsFor(incident, sysId)).filteredOn(call -> call.method().equals("POST")).hasSize(1);
        assertThat(snow.workNotes(sysId)).hasSize(3);
    }

    @Test
    void anIncidentOutsideTheRuleIsNotSynced() throws Exception {
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "P3");
        String other = UUID.randomUUID().toString();
        publish(other, 1, "NEW", "P2");
        awaitRecord(other);
        Thread.sleep(500);
        assertThat(recordsOf(incident)).isEmpty();
    }

    @Test
    void aRetriedCreateFindsTheTicketByCorrelationIdInsteadOfMakingASecond() {
        // the instance commits the insert, then the answer is lost (a 502 from a proxy, a timeout)
        snow.failNext(ServiceNowDouble.Forced.PASS, new ServiceNowDouble.Forced(502, Map.of(), "<html>Bad Gateway</html>", true));
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "P2");
        JsonNode record = awaitRecord(incident);
        String sysId = record.path("sys_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> linked(incident));
        List<ServiceNowDouble.Call> calls = callsFor(incident, sysId);
        assertThat(calls).extracting(ServiceNowDouble.Call::method).containsExactly("GET", "POST", "GET", "PATCH");
        assertThat(recordsOf(incident)).hasSize(1);
        assertThat(snow.record(sysId).path("priority").asText()).isEqualTo("2");
    }

    @Test
    void aTicketAPersonLinkedIsAdoptedByItsNumberAndNoSecondIsCreated() throws Exception {
        // a record a person made in the instance (no correlation_id), then linked to the incident in the hub
        java.net.http.HttpResponse<String> made = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(snow.url() + "/api/now/table/incident"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TicketSystems.SNOW_USER + ":" + TicketSystems.SNOW_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"short_description\":\"opened by a person\",\"state\":\"2\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode record = json(made.body()).path("result");
        String sysId = record.path("sys_id").asText();
        String number = record.path("number").asText();

        String incident = UUID.randomUUID().toString();
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident.updated.v1", """
                {"kind": "UPDATED", "incident": {"id": "%s", "number": "INC0000043", "title": "Disk full on payments-db",
                 "status": "IN_PROGRESS", "impact": "HIGH", "urgency": "HIGH", "priority": "P1", "owner": "aws",
                 "signals": {"count": 0, "fingerprints": []},
                 "externalTickets": [{"system": "servicenow", "key": "%s", "status": "2"}], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": 2},
                 "changes": [{"field": "externalTickets", "from": null, "to": "servicenow:%s"}],
                 "actor": {"type": "USER", "id": "alice"}, "occurredAt": "2026-11-30T10:00:00Z"}""".formatted(incident, number, number));

        await().atMost(Duration.ofSeconds(20)).until(() -> linked(incident));
        assertThat(snow.calls()).filteredOn(call -> ("number=" + number).equals(call.query().get("sysparm_query"))).hasSize(1);
        assertThat(recordsOf(incident)).as("no second record made for the incident").isEmpty();
        assertThat(snow.calls()).filteredOn(call -> call.method().equals("POST") && call.body().contains(incident)).isEmpty();
        assertThat(snow.record(sysId).path("priority").asText()).as("kept in step like one the hub made").isEqualTo("1");
    }

    @Test
    void aRateLimitHoldsTheTargetBackUntilRetryAfter() {
        snow.failNext(ServiceNowDouble.rateLimited(2));
        String incident = UUID.randomUUID().toString();
        long published = System.nanoTime();
        publish(incident, 1, "NEW", "P1");
        awaitRecord(incident);
        List<ServiceNowDouble.Call> calls = callsFor(incident, null);
        assertThat(calls).extracting(ServiceNowDouble.Call::method).containsExactly("GET", "GET", "POST");
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isGreaterThan(Duration.ofMillis(1900));
        Row row = pool.preparedQuery("select paused_until from subscription where id = $1").execute(Tuple.of(ServiceNowSender.SUBSCRIPTION))
                .await().indefinitely().iterator().next();
        assertThat(row.getOffsetDateTime("paused_until")).isNotNull();
        assertThat(counter("retried")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRefusalIsDeadLetteredWithServiceNowsMessageAndNoCredentials() {
        snow.failNext(new ServiceNowDouble.Forced(403, Map.of(),
                ServiceNowDouble.error("Operation Failed", "ACL Exception Insert Failed due to security constraints"), false));
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "P1");
        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(incident) != null && "DEAD".equals(delivery(incident).getString("status")));
        Row dead = delivery(incident);
        assertThat(dead.getInteger("last_status")).isEqualTo(403);
        assertThat(dead.getString("last_error")).contains("ACL Exception Insert Failed").doesNotContain(TicketSystems.SNOW_PASSWORD);
        assertThat(dead.getString("body")).doesNotContain(TicketSystems.SNOW_PASSWORD);
        assertThat(recordsOf(incident)).isEmpty();
    }

    @Test
    void theInstancesWebhookOfTheHubsOwnWriteIsAnEchoAndAPersonsChangeIsNot() {
        String incident = UUID.randomUUID().toString();
        // the business rule sends the insert back (sys_updated_by = the integration user): accepted, and ignored as an echo
        String sysId = createdAndEchoed(incident);

        // a person resolves it in ServiceNow: that is a change, a TICKET signal naming the incident through correlation_id
        snow.update(sysId, Map.of("state", "6", "close_code", "Solved (Permanently)", "close_notes", "disk cleaned"), "itil.agent");
        ConsumerRecord<String, String> signal = awaitSignal("servicenow:" + sysId, "/siam-hub/provider-adapters");
        JsonNode resolved = json(signal.value());
        assertThat(resolved.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.path("labels").path("siamIncident").asText()).isEqualTo(incident);
        List<ConsumerRecord<String, String>> all = kafka.readUntil(Topics.SIGNALS, r -> r.offset() == signal.offset()
                && r.partition() == signal.partition(), Duration.ofSeconds(10));
        // no signal of the normalizer for this ticket but the person's change
        assertThat(all).filteredOn(r -> ("servicenow:" + sysId).equals(r.key())
                && "/siam-hub/provider-adapters".equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE))).hasSize(1);
    }

    @Test
    void aCommentInTheHubBecomesAWorkNoteNamingWhoAndDoesNotComeBackWhileAPersonsCommentIsANote() {
        String incident = UUID.randomUUID().toString();
        String sysId = createdAndEchoed(incident);
        await().atMost(Duration.ofSeconds(15)).until(() -> linked(incident));
        double echoes = echoes();

        comment(incident, 2, "bob", "Restarted the payments pods;\nerror rate back to 0.1 %");
        await().atMost(Duration.ofSeconds(15)).until(() -> snow.workNotes(sysId).size() == 2);
        assertThat(snow.workNotes(sysId).get(1)).isEqualTo(
                "bob commented on siam-hub incident INC0000042:\nRestarted the payments pods;\nerror rate back to 0.1 %");
        ServiceNowDouble.Call patch = callsFor(incident, sysId).stream().filter(call -> call.method().equals("PATCH")).findFirst().orElseThrow();
        assertThat(json(patch.body()).fieldNames()).toIterable().as("only the journal entry: no field changed").containsExactly("work_notes");
        // the instance's webhook of that write (sys_updated_by = the integration user, work_notes entered) is an echo
        await().atMost(Duration.ofSeconds(15)).until(() -> echoes() > echoes);

        // a person's additional comment in ServiceNow is a NOTE for the ticket (after its TICKET signal)
        snow.update(sysId, Map.of("comments", "Customer confirms refunds work again."), "itil.agent");
        List<ConsumerRecord<String, String>> read = kafka.readUntil(Topics.SIGNALS, r -> ("servicenow:" + sysId).equals(r.key())
                && r.value() != null && r.value().contains("\"NOTE\"")
                && "/siam-hub/provider-adapters".equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)), Duration.ofSeconds(20));
        JsonNode note = json(read.get(read.size() - 1).value());
        assertThat(note.path("title").asText()).isEqualTo("comment added");
        assertThat(note.path("description").asText()).isEqualTo("Customer confirms refunds work again.");
        assertThat(note.path("author").asText()).isEqualTo("itil.agent");
        assertThat(read).as("the hub's own comment never came back as a note").filteredOn(r -> ("servicenow:" + sysId).equals(r.key())
                && r.value() != null && r.value().contains("payments pods")).isEmpty();
    }

    // ---- helpers

    /** A person's comment on the incident in the hub: the broker's event for it ({@code comment} carries the text). */
    private void comment(String incident, int version, String user, String text) {
        String json = """
                {"kind": "UPDATED", "incident": {"id": "%s", "number": "INC0000042", "title": "Disk full on payments-db",
                 "status": "NEW", "impact": "HIGH", "urgency": "HIGH", "priority": "P1",
                 "service": "payments", "configurationItem": "payments-db", "owner": "aws",
                 "signals": {"count": 1, "fingerprints": ["aws:arn:x"]}, "externalTickets": [], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": %d},
                 "changes": [], "actor": {"type": "USER", "id": "%s"}, "reason": %s, "comment": %s,
                 "occurredAt": "2026-11-30T10:05:00Z"}""".formatted(incident, version, user, quoted(text), quoted(text));
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident.updated.v1", json);
    }

    private static String quoted(String text) {
        try {
            return SiamJson.mapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void publish(String incident, int version, String status, String priority) {
        String kind = version == 1 ? "OPENED" : status.equals("RESOLVED") ? "RESOLVED" : "UPDATED";
        String changes = version == 1 ? "[]" : """
                [{"field": "status", "from": "%s", "to": "%s"}]""".formatted(version == 2 ? "NEW" : "IN_PROGRESS", status);
        String json = """
                {"kind": "%s", "incident": {"id": "%s", "number": "INC0000042", "title": "Disk full on payments-db",
                 "description": "95%% used", "status": "%s", "impact": "HIGH", "urgency": "%s", "priority": "%s",
                 "service": "payments", "configurationItem": "payments-db", "owner": "aws",
                 "signals": {"count": 1, "fingerprints": ["aws:arn:x"]}, "externalTickets": [], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": %d},
                 "changes": %s, "actor": {"type": "USER", "id": "alice"}, "reason": "test", "occurredAt": "2026-11-30T10:00:00Z"}"""
                .formatted(kind, incident, status, priority.equals("P1") ? "HIGH" : priority.equals("P2") ? "MEDIUM" : "LOW", priority,
                        version, changes);
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident." + kind.toLowerCase() + ".v1", json);
    }

    private JsonNode awaitRecord(String incident) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !recordsOf(incident).isEmpty());
        return recordsOf(incident).get(0);
    }

    private List<JsonNode> recordsOf(String incident) {
        return snow.records().stream().filter(record -> incident.equals(record.path("correlation_id").asText())).toList();
    }

    /** The calls about this incident: its correlation query, the create carrying its id, the updates of its record. */
    private List<ServiceNowDouble.Call> callsFor(String incident, String sysId) {
        return snow.calls().stream().filter(call -> call.body().contains(incident)
                || ("correlation_id=" + incident).equals(call.query().get("sysparm_query"))
                || sysId != null && call.path().endsWith("/" + sysId)).toList();
    }

    private boolean linked(String incident) {
        var rows = pool.preparedQuery("select linked from sync_ticket where target = 'servicenow' and incident_id = $1")
                .execute(Tuple.of(incident)).await().indefinitely();
        return rows.iterator().hasNext() && rows.iterator().next().getBoolean("linked");
    }

    /** The incident's delivery to ServiceNow, or null before it is queued. */
    private Row delivery(String incident) {
        var rows = pool.preparedQuery("select status, last_status, last_error, body from outbound_delivery where subscription_id = $1"
                + " and ordering_key = $2").execute(Tuple.of(ServiceNowSender.SUBSCRIPTION, incident)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    private ConsumerRecord<String, String> awaitSignal(String key, String source) {
        List<ConsumerRecord<String, String>> read = kafka.readUntil(Topics.SIGNALS, r -> key.equals(r.key())
                && source.equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)), Duration.ofSeconds(20));
        return read.get(read.size() - 1);
    }

    /** Publishes a new P1 incident; answers its record's sys_id once the instance's webhook of the insert was dropped as an echo. */
    private String createdAndEchoed(String incident) {
        double before = echoes();
        publish(incident, 1, "NEW", "P1");
        String sysId = awaitRecord(incident).path("sys_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> echoes() > before);
        return sysId;
    }

    /** The inbound webhooks of ServiceNow dropped as echoes of the hub's own writes. */
    private double echoes() {
        return registry.counter("siam_adapters_ignored_total", "provider", "servicenow", "reason", "echo").count();
    }

    private double counter(String outcome) {
        return registry.counter("siam_outbound_deliveries_total", "target", "servicenow", "outcome", outcome).count();
    }

    private static JsonNode json(String text) {
        try {
            return SiamJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
