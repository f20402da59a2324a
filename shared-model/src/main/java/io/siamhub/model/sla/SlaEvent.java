package io.siamhub.model.sla;

import java.time.Duration;
import java.time.Instant;

import io.siamhub.model.Priority;

/**
 * A change to one SLA clock, as published on {@code siam.sla.v1} (keyed by incident id).
 *
 * @param kind         what happened
 * @param clockId      the clock's id
 * @param incidentId   the incident it times
 * @param definitionId the SLA / OLA / UC definition that set the target
 * @param agreement    SLA, OLA or UC
 * @param metric       RESPONSE or RESOLUTION
 * @param provider     the provider the clock holds to account, if any
 * @param priority     the incident's priority when the target was set
 * @param target       the target duration in business time
 * @param elapsed      business time counted so far
 * @param remaining    business time left (negative once breached)
 * @param stagePercent for AT_RISK: the warning stage reached (e.g. 75, 90)
 * @param dueAt        when the clock breaches if it keeps running (null while paused)
 * @param occurredAt   when this happened (for AT_RISK and BREACHED: the stage's or the due instant itself)
 * @param party        who the clock holds to account: {@code integrator}, a resolver group or a provider id
 * @param state        the clock's state after this event
 * @param breached     true once the clock has passed its target (also while it still runs or pauses)
 * @param previousDueAt for RECOMPUTED: the due instant before the rebuild
 * @param reason       why, in words: the incident change, the rule or the edit that caused it
 */
public record SlaEvent(
        SlaEventKind kind,
        String clockId,
        String incidentId,
        String definitionId,
        AgreementType agreement,
        SlaMetric metric,
        String provider,
        Priority priority,
        Duration target,
        Duration elapsed,
        Duration remaining,
        Integer stagePercent,
        Instant dueAt,
        Instant occurredAt,
        String party,
        ClockState state,
        Boolean breached,
        Instant previousDueAt,
        String reason) {

    /** The event as published before {@code party}, {@code state}, {@code breached}, {@code previousDueAt} and {@code reason} were added. */
    public SlaEvent(SlaEventKind kind, String clockId, String incidentId, String definitionId, AgreementType agreement,
            SlaMetric metric, String provider, Priority priority, Duration target, Duration elapsed, Duration remaining,
            Integer stagePercent, Instant dueAt, Instant occurredAt) {
        this(kind, clockId, incidentId, definitionId, agreement, metric, provider, priority, target, elapsed, remaining,
                stagePercent, dueAt, occurredAt, null, null, null, null, null);
    }
}
