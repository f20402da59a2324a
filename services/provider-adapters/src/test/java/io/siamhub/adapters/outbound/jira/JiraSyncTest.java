package io.siamhub.adapters.outbound.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
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
import io.siamhub.localstack.ApiDouble;
import io.siamhub.localstack.JiraDouble;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The Jira half of the two-way sync against a loopback site that answers as REST v3 does
 * ({@link JiraDouble}): an incident becomes one issue (ADF description, label {@code siam-<id>}, mapped
 * priority and assignee), recorded locally because Jira's search lags behind its creates; its status
 * follows through the transitions API, with a comment per change; a create whose answer was lost is
 * found by its label and adopted, not made again; the site's webhook of the hub's own write is an
 * echo, while a person's transition is a TICKET signal naming the incident.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
@QuarkusTestResource(value = TicketSystems.class, restrictToAnnotatedClass = true)
class JiraSyncTest {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private JiraDouble jira;

    @BeforeEach
    void site() {
        jira = TicketSystems.jira();
        jira.webhook("http://127.0.0.1:" + RestAssured.port + "/webhooks/jira", "jira-secret");
    }

    @AfterEach
    void noLag() {
        jira.searchLag(Duration.ZERO);
    }

    @Test
    void anIncidentBecomesOneIssueWhoseStatusFollowsThroughTransitions() {
        jira.searchLag(Duration.ofHours(1)); // the index never catches up in this test: the local record carries it
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "OPENED", "[]");
        JsonNode issue = awaitIssue(incident);
        JsonNode fields = issue.path("fields");
        assertThat(fields.path("summary").asText()).isEqualTo("INC0000077 Queue backlog on orders");
        assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
        assertThat(fields.path("description").toString()).contains("siam-hub incident INC0000077");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Medium");
        assertThat(fields.path("assignee").path("accountId").asText()).isEqualTo("712020:jira-desk-lead");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("customfield_10010").path("value").asText()).as("a JSON create field").isEqualTo("Sev 2");
        assertThat(fields.path("customfield_10020").asText()).as("a text create field").isEqualTo("siam-hub");
        String id = issue.path("id").asText();
        ConsumerRecord<String, String> link = awaitSignal("jira:" + id, "/siam-hub/provider-adapters/outbound");
        assertThat(json(link.value()).path("labels").path("siamIncident").asText()).isEqualTo(incident);
        assertThat(json(link.value()).path("labels").path("ticketKey").asText()).isEqualTo(issue.path("key").asText());
        await().atMost(Duration.ofSeconds(15)).until(() -> linked(incident));

        publish(incident, 2, "IN_PROGRESS", "UPDATED", "[{\"field\": \"status\", \"from\": \"NEW\", \"to\": \"IN_PROGRESS\"}]");
        await().atMost(Duration.ofSeconds(15)).until(() -> "In Progress".equals(status(id)));
        publish(incident, 3, "RESOLVED", "RESOLVED", "[{\"field\": \"status\", \"from\": \"IN_PROGRESS\", \"to\": \"RESOLVED\"}]");
        await().atMost(Duration.ofSeconds(15)).until(() -> "Done".equals(status(id)));

        assertThat(issuesOf(incident)).hasSize(1);
        List<ApiDouble.Call> calls = callsFor(incident, id);
        assertThat(calls).extracting(call -> call.method() + " " + call.path().replace(id, "{id}")).containsExactly(
                "GET /rest/api/3/search/jql", "POST /rest/api/3/issue",
                "GET /rest/api/3/issue/{id}/transitions", "POST /rest/api/3/issue/{id}/transitions", "POST /rest/api/3/issue/{id}/comment",
                "GET /rest/api/3/issue/{id}/transitions", "POST /rest/api/3/issue/{id}/transitions", "POST /rest/api/3/issue/{id}/comment");
        assertThat(jira.comments(id)).hasSize(2);
        assertThat(jira.comments(id).get(1).toString()).contains("status IN_PROGRESS → RESOLVED");
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).startsWith("Basic "));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByItsLabelNotMadeAgain() {
        jira.failNext(ApiDouble.Forced.PASS, new ApiDouble.Forced(504, Map.of(), "<html>Gateway Timeout</html>", true));
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "IN_PROGRESS", "OPENED", "[]");
        JsonNode issue = awaitIssue(incident);
        String id = issue.path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> linked(incident));
        assertThat(issuesOf(incident)).hasSize(1);
        assertThat(callsFor(incident, id)).extracting(call -> call.method() + " " + call.path().replace(id, "{id}")).startsWith(
                "GET /rest/api/3/search/jql", "POST /rest/api/3/issue", "GET /rest/api/3/search/jql");
        // adopted in the status it was in (To Do), then moved to the incident's
        await().atMost(Duration.ofSeconds(10)).until(() -> "In Progress".equals(status(id)));
    }

    @Test
    void theSitesWebhookOfTheHubsOwnWriteIsAnEchoAndAPersonsTransitionIsNot() {
        double echoes = echoes();
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "OPENED", "[]");
        String id = awaitIssue(incident).path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> echoes() > echoes);

        jira.transition(id, "Done", "557058:a-person");
        ConsumerRecord<String, String> signal = awaitSignal("jira:" + id, "/siam-hub/provider-adapters");
        JsonNode done = json(signal.value());
        assertThat(done.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(done.path("labels").path("siamIncident").asText()).isEqualTo(incident);
    }

    @Test
    void aStatusThePersonAlreadySetIsNotTransitionedAgainAndAnUnreachableOneIsDeadLettered() {
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "IN_PROGRESS", "OPENED", "[]");
        String id = awaitIssue(incident).path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "In Progress".equals(status(id)) && linked(incident));

        // a person resolved it in Jira; then the hub resolves the incident: the issue is Done already, nothing to move
        jira.transition(id, "Done", "557058:a-person");
        publish(incident, 2, "RESOLVED", "RESOLVED", "[{\"field\": \"status\", \"from\": \"IN_PROGRESS\", \"to\": \"RESOLVED\"}]");
        await().atMost(Duration.ofSeconds(15)).until(() -> count(incident, "DELIVERED") == 2);
        assertThat(jira.calls()).filteredOn(call -> call.method().equals("POST") && call.path().endsWith("/issue/" + id + "/transitions"))
                .hasSize(1); // the one to In Progress at creation

        // a workflow without the mapped status: dead-lettered, naming what there is
        jira.failNext(new ApiDouble.Forced(200, Map.of(), "{\"transitions\": []}", false),
                new ApiDouble.Forced(200, Map.of(), "{\"fields\": {\"status\": {\"name\": \"Done\"}}}", false));
        publish(incident, 3, "IN_PROGRESS", "REOPENED", "[{\"field\": \"status\", \"from\": \"RESOLVED\", \"to\": \"IN_PROGRESS\"}]");
        await().atMost(Duration.ofSeconds(15)).until(() -> count(incident, "DEAD") == 1);
        String error = pool.preparedQuery("select last_error from outbound_delivery where subscription_id = $1 and ordering_key = $2"
                + " and status = 'DEAD'").execute(Tuple.of(JiraSender.SUBSCRIPTION, incident)).await().indefinitely().iterator().next()
                .getString(0);
        assertThat(error).contains("no transition to status 'In Progress'").contains("siam.adapters.outbound.jira.statuses")
                .doesNotContain(TicketSystems.JIRA_TOKEN);
    }

    @Test
    void aCommentInTheHubBecomesAnIssueCommentNamingWhoAndItsWebhookIsAnEchoWhileAPersonsCommentIsANote() throws Exception {
        String incident = UUID.randomUUID().toString();
        publish(incident, 1, "NEW", "OPENED", "[]");
        String id = awaitIssue(incident).path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> linked(incident));
        double echoes = echoes();

        String json = """
                {"kind": "UPDATED", "incident": {"id": "%s", "number": "INC0000077", "title": "Queue backlog on orders",
                 "status": "NEW", "impact": "MEDIUM", "urgency": "MEDIUM", "priority": "P3", "service": "orders", "owner": "jira-desk",
                 "signals": {"count": 1, "fingerprints": ["datadog:1"]}, "externalTickets": [], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": 2}, "changes": [], "actor": {"type": "USER", "id": "carol"},
                 "reason": "Consumer lag falls after the scale-out.\\n\\nWatching for 30 min.",
                 "comment": "Consumer lag falls after the scale-out.\\n\\nWatching for 30 min.", "occurredAt": "2026-11-30T10:05:00Z"}"""
                .formatted(incident);
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident.updated.v1", json);
        await().atMost(Duration.ofSeconds(15)).until(() -> jira.comments(id).size() == 1);
        JsonNode body = jira.comments(id).get(0);
        assertThat(body.path("type").asText()).isEqualTo("doc");
        assertThat(body.path("content")).hasSize(3);
        assertThat(body.path("content").get(0).toString()).contains("carol commented on siam-hub incident INC0000077:");
        assertThat(body.path("content").get(1).toString()).contains("Consumer lag falls after the scale-out.");
        assertThat(body.path("content").get(2).toString()).contains("Watching for 30 min.");
        assertThat(callsFor(incident, id)).extracting(call -> call.method() + " " + call.path().replace(id, "{id}"))
                .as("no field edit, no transition: the comment only").endsWith("POST /rest/api/3/issue", "POST /rest/api/3/issue/{id}/comment");
        // Jira's comment_created of it names the integration account as the author (no user): an echo, no NOTE
        await().atMost(Duration.ofSeconds(15)).until(() -> echoes() > echoes);

        jira.comment(id, SiamJson.mapper().readTree("""
                {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Lag is back to 0."}]}]}"""),
                "557058:a-person");
        List<ConsumerRecord<String, String>> read = kafka.readUntil(Topics.SIGNALS, r -> ("jira:" + id).equals(r.key())
                && r.value() != null && r.value().contains("\"NOTE\"")
                && "/siam-hub/provider-adapters".equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)), Duration.ofSeconds(20));
        JsonNode note = json(read.get(read.size() - 1).value());
        assertThat(note.path("description").asText()).isEqualTo("Lag is back to 0.");
        assertThat(note.path("author").asText()).isEqualTo("557058:a-person");
        assertThat(read).as("the hub's own comment never came back as a note").filteredOn(r -> ("jira:" + id).equals(r.key())
                && r.value() != null && r.value().contains("scale-out")).isEmpty();
    }

    // ---- helpers

    private void publish(String incident, int version, String status, String kind, String changes) {
        String json = """
                {"kind": "%s", "incident": {"id": "%s", "number": "INC0000077", "title": "Queue backlog on orders",
                 "description": "lag 12 min", "status": "%s", "impact": "MEDIUM", "urgency": "MEDIUM", "priority": "P3",
                 "service": "orders", "owner": "jira-desk", "signals": {"count": 1, "fingerprints": ["datadog:1"]},
                 "externalTickets": [], "relatedChanges": [], "maintenance": false, "pagingHeld": false,
                 "providerResolved": false, "unmapped": false, "createdAt": "2026-11-30T10:00:00Z", "version": %d},
                 "changes": %s, "actor": {"type": "USER", "id": "bob"}, "reason": "test", "occurredAt": "2026-11-30T10:00:00Z"}"""
                .formatted(kind, incident, status, version, changes);
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident." + kind.toLowerCase() + ".v1", json);
    }

    private JsonNode awaitIssue(String incident) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !issuesOf(incident).isEmpty());
        return issuesOf(incident).get(0);
    }

    private List<JsonNode> issuesOf(String incident) {
        return jira.issues().stream().filter(issue -> issue.path("fields").path("labels").toString().contains("siam-" + incident)).toList();
    }

    private String status(String id) {
        return jira.issue(id).path("fields").path("status").path("name").asText();
    }

    private List<ApiDouble.Call> callsFor(String incident, String id) {
        return jira.calls().stream().filter(call -> call.body().contains(incident) || call.query().getOrDefault("jql", "").contains(incident)
                || call.path().contains("/issue/" + id + "/") || call.path().endsWith("/issue/" + id)).toList();
    }

    private boolean linked(String incident) {
        var rows = pool.preparedQuery("select linked from sync_ticket where target = 'jira' and incident_id = $1")
                .execute(Tuple.of(incident)).await().indefinitely();
        return rows.iterator().hasNext() && rows.iterator().next().getBoolean("linked");
    }

    private long count(String incident, String status) {
        return pool.preparedQuery("select count(*) from outbound_delivery where subscription_id = $1 and ordering_key = $2 and status = $3")
                .execute(Tuple.of(JiraSender.SUBSCRIPTION, incident, status)).await().indefinitely().iterator().next().getLong(0);
    }

    private double echoes() {
        return registry.counter("siam_adapters_ignored_total", "provider", "jira", "reason", "echo").count();
    }

    private ConsumerRecord<String, String> awaitSignal(String key, String source) {
        List<ConsumerRecord<String, String>> read = kafka.readUntil(Topics.SIGNALS, r -> key.equals(r.key())
                && source.equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)), Duration.ofSeconds(20));
        return read.get(read.size() - 1);
    }

    private static JsonNode json(String text) {
        try {
            return SiamJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
