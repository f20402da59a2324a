package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;
import io.siamhub.model.incident.IncidentEventKind;

/**
 * One thing done to an incident: who, what, why, when, the fields it changed and the event kind it
 * implies. A {@code quiet} line (a repeat of a known signal) names the event's actor when nothing
 * louder happened, but is not kept on the timeline.
 *
 * @param at      when it happened (UTC): the signal's receipt, or the clock's now for people and timers
 * @param changes the incident fields it changed, old → new, as text
 */
public record TimelineLine(UUID incidentId, Instant at, Actor actor, String what, String why, IncidentEventKind kind,
        List<FieldChange> changes, boolean quiet) {

    public TimelineLine {
        changes = List.copyOf(changes);
    }
}
