package io.siamhub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.adapters.SnsTestAuthority;
import io.siamhub.adapters.outbound.jira.JiraSender;
import io.siamhub.adapters.outbound.servicenow.ServiceNowSender;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.testing.DrivenClock;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.ApiDouble;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.localstack.ServiceNowDouble;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The two-way sync with OAuth 2.0 client credentials instead of basic ones, against loopback ServiceNow and Jira that
 * serve the client-credentials grant ({@link OAuthTicketSystems}): calls carry {@code Authorization: Bearer} with a
 * token fetched once and kept; it is fetched again shortly before its {@code expires_in} runs out (on the driven
 * clock) and once after the target refuses it (401); a client the token endpoint refuses dead-letters the delivery
 * with the endpoint's reason and the keys to check, never with the secret.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
@QuarkusTestResource(value = OAuthTicketSystems.class, restrictToAnnotatedClass = true)
class SyncOAuthTest {

    @Inject
    Pool pool;

    @Inject
    DrivenClock clock;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @AfterEach
    void restore() {
        clock.reset();
        OAuthTicketSystems.serviceNow().oauth("/oauth_token.do", OAuthTicketSystems.SNOW_CLIENT, OAuthTicketSystems.SNOW_SECRET,
                OAuthTicketSystems.LIFETIME);
    }

    @Test
    void serviceNowTicketsAreCreatedAndUpdatedWithABearerTokenFetchedOnce() {
        ServiceNowDouble snow = OAuthTicketSystems.serviceNow();
        String incident = UUID.randomUUID().toString();
        publishSnow(incident, 1, "NEW");
        String sysId = awaitRecord(incident).path("sys_id").asText();
        int issued = snow.tokensIssued();
        publishSnow(incident, 2, "IN_PROGRESS");
        await().atMost(Duration.ofSeconds(15)).until(() -> "2".equals(snow.record(sysId).path("state").asText()));
        List<ApiDouble.Call> calls = snowCalls(incident, sysId);
        assertThat(calls).extracting(ApiDouble.Call::method).containsExactly("GET", "POST", "PATCH");
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).startsWith("Bearer "));
        assertThat(calls).extracting(ApiDouble.Call::authorization).as("the same token, kept").containsOnly(calls.get(0).authorization());
        assertThat(snow.tokensIssued()).as("no second token for the update").isEqualTo(issued);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(ServiceNowSender.SUBSCRIPTION, incident, 2)));
    }

    @Test
    void jiraIssuesAreCreatedWithATokenOfAtlassiansClientCredentialsGrantAndLinkToTheSite() {
        ApiDouble jira = OAuthTicketSystems.jira();
        String incident = UUID.randomUUID().toString();
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident.opened.v1", """
                {"kind": "OPENED", "incident": {"id": "%s", "number": "INC0000078", "title": "Queue backlog on orders",
                 "status": "NEW", "impact": "MEDIUM", "urgency": "MEDIUM", "priority": "P3", "service": "orders", "owner": "jira-desk",
                 "signals": {"count": 1, "fingerprints": ["datadog:1"]}, "externalTickets": [], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": 1},
                 "changes": [], "actor": {"type": "USER", "id": "bob"}, "occurredAt": "2026-11-30T10:00:00Z"}""".formatted(incident));
        await().atMost(Duration.ofSeconds(20)).until(() -> jira.calls().stream().anyMatch(call -> call.method().equals("POST")
                && call.body().contains("siam-" + incident)));
        List<ApiDouble.Call> calls = jira.calls().stream().filter(call -> call.body().contains(incident)
                || call.query().getOrDefault("jql", "").contains(incident)).toList();
        assertThat(calls).extracting(call -> call.method() + " " + call.path()).containsExactly("GET /rest/api/3/search/jql",
                "POST /rest/api/3/issue");
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).startsWith("Bearer "));
        assertThat(jira.tokensIssued()).isGreaterThanOrEqualTo(1);
        List<ConsumerRecord<String, String>> links = kafka.readUntil(Topics.SIGNALS, r -> r.value() != null && r.value().contains(incident)
                && "/siam-hub/provider-adapters/outbound".equals(CloudEventHeaders.get(r.headers(), CloudEventHeaders.SOURCE)),
                Duration.ofSeconds(20));
        JsonNode link = json(links.get(links.size() - 1).value());
        assertThat(link.path("link").asText()).as("people browse the site, not the API gateway")
                .startsWith("https://acme.atlassian.net/browse/OPS-");
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(JiraSender.SUBSCRIPTION, incident, 1)));
    }

    @Test
    void aTokenAboutToLapseIsFetchedAgainBeforeTheCallOnTheDrivenClock() {
        ServiceNowDouble snow = OAuthTicketSystems.serviceNow();
        String warm = UUID.randomUUID().toString();
        publishSnow(warm, 1, "NEW");
        awaitRecord(warm);
        int issued = snow.tokensIssued();
        // 59:30 later the token has 30 s left, less than refresh-before (60 s): the next delivery starts with a new one
        clock.advance(OAuthTicketSystems.LIFETIME.minusSeconds(30));
        String incident = UUID.randomUUID().toString();
        publishSnow(incident, 1, "NEW");
        String sysId = awaitRecord(incident).path("sys_id").asText();
        assertThat(snow.tokensIssued()).isEqualTo(issued + 1);
        List<ApiDouble.Call> calls = snowCalls(incident, sysId);
        assertThat(calls).extracting(ApiDouble.Call::method).as("no call was refused first").containsExactly("GET", "POST");
        assertThat(calls.get(0).authorization()).isNotEqualTo(snowCalls(warm, null).get(0).authorization());
    }

    @Test
    void aTokenTheTargetRefusesIsFetchedAgainOnceAndTheDeliveryGoesThrough() {
        ServiceNowDouble snow = OAuthTicketSystems.serviceNow();
        String warm = UUID.randomUUID().toString();
        publishSnow(warm, 1, "NEW");
        awaitRecord(warm);
        int issued = snow.tokensIssued();
        snow.expireTokens(); // revoked, or its clock ahead of ours: the kept token is refused with 401
        String incident = UUID.randomUUID().toString();
        publishSnow(incident, 1, "NEW");
        String sysId = awaitRecord(incident).path("sys_id").asText();
        List<ApiDouble.Call> calls = snowCalls(incident, sysId);
        assertThat(calls).extracting(ApiDouble.Call::method).containsExactly("GET", "GET", "POST");
        assertThat(calls.get(0).authorization()).as("refused, then a fresh token").isNotEqualTo(calls.get(1).authorization());
        assertThat(snow.tokensIssued()).isEqualTo(issued + 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(ServiceNowSender.SUBSCRIPTION, incident, 1)));
        assertThat(recordsOf(incident)).hasSize(1);
    }

    @Test
    void aClientSecretTheTokenEndpointRefusesDeadLettersTheDeliveryWithTheReasonAndNoSecret() {
        ServiceNowDouble snow = OAuthTicketSystems.serviceNow();
        // the instance's OAuth entity got a new secret the hub does not have; the kept token is gone too
        snow.oauth("/oauth_token.do", OAuthTicketSystems.SNOW_CLIENT, "rotated-in-servicenow", OAuthTicketSystems.LIFETIME);
        snow.expireTokens();
        String incident = UUID.randomUUID().toString();
        publishSnow(incident, 1, "NEW");
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(status(ServiceNowSender.SUBSCRIPTION, incident, 1)));
        Row dead = delivery(ServiceNowSender.SUBSCRIPTION, incident, 1);
        assertThat(dead.getString("last_error")).contains("OAuth token endpoint " + snow.url() + "/oauth_token.do refused the client")
                .contains("server_error (access_denied)").contains("siam.adapters.outbound.servicenow.oauth.client-secret")
                .doesNotContain(OAuthTicketSystems.SNOW_SECRET);
        assertThat(dead.getString("body")).doesNotContain(OAuthTicketSystems.SNOW_SECRET);
        assertThat(recordsOf(incident)).isEmpty();
    }

    // ---- helpers

    private void publishSnow(String incident, int version, String status) {
        String kind = version == 1 ? "OPENED" : "UPDATED";
        String changes = version == 1 ? "[]" : "[{\"field\": \"status\", \"from\": \"NEW\", \"to\": \"" + status + "\"}]";
        kafka.sendEvent(Topics.INCIDENTS, incident, "io.siamhub.incident." + kind.toLowerCase() + ".v1", """
                {"kind": "%s", "incident": {"id": "%s", "number": "INC0000044", "title": "Disk full on payments-db",
                 "status": "%s", "impact": "HIGH", "urgency": "HIGH", "priority": "P1", "service": "payments", "owner": "aws",
                 "signals": {"count": 1, "fingerprints": ["aws:arn:x"]}, "externalTickets": [], "relatedChanges": [],
                 "maintenance": false, "pagingHeld": false, "providerResolved": false, "unmapped": false,
                 "createdAt": "2026-11-30T10:00:00Z", "version": %d},
                 "changes": %s, "actor": {"type": "USER", "id": "alice"}, "occurredAt": "2026-11-30T10:00:00Z"}"""
                .formatted(kind, incident, status, version, changes));
    }

    private JsonNode awaitRecord(String incident) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !recordsOf(incident).isEmpty());
        return recordsOf(incident).get(0);
    }

    private List<JsonNode> recordsOf(String incident) {
        return OAuthTicketSystems.serviceNow().records().stream().filter(record -> incident.equals(record.path("correlation_id").asText()))
                .toList();
    }

    private List<ApiDouble.Call> snowCalls(String incident, String sysId) {
        return OAuthTicketSystems.serviceNow().calls().stream().filter(call -> call.body().contains(incident)
                || ("correlation_id=" + incident).equals(call.query().get("sysparm_query"))
                || sysId != null && call.path().endsWith("/" + sysId)).toList();
    }

    private String status(UUID subscription, String incident, long version) {
        Row row = delivery(subscription, incident, version);
        return row == null ? null : row.getString("status");
    }

    /** The delivery of the incident's event of that version to the target, or null before it is queued. */
    private Row delivery(UUID subscription, String incident, long version) {
        var rows = pool.preparedQuery("select status, last_status, last_error, body from outbound_delivery where subscription_id = $1"
                + " and ordering_key = $2 order by created_at").execute(Tuple.of(subscription, incident)).await().indefinitely();
        Row found = null;
        long seen = 0;
        for (Row row : rows) {
            if (++seen == version) {
                found = row;
            }
        }
        return found;
    }

    private static JsonNode json(String text) {
        try {
            return SiamJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
