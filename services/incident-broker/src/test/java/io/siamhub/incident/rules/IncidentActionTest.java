package io.siamhub.incident.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        IncidentState incident = new IncidentState();
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

        IncidentState untouched = new IncidentState();
        untouched.status = IncidentStatus.RESOLVED;
        IncidentAction.REOPEN.applyTo(untouched, NOW);
        assertThat(untouched.status).isEqualTo(IncidentStatus.NEW);
    }

    @Test
    void aClosedIncidentIsFinal() {
        IncidentState incident = new IncidentState();
        incident.status = IncidentStatus.CLOSED;
        for (IncidentAction action : IncidentAction.values()) {
            assertThatThrownBy(() -> action.applyTo(incident, NOW)).isInstanceOf(IllegalStateException.class);
        }
    }
}
