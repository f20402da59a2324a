package io.siamhub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.core.SyncRule;
import io.siamhub.model.SiamJson;

/** The sync rule as a table: priority or owner, or a ticket of the target already; incident events only. */
class SyncRuleTest {

    private static final String OPENED = "io.siamhub.incident.opened.v1";

    @Test
    void aPriorityOrAnOwnerOfTheRuleIsSynced() {
        Subscription rule = rule(List.of("P1", "P2"), List.of("snow-desk"));
        assertThat(SyncRule.matches(rule, OPENED, event("P1", "aws", "[]"))).isTrue();
        assertThat(SyncRule.matches(rule, OPENED, event("p2", "aws", "[]"))).as("case-insensitive").isTrue();
        assertThat(SyncRule.matches(rule, OPENED, event("P4", "snow-desk", "[]"))).isTrue();
        assertThat(SyncRule.matches(rule, OPENED, event("P3", "aws", "[]"))).isFalse();
    }

    @Test
    void anIncidentWithATicketOfTheTargetStaysSyncedWhenItsPriorityFalls() {
        Subscription rule = rule(List.of("P1"), List.of());
        assertThat(SyncRule.matches(rule, "io.siamhub.incident.updated.v1",
                event("P4", "aws", "[{\"system\": \"servicenow\", \"key\": \"INC0010001\"}]"))).isTrue();
        assertThat(SyncRule.matches(rule, "io.siamhub.incident.updated.v1",
                event("P4", "aws", "[{\"system\": \"jira\", \"key\": \"OPS-1\"}]"))).as("another system's ticket").isFalse();
    }

    @Test
    void noneSyncsByOwnerOnlyAndAnEmptyRuleSyncsEveryIncident() {
        assertThat(SyncRule.matches(rule(List.of("none"), List.of("snow-desk")), OPENED, event("P1", "aws", "[]"))).isFalse();
        assertThat(SyncRule.matches(rule(List.of("none"), List.of("snow-desk")), OPENED, event("P5", "snow-desk", "[]"))).isTrue();
        assertThat(SyncRule.matches(rule(List.of(), List.of()), OPENED, event("P5", "aws", "[]"))).isTrue();
    }

    @Test
    void slaAndChangeEventsAreNeverSynced() {
        Subscription rule = rule(List.of(), List.of());
        assertThat(SyncRule.matches(rule, "io.siamhub.sla.breached.v1", event("P1", "aws", "[]"))).isFalse();
        assertThat(SyncRule.matches(rule, "io.siamhub.change.updated.v1", event("P1", "aws", "[]"))).isFalse();
    }

    private static Subscription rule(List<String> priorities, List<String> owners) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        return new Subscription(UUID.randomUUID(), "https://acme.service-now.com", List.of("io.siamhub.incident.*"),
                new Subscription.Filters(priorities, List.of(), owners, List.of()), Subscription.Format.cloudevents, List.of(), true, null,
                now, now, "servicenow");
    }

    private static JsonNode event(String priority, String owner, String tickets) {
        try {
            return SiamJson.mapper().readTree("""
                    {"kind": "UPDATED", "incident": {"id": "i-1", "priority": "%s", "owner": "%s", "externalTickets": %s}}"""
                    .formatted(priority, owner, tickets));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
