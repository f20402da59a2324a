package io.siamhub.model.change;

import java.time.Instant;

/**
 * An incident linked to a change.
 *
 * @param incidentId the incident's id
 * @param number     the incident's number (INC0000001)
 * @param relation   SUSPECTED_CAUSE, CAUSED or RELATED
 * @param reason     why, for people
 * @param rank       1 for the change most likely to have caused the incident among the suspected ones, 2 next, ...
 *                   (0 when not ranked)
 * @param linkedAt   when the link was made
 */
public record IncidentLink(String incidentId, String number, IncidentRelation relation, String reason, int rank, Instant linkedAt) {
}
