package io.siamhub.sla.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.siamhub.model.Priority;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;

/**
 * One SLA / OLA / UC clock of one incident: the engine's result and what the API shows. Durations are business
 * time on the definition's calendar; instants are UTC.
 *
 * @param id            stable: derived from incident, definition and generation ({@link #idOf})
 * @param generation    1 for the first attachment; a definition that stops applying and applies again starts a new one
 * @param state         RUNNING, PAUSED, MET, BREACHED or CANCELLED
 * @param breached      true once business time used passed the target (also while RUNNING or PAUSED)
 * @param breachedAt    the instant it breached (its due instant at the time), or null
 * @param startedAt     when it started counting (the incident's creation for a retroactive start)
 * @param stoppedAt     when it met, breached-and-stopped or was cancelled; null while active
 * @param dueAt         while RUNNING: when it breaches if nothing pauses it; when stopped: its last due instant; null while PAUSED
 * @param elapsed       business time used (until now, or until it stopped)
 * @param remaining     target minus elapsed (negative once breached)
 * @param stage         the highest warning stage reached (percent), 0 for none
 * @param runningSince  while RUNNING: the instant the current running segment began; else null
 * @param elapsedBefore while RUNNING: business time used before {@code runningSince}
 * @param nextDueAt     while RUNNING: the next stage or breach instant the timer must act on (strictly after a due
 *                      instant for a breach); else null
 * @param evaluatedAt   the instant these values were computed for
 * @param segments      the clock's history: spans of one state, oldest first, the last one open ({@code to} null) while active
 * @param timeline      what started, paused, resumed, warned, breached and stopped it, and the incident event that caused it
 */
public record Clock(UUID id, String incidentId, String incidentNumber, String definitionId, int generation, AgreementType type,
        String party, SlaMetric metric, String calendarId, Duration target, List<Integer> stages, Priority priority, String service,
        String owner, ClockState state, boolean breached, Instant breachedAt, Instant startedAt, Instant stoppedAt, Instant dueAt,
        Duration elapsed, Duration remaining, int stage, Instant runningSince, Duration elapsedBefore, Instant nextDueAt,
        Instant evaluatedAt, List<Segment> segments, List<TimelineEntry> timeline) {

    public Clock {
        stages = List.copyOf(stages);
        segments = List.copyOf(segments);
        timeline = List.copyOf(timeline);
    }

    /** The stable id of a clock: a name-based UUID of incident, definition and generation. */
    public static UUID idOf(String incidentId, String definitionId, int generation) {
        return UUID.nameUUIDFromBytes((incidentId + "|" + definitionId + "|" + generation).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** This clock with another timer instant. */
    public Clock withNextDueAt(Instant next) {
        return new Clock(id, incidentId, incidentNumber, definitionId, generation, type, party, metric, calendarId, target, stages, priority,
                service, owner, state, breached, breachedAt, startedAt, stoppedAt, dueAt, elapsed, remaining, stage, runningSince,
                elapsedBefore, next, evaluatedAt, segments, timeline);
    }

    /** True while it can still change by itself (RUNNING or PAUSED). */
    public boolean active() {
        return !state.isFinal();
    }

    /**
     * One span of the clock's life in one state.
     *
     * @param state  RUNNING or PAUSED while active; MET or BREACHED for the span an incident stayed resolved before a reopen
     * @param to     null for the current span
     * @param reason why it was in that state (e.g. {@code status ON_HOLD}, {@code owned by aws})
     */
    public record Segment(ClockState state, Instant from, Instant to, String reason) {
    }

    /**
     * One line of a clock's timeline.
     *
     * @param at       when
     * @param what     started, paused, resumed, at-risk, breached, met, stopped, cancelled
     * @param detail   in words: the stage reached, the new state, the rule
     * @param state    the clock's state after it
     * @param stage    for at-risk: the stage reached (percent); else null
     * @param elapsed  business time used at that instant
     * @param cause    the incident event that caused it (its kind and its actor and reason), or null for time-driven lines
     * @param ceId     the CloudEvent id of that incident event
     * @param version  the incident version it observed
     * @param replayed true for lines before the clock attached, rebuilt from history by a retroactive start (never published)
     */
    public record TimelineEntry(Instant at, String what, String detail, ClockState state, Integer stage, Duration elapsed, String cause,
            String ceId, Long version, boolean replayed) {
    }
}
