package io.siamhub.sla.definition;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.SlaMetric;

/**
 * A validated definition: what the clock engine reads.
 *
 * @param id                 stable id ({@code p1-resolution})
 * @param target             business time allowed (positive)
 * @param stages             warning stages in percent, ascending, each 1..99
 * @param pauseWhile         statuses in which the clock does not count
 * @param excludeMaintenance maintenance incidents are left out of availability downtime
 * @param retroactiveStart   a clock that attaches late counts from the incident's creation, replaying pauses
 */
public record SlaDefinition(String id, String name, AgreementType type, String party, SlaMetric metric, AppliesTo appliesTo,
        Duration target, String calendarId, List<Integer> stages, Set<IncidentStatus> pauseWhile, boolean excludeMaintenance,
        boolean retroactiveStart) {

    /** The party of the customer SLA: the service integrator itself. */
    public static final String INTEGRATOR = "integrator";

    public SlaDefinition {
        stages = List.copyOf(stages);
        pauseWhile = Set.copyOf(pauseWhile);
    }

    /** True for UC and OLA: the clock runs only while its party owns the incident. */
    public boolean followsOwnership() {
        return type == AgreementType.UC || type == AgreementType.OLA;
    }
}
