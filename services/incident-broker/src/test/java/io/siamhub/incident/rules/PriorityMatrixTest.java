package io.siamhub.incident.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.siamhub.incident.TestConfig;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.signal.Severity;

class PriorityMatrixTest {

    private final PriorityMatrix matrix = new PriorityMatrix(TestConfig.incident());

    @ParameterizedTest(name = "{0} impact × {1} urgency = {2}")
    @CsvSource({
            "HIGH, HIGH, P1", "HIGH, MEDIUM, P2", "HIGH, LOW, P3",
            "MEDIUM, HIGH, P2", "MEDIUM, MEDIUM, P3", "MEDIUM, LOW, P4",
            "LOW, HIGH, P3", "LOW, MEDIUM, P4", "LOW, LOW, P5"})
    void theDefaultIsTheItilMatrix(Impact impact, Urgency urgency, Priority priority) {
        assertThat(matrix.priority(impact, urgency)).isEqualTo(priority);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"CRITICAL, HIGH", "MAJOR, HIGH", "MINOR, MEDIUM", "WARNING, LOW", "INFO, LOW"})
    void severityGivesUrgency(Severity severity, Urgency urgency) {
        assertThat(matrix.urgency(severity)).isEqualTo(urgency);
    }

    @Test
    void aConfiguredMatrixReplacesTheDefault() {
        PriorityMatrix strict = new PriorityMatrix(TestConfig.incident(Map.of("siam.incident.priority.\"LOW/LOW\"", "P4")));
        assertThat(strict.priority(Impact.LOW, Urgency.LOW)).isEqualTo(Priority.P4);
    }

    @Test
    void anIncompleteMatrixFailsTheStartNamingTheGaps() {
        Map<String, Priority> priority = new HashMap<>(Map.of("HIGH/HIGH", Priority.P1));
        Map<String, Urgency> urgency = Map.of("CRITICAL", Urgency.HIGH);
        assertThatThrownBy(() -> new PriorityMatrix(priority, urgency, true))
                .hasMessageContaining("siam.incident.priority.\"LOW/LOW\"")
                .hasMessageContaining("siam.incident.urgency.\"INFO\"");
    }

    @Test
    void maintenanceLowersByOneStepPerPolicy() {
        IncidentState incident = new IncidentState();
        incident.impact = Impact.HIGH;
        incident.urgency = Urgency.HIGH;
        incident.maintenance = true;
        matrix.prioritize(incident);
        assertThat(incident.priority).isEqualTo(Priority.P2);
        new PriorityMatrix(TestConfig.incident(Map.of("siam.incident.maintenance.policy", "MARK"))).prioritize(incident);
        assertThat(incident.priority).isEqualTo(Priority.P1);
        assertThat(PriorityMatrix.lowered(Priority.P5)).isEqualTo(Priority.P5);
    }
}
