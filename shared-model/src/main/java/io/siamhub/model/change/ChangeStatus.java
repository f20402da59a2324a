package io.siamhub.model.change;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a change request: DRAFT → SUBMITTED → (APPROVED | REJECTED) → SCHEDULED → IN_PROGRESS →
 * (COMPLETED | FAILED | BACKED_OUT); CANCELLED from any open state; ON_HOLD from SUBMITTED, APPROVED or
 * SCHEDULED and back. The change coordinator enforces the transitions; a provider's maintenance follows
 * the provider's notices instead.
 */
public enum ChangeStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED, SCHEDULED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, BACKED_OUT, ON_HOLD;

    private static final Set<ChangeStatus> CLOSED = EnumSet.of(REJECTED, COMPLETED, FAILED, CANCELLED, BACKED_OUT);

    /** Whether nothing more happens to the change (rejected, completed, failed, cancelled, backed out). */
    public boolean closed() {
        return CLOSED.contains(this);
    }

    /** Whether the change ran and ended: completed, failed or backed out. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == BACKED_OUT;
    }
}
