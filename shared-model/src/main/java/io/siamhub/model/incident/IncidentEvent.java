package io.siamhub.model.incident;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;

/**
 * One change to an incident, as published on {@code siam.incidents.v1}: the full snapshot after the
 * change, what changed, who caused it and why.
 *
 * @param kind       what happened
 * @param incident   the incident after the change
 * @param changes    the fields that changed
 * @param actor      who caused it
 * @param reason     why, in words (the rule that fired, a person's comment)
 * @param occurredAt when it happened
 */
public record IncidentEvent(
        IncidentEventKind kind,
        Incident incident,
        List<FieldChange> changes,
        Actor actor,
        String reason,
        Instant occurredAt) {

    public IncidentEvent {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
