package io.siamhub.incident.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.model.incident.IncidentStatus;

class IncidentActionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @ParameterizedTest(name = "from {0}: {1}")
    @CsvSource({
            "NEW, 'acknowledge, resolve'",
            "ACKNOWLEDGED, 'start, resolve'",
            "IN_PROGRESS, 'hold, resolve'",
            "ON_HOLD, 'resume, resolve'",
            "RESOLVED, 'close, reopen'",
            "CLOSED, ''"})
    void theAllowedActionsOfEachStatus(IncidentStatus status, String allowed) {
        assertThat(String.join(", ", IncidentAction.allowedActions(status))).isEqualTo(allowed);
    }

    @Test
    void actionsStampTheirTimesAndReopenRemembersAcknowledgement() {
        IncidentEntity incident = new IncidentEntity();
        incident.status = IncidentStatus.NEW;
        incident.autoResolveAt = NOW;
        IncidentAction.ACKNOWLEDGE.applyTo(incident, NOW);
        assertThat(incident.acknowledgedAt).isEqualTo(NOW);
        IncidentAction.START.applyTo(incident, NOW.plusSeconds(60));
        assertThat(incident.acknowledgedAt).isEqualTo(NOW);
        IncidentAction.RESOLVE.applyTo(incident, NOW.plusSeconds(120));
        assertThat(incident.resolvedAt).isEqualTo(NOW.plusSeconds(120));
        assertThat(incident.autoResolveAt).isNull();
        IncidentAction.REOPEN.applyTo(incident, NOW.plusSeconds(180));
        assertThat(incident.status).isEqualTo(IncidentStatus.IN_PROGRESS);

        IncidentEntity untouched = new IncidentEntity();
        untouched.status = IncidentStatus.RESOLVED;
        IncidentAction.REOPEN.applyTo(untouched, NOW);
        assertThat(untouched.status).isEqualTo(IncidentStatus.NEW);
    }

    @Test
    void aClosedIncidentIsFinal() {
        IncidentEntity incident = new IncidentEntity();
        incident.status = IncidentStatus.CLOSED;
        for (IncidentAction action : IncidentAction.values()) {
            assertThatThrownBy(() -> action.applyTo(incident, NOW)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void ifMatchAcceptsStrongWeakAndBareVersionsAndRefusesStaleOnes() {
        IncidentEntity incident = new IncidentEntity();
        incident.number = "INC0000001";
        incident.version = 7;
        IncidentIds.checkVersion(null, incident);
        IncidentIds.checkVersion("*", incident);
        IncidentIds.checkVersion("\"7\"", incident);
        IncidentIds.checkVersion("W/\"7\"", incident);
        IncidentIds.checkVersion("\"6\", \"7\"", incident);
        IncidentIds.checkVersion("7", incident);
        assertThatThrownBy(() -> IncidentIds.checkVersion("\"6\"", incident)).hasMessageContaining("version 7");
    }
}
