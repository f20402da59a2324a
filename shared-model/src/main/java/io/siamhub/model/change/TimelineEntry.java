package io.siamhub.model.change;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;

/**
 * One line of a change's timeline: who, when, what, why.
 *
 * @param at      when
 * @param actor   who: a person (JWT subject), a provider, or a hub rule
 * @param what    what happened, e.g. {@code approved}, {@code rescheduled}, {@code held by lockdown}
 * @param reason  why, when given
 * @param changes the fields that changed
 */
public record TimelineEntry(Instant at, Actor actor, String what, String reason, List<FieldChange> changes) {

    public TimelineEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
