package io.siamhub.incident.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.SignalStatus;

/**
 * When an incident resolves by itself ({@code siam.incident.auto-resolve}): once every signal of an
 * open incident resolved, {@code ALWAYS} schedules it to resolve after {@code resolve-quiet-period},
 * {@code UNLESS_HANDLED} does so unless a person acted on it (and a person acting cancels a pending
 * one), {@code NEVER} leaves it to people. A flapping fingerprint holds it open.
 */
public final class AutoResolvePolicy {

    private final IncidentConfig.AutoResolve policy;
    private final Duration quietPeriod;
    private final Duration flappingQuietWindow;
    private final FlappingDetector flapping;

    public AutoResolvePolicy(IncidentConfig config, FlappingDetector flapping) {
        this.policy = config.autoResolve();
        this.quietPeriod = config.resolveQuietPeriod();
        this.flappingQuietWindow = config.flapping().quietWindow();
        this.flapping = flapping;
    }

    /**
     * Every signal of the (open) incident resolved at {@code at}, the last being {@code last} (null
     * when flapping cleared): schedule the auto-resolve, or say on the timeline why not.
     */
    public void allResolved(IncidentUpdate update, FingerprintState last, Instant at) {
        IncidentState incident = update.incident();
        if (last != null && last.flapping) {
            update.step(at, TimelineWording.allResolvedWhileFlapping(last.fingerprint, flapping.describe()));
        } else if (policy == IncidentConfig.AutoResolve.NEVER) {
            update.step(at, TimelineWording.allResolvedNever());
        } else if (policy == IncidentConfig.AutoResolve.UNLESS_HANDLED && incident.handledByPerson) {
            update.step(at, TimelineWording.allResolvedHandled());
        } else {
            Instant due = at.plus(quietPeriod);
            update.step(at, TimelineWording.autoResolveScheduled(quietPeriod, policy), () -> incident.autoResolveAt = due);
        }
    }

    /** A person acted: under UNLESS_HANDLED a pending auto-resolve is cancelled (in the same step). */
    public void personActed(IncidentState incident) {
        incident.handledByPerson = true;
        if (policy == IncidentConfig.AutoResolve.UNLESS_HANDLED) {
            incident.autoResolveAt = null;
        }
    }

    /** Whether the incident's quiet period is over at {@code now} and nothing since stopped it resolving. */
    public static boolean due(IncidentState incident, Instant now) {
        return incident.autoResolveAt != null && !incident.autoResolveAt.isAfter(now) && incident.status.isOpen()
                && incident.firingSignals == 0;
    }

    /** The incident resolves: its quiet period is over ({@link #due}). */
    public void resolve(IncidentUpdate update, Instant now) {
        update.step(now, TimelineWording.autoResolved(quietPeriod), () -> IncidentAction.RESOLVE.applyTo(update.incident(), now));
    }

    /**
     * The timer cleared flapping on {@code cleared} (already cleared, in order): say so, then do what the
     * flapping held back: an open incident whose signals all resolved may resolve; a resolved one whose
     * fingerprint still fires reopens.
     */
    public void flappingCleared(IncidentUpdate update, List<FingerprintState> cleared, Instant now) {
        cleared.forEach(row -> update.step(now, TimelineWording.flappingCleared(row.fingerprint, flappingQuietWindow)));
        IncidentState incident = update.incident();
        if (incident.status.isOpen() && incident.firingSignals == 0 && incident.autoResolveAt == null) {
            allResolved(update, null, now);
            return;
        }
        FingerprintState firing = cleared.stream().filter(row -> row.status == SignalStatus.FIRING).findFirst().orElse(null);
        if (incident.status == IncidentStatus.RESOLVED && firing != null) {
            update.step(now, TimelineWording.reopenedAfterFlapping(firing.fingerprint),
                    () -> IncidentAction.REOPEN.applyTo(incident, now));
        }
    }
}
