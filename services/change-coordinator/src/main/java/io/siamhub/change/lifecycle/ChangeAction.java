package io.siamhub.change.lifecycle;

import java.util.Locale;

import io.siamhub.model.change.ChangeEventKind;

/**
 * What a person does to a change through {@code POST /api/changes/{id}/<action>} (kebab case in the path).
 * Which actions are allowed from which status is {@link ChangeTransitions}' business.
 */
public enum ChangeAction {
    SUBMIT(ChangeEventKind.SUBMITTED),
    APPROVE(ChangeEventKind.APPROVED),
    REJECT(ChangeEventKind.REJECTED),
    SCHEDULE(ChangeEventKind.SCHEDULED),
    START(ChangeEventKind.STARTED),
    COMPLETE(ChangeEventKind.COMPLETED),
    FAIL(ChangeEventKind.FAILED),
    BACK_OUT(ChangeEventKind.BACKED_OUT),
    CANCEL(ChangeEventKind.CANCELLED),
    HOLD(ChangeEventKind.HELD),
    RELEASE(ChangeEventKind.RELEASED);

    private final ChangeEventKind kind;

    ChangeAction(ChangeEventKind kind) {
        this.kind = kind;
    }

    /** The event published when the action changes the status. */
    public ChangeEventKind kind() {
        return kind;
    }

    /** {@code back-out}: the path segment. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The action of a path segment ({@code back-out} → BACK_OUT), or null. */
    public static ChangeAction fromWire(String segment) {
        for (ChangeAction action : values()) {
            if (action.wireName().equals(segment)) {
                return action;
            }
        }
        return null;
    }
}
