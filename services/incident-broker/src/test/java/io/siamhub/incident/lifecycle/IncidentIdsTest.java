package io.siamhub.incident.lifecycle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.siamhub.incident.persistence.IncidentEntity;

class IncidentIdsTest {

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
