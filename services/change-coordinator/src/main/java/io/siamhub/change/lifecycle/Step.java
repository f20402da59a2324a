package io.siamhub.change.lifecycle;

import java.util.List;

import io.siamhub.model.Actor;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeRequest;

/**
 * What one write does to a change: the new state (before conflicts, risk and version are recomputed), the
 * events it publishes, and the timeline line: who, what, why.
 *
 * @param change the change as the write leaves it
 * @param kinds  the events, in order (empty: nothing happened, nothing is stored)
 * @param actor  who
 * @param what   the timeline's words ({@code approved}, {@code rescheduled}, ...)
 * @param reason why, as given
 * @param grants whether the write leaves the change approved without a CAB decision (a STANDARD change's pre-approval):
 *               refused with 409 when the change, as re-detected, sits in a hard freeze or lockdown without an exception
 */
public record Step(ChangeRequest change, List<ChangeEventKind> kinds, Actor actor, String what, String reason, boolean grants) {

    public Step {
        kinds = List.copyOf(kinds);
    }

    public Step(ChangeRequest change, List<ChangeEventKind> kinds, Actor actor, String what, String reason) {
        this(change, kinds, actor, what, reason, false);
    }

    /** The same step, refused when the change ends up inside a hard freeze or lockdown (see {@code grants}). */
    public Step granting() {
        return new Step(change, kinds, actor, what, reason, true);
    }

    public static Step of(ChangeRequest change, ChangeEventKind kind, Actor actor, String what, String reason) {
        return new Step(change, List.of(kind), actor, what, reason);
    }

    /** Nothing to do. */
    public static Step none(ChangeRequest change) {
        return new Step(change, List.of(), null, null, null);
    }
}
