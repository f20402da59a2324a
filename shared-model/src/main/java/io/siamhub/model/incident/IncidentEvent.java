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
 * @param comment    the text of the comment a person added to the incident in this change
 *                   ({@code POST /api/incidents/{id}/comments}; {@code actor} is that person), else null (left out of
 *                   the JSON): what the two-way sync pushes to the linked tickets as a work note or comment
 */
public record IncidentEvent(
        IncidentEventKind kind,
        Incident incident,
        List<FieldChange> changes,
        Actor actor,
        String reason,
        Instant occurredAt,
        String comment) {

    public IncidentEvent {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** An event that carries no comment. */
    public IncidentEvent(IncidentEventKind kind, Incident incident, List<FieldChange> changes, Actor actor, String reason,
            Instant occurredAt) {
        this(kind, incident, changes, actor, reason, occurredAt, null);
    }
}
