package io.siamhub.model.change;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;

/**
 * One change to a change request, as published on {@code siam.changes.v1}: the full snapshot
 * (conflicts and incident links included), what changed, who and why.
 */
public record ChangeEvent(
        ChangeEventKind kind,
        ChangeRequest change,
        List<FieldChange> changes,
        Actor actor,
        String reason,
        Instant occurredAt) {

    public ChangeEvent {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
