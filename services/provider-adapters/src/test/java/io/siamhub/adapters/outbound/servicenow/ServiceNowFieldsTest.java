package io.siamhub.adapters.outbound.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.SignalStatus;

/** An incident as a ServiceNow incident record, through the instance-default maps: pure, no Quarkus. */
class ServiceNowFieldsTest {

    private final ServiceNowFields fields = new ServiceNowFields(new Defaults("work_notes", "1"));

    @Test
    void theSyncedFieldsFollowTheInstanceDefaults() {
        assertThat(fields.synced(incident("IN_PROGRESS", "HIGH", "MEDIUM", "P2", "aws"))).containsExactly(Map.entry("state", "2"),
                Map.entry("impact", "1"), Map.entry("urgency", "2"), Map.entry("priority", "2"),
                Map.entry("assignment_group", "Cloud Operations"));
        assertThat(fields.synced(incident("NEW", "LOW", "LOW", "P5", "nobody-mapped"))).doesNotContainKey("assignment_group")
                .containsEntry("state", "1");
    }

    @Test
    void aCreateCarriesTheCorrelationAndAResolutionItsCloseFields() {
        JsonNode resolved = incident("RESOLVED", "HIGH", "HIGH", "P1", "aws");
        Map<String, String> create = fields.create(resolved, fields.synced(resolved));
        assertThat(create).containsEntry("correlation_id", "6c1f0d9e-0000-4000-8000-000000000001")
                .containsEntry("correlation_display", "siam-hub").containsEntry("short_description", "Disk full")
                .containsEntry("state", "6").containsEntry("close_code", "Solved (Permanently)").containsKey("close_notes");
        assertThat(create.get("description")).startsWith("95 % used").contains("siam-hub incident INC0000042");
    }

    @Test
    void anUpdateSendsTheChangedFieldsAndAWorkNoteSayingWhy() throws Exception {
        JsonNode event = SiamJson.mapper().readTree("""
                {"kind": "UPDATED", "incident": %s, "changes": [{"field": "priority", "from": "P2", "to": "P1"}],
                 "actor": {"type": "USER", "id": "alice"}, "reason": "customer impact confirmed"}"""
                .formatted(incident("IN_PROGRESS", "HIGH", "HIGH", "P1", "aws")));
        Map<String, String> update = fields.update(event, Map.of("priority", "1"));
        assertThat(update).containsOnlyKeys("priority", "work_notes");
        assertThat(update.get("work_notes")).isEqualTo("siam-hub INC0000042: updated; priority P2 → P1 (by alice): customer impact confirmed");
    }

    @Test
    void onHoldCarriesTheHoldReasonTheInstanceRequires() throws Exception {
        JsonNode held = event("ON_HOLD", "[{\"field\": \"status\", \"from\": \"IN_PROGRESS\", \"to\": \"ON_HOLD\"}]", null);
        assertThat(fields.update(held, Map.of("state", "3"))).containsEntry("state", "3").containsEntry("hold_reason", "1");
        JsonNode onHold = held.path("incident");
        assertThat(fields.create(onHold, fields.synced(onHold))).containsEntry("state", "3").containsEntry("hold_reason", "1");
        assertThat(new ServiceNowFields(new Defaults("work_notes", "4")).update(held, Map.of("state", "3")))
                .as("a configured code").containsEntry("hold_reason", "4");
        assertThat(new ServiceNowFields(new Defaults("work_notes", "")).update(held, Map.of("state", "3")))
                .as("empty: none sent").doesNotContainKey("hold_reason");
        JsonNode working = event("IN_PROGRESS", "[{\"field\": \"status\", \"from\": \"ON_HOLD\", \"to\": \"IN_PROGRESS\"}]", null);
        assertThat(fields.update(working, Map.of("state", "2"))).doesNotContainKey("hold_reason");
        assertThat(fields.update(held, Map.of("priority", "1"))).as("no state change, no hold reason").doesNotContainKey("hold_reason");
    }

    @Test
    void aCommentInTheHubIsAWorkNoteNamingWhoWroteItOrAnAdditionalCommentWhenConfigured() throws Exception {
        JsonNode commented = event("IN_PROGRESS", "[]", "Restarted the pods;\nerror rate back to 0.1 %");
        assertThat(fields.update(commented, Map.of())).containsExactly(Map.entry("work_notes",
                "bob commented on siam-hub incident INC0000042:\nRestarted the pods;\nerror rate back to 0.1 %"));
        assertThat(new ServiceNowFields(new Defaults("comments", "1")).update(commented, Map.of())).containsOnlyKeys("comments");
        // a provider's note (actor PROVIDER) carries no comment to push
        JsonNode providers = SiamJson.mapper().readTree(commented.toString().replace("\"USER\"", "\"PROVIDER\""));
        assertThat(fields.update(providers, Map.of())).isEmpty();
    }

    @Test
    void stateCodesReadBackAsSignalStatuses() {
        assertThat(ServiceNowFields.status("1")).isEqualTo(SignalStatus.OPEN);
        assertThat(ServiceNowFields.status("6")).isEqualTo(SignalStatus.RESOLVED);
        assertThat(ServiceNowFields.status("7")).isEqualTo(SignalStatus.CLOSED);
        assertThat(ServiceNowFields.status("42")).isEqualTo(SignalStatus.IN_PROGRESS);
    }

    private static JsonNode event(String status, String changes, String comment) throws Exception {
        String incident = incident(status, "HIGH", "HIGH", "P1", "aws").toString();
        return SiamJson.mapper().readTree("{\"kind\": \"UPDATED\", \"incident\": " + incident + ", \"changes\": " + changes
                + ", \"actor\": {\"type\": \"USER\", \"id\": \"bob\"}, \"reason\": \"why\""
                + (comment == null ? "" : ", \"comment\": " + SiamJson.mapper().writeValueAsString(comment)) + "}");
    }

    private static JsonNode incident(String status, String impact, String urgency, String priority, String owner) {
        try {
            return SiamJson.mapper().readTree("""
                    {"id": "6c1f0d9e-0000-4000-8000-000000000001", "number": "INC0000042", "title": "Disk full", "description": "95 %% used",
                     "status": "%s", "impact": "%s", "urgency": "%s", "priority": "%s", "owner": "%s", "service": "payments"}"""
                    .formatted(status, impact, urgency, priority, owner));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The defaults of application.properties, plus one assignment group; the comment field and hold reason given. */
    private record Defaults(String commentField, String holdReason) implements ServiceNowSyncConfig {
        @Override
        public Optional<URI> url() {
            return Optional.of(URI.create("https://acme.service-now.com"));
        }

        @Override
        public Optional<String> username() {
            return Optional.of("siam");
        }

        @Override
        public Optional<String> password() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> passwordFile() {
            return Optional.empty();
        }

        @Override
        public Optional<io.siamhub.adapters.outbound.core.SyncOAuthConfig> oauth() {
            return Optional.empty();
        }

        @Override
        public List<String> syncPriorities() {
            return List.of("P1", "P2");
        }

        @Override
        public Optional<List<String>> syncOwners() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> states() {
            return Map.of("NEW", "1", "ACKNOWLEDGED", "2", "IN_PROGRESS", "2", "ON_HOLD", "3", "RESOLVED", "6", "CLOSED", "7");
        }

        @Override
        public Map<String, String> levels() {
            return Map.of("HIGH", "1", "MEDIUM", "2", "LOW", "3");
        }

        @Override
        public Map<String, String> priorities() {
            return Map.of("P1", "1", "P2", "2", "P3", "3", "P4", "4", "P5", "5");
        }

        @Override
        public Map<String, String> assignmentGroups() {
            return Map.of("aws", "Cloud Operations");
        }

        @Override
        public Map<String, String> createFields() {
            return Map.of();
        }

        @Override
        public String closeCode() {
            return "Solved (Permanently)";
        }

        @Override
        public String correlationDisplay() {
            return "siam-hub";
        }
    }
}
