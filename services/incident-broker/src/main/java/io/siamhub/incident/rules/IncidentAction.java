package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;

/**
 * The status changes people (and rules) make, with the statuses each is allowed from:
 * NEW → ACKNOWLEDGED → IN_PROGRESS ⇄ ON_HOLD → RESOLVED → CLOSED, RESOLVED → reopened. Any open
 * incident may be resolved (a false alarm needs no acknowledgement; signals resolve incidents nobody
 * touched); a closed one is final.
 */
public enum IncidentAction {

    ACKNOWLEDGE(IncidentEventKind.ACKNOWLEDGED, IncidentStatus.NEW),
    START(IncidentEventKind.UPDATED, IncidentStatus.ACKNOWLEDGED),
    HOLD(IncidentEventKind.UPDATED, IncidentStatus.IN_PROGRESS),
    RESUME(IncidentEventKind.UPDATED, IncidentStatus.ON_HOLD),
    RESOLVE(IncidentEventKind.RESOLVED, IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED, IncidentStatus.IN_PROGRESS,
            IncidentStatus.ON_HOLD),
    CLOSE(IncidentEventKind.CLOSED, IncidentStatus.RESOLVED),
    REOPEN(IncidentEventKind.REOPENED, IncidentStatus.RESOLVED);

    private final IncidentEventKind kind;
    private final Set<IncidentStatus> from;

    IncidentAction(IncidentEventKind kind, IncidentStatus first, IncidentStatus... more) {
        this.kind = kind;
        this.from = EnumSet.of(first, more);
    }

    /** The event this action publishes. */
    public IncidentEventKind kind() {
        return kind;
    }

    public boolean allowedFrom(IncidentStatus status) {
        return from.contains(status);
    }

    /**
     * The status it leads to. A reopened incident goes back to IN_PROGRESS when someone had
     * acknowledged it, else to NEW.
     */
    public IncidentStatus target(boolean acknowledgedBefore) {
        return switch (this) {
            case ACKNOWLEDGE -> IncidentStatus.ACKNOWLEDGED;
            case START, RESUME -> IncidentStatus.IN_PROGRESS;
            case HOLD -> IncidentStatus.ON_HOLD;
            case RESOLVE -> IncidentStatus.RESOLVED;
            case CLOSE -> IncidentStatus.CLOSED;
            case REOPEN -> acknowledgedBefore ? IncidentStatus.IN_PROGRESS : IncidentStatus.NEW;
        };
    }

    /**
     * Moves the incident (locked by the caller) to this action's status and stamps the times;
     * the caller checked {@link #allowedFrom}.
     */
    public void applyTo(IncidentState incident, Instant at) {
        if (!allowedFrom(incident.status)) {
            throw new IllegalStateException("cannot " + wireName() + " an incident in status " + incident.status);
        }
        incident.status = target(incident.acknowledgedAt != null);
        switch (this) {
            case ACKNOWLEDGE, START -> {
                if (incident.acknowledgedAt == null) {
                    incident.acknowledgedAt = at;
                }
            }
            case RESOLVE -> {
                incident.resolvedAt = at;
                incident.autoResolveAt = null;
            }
            case CLOSE -> {
                incident.closedAt = at;
                incident.autoResolveAt = null;
            }
            case REOPEN -> incident.autoResolveAt = null;
            case HOLD, RESUME -> {
            }
        }
    }

    /** The path segment: {@code acknowledge}, {@code start}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The actions allowed from a status, by wire name (for a 409's detail). */
    public static List<String> allowedActions(IncidentStatus status) {
        return Arrays.stream(values()).filter(action -> action.allowedFrom(status)).map(IncidentAction::wireName).toList();
    }
}
