package io.siamhub.sla.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.definition.SlaDefinition;

/**
 * The pure core of the SLA monitor: (an incident's history, the definitions, their calendars, the clocks as stored,
 * now) → the incident's clocks and the events to publish. No database, no broker, no system clock: the persistence
 * and messaging around it only load its inputs and store its outputs.
 *
 * <p>Finished clocks keep their result: a stored clock that is MET, BREACHED or CANCELLED is kept as it is unless
 * the incident was reopened after it stopped. A stored active clock that the definitions no longer produce (its
 * definition was deleted or changed so that it never applied) is cancelled.
 */
public final class ClockEngine {

    /** The clocks of the incident after evaluation (every clock, changed or not) and the events to publish, in order. */
    public record Evaluation(List<Clock> clocks, List<SlaEvent> events) {
    }

    private ClockEngine() {
    }

    /**
     * @param history         the incident's observations in version order (may be empty: nothing attaches)
     * @param calendars       calendars by id; a definition whose calendar is missing is skipped
     * @param stored          the incident's clocks as stored (any order)
     * @param recomputeReason non-null when a definition or calendar change (or {@code POST /api/sla/recompute}) rebuilds them
     * @param changesFrom     the instant of the earliest observation new to this evaluation ({@code now} for a recompute):
     *                        a clock the replay finds that is not stored and had already stopped before it is not created
     *                        (it belongs to the past: a definition added after the incident was resolved)
     */
    public static Evaluation evaluate(String incidentId, List<IncidentObservation> history, Collection<SlaDefinition> definitions,
            Map<String, BusinessCalendar> calendars, Parties parties, List<Clock> stored, Instant now, String recomputeReason,
            Instant changesFrom) {
        Map<UUID, Clock> before = new LinkedHashMap<>();
        stored.forEach(clock -> before.put(clock.id(), clock));
        Map<UUID, Clock> after = new LinkedHashMap<>();
        for (SlaDefinition definition : definitions) {
            BusinessCalendar calendar = calendars.get(definition.calendarId());
            if (calendar == null) {
                continue;
            }
            for (Clock replayed : new ClockReplay(incidentId, definition, calendar, parties).replay(history, now)) {
                Clock previous = before.get(replayed.id());
                if (previous == null && replayed.state().isFinal() && changesFrom != null && replayed.stoppedAt().isBefore(changesFrom)) {
                    continue;
                }
                after.put(replayed.id(), previous != null && previous.state().isFinal() && !reopenedAfter(history, previous.stoppedAt())
                        ? previous : replayed);
            }
        }
        List<SlaEvent> events = new ArrayList<>();
        List<Clock> clocks = new ArrayList<>();
        for (Clock previous : before.values()) {
            if (!after.containsKey(previous.id())) {
                Clock kept = previous.active() ? cancelled(previous, now, recomputeReason) : previous;
                clocks.add(kept);
                events.addAll(ClockEvents.between(previous, kept, recomputeReason, now));
            }
        }
        for (Clock clock : after.values()) {
            clocks.add(clock);
            events.addAll(ClockEvents.between(before.get(clock.id()), clock, recomputeReason, now));
        }
        events.sort(java.util.Comparator.comparing(SlaEvent::occurredAt));
        return new Evaluation(clocks, events);
    }

    /** True when an observation after {@code stoppedAt} shows the incident open again. */
    private static boolean reopenedAfter(List<IncidentObservation> history, Instant stoppedAt) {
        if (stoppedAt == null) {
            return false;
        }
        for (IncidentObservation observation : history) {
            if (observation.at() != null && observation.at().isAfter(stoppedAt) && observation.status().isOpen()) {
                return true;
            }
        }
        return false;
    }

    private static Clock cancelled(Clock clock, Instant now, String why) {
        List<Clock.Segment> segments = new ArrayList<>();
        for (Clock.Segment segment : clock.segments()) {
            segments.add(segment.to() == null ? new Clock.Segment(segment.state(), segment.from(), now, segment.reason()) : segment);
        }
        List<Clock.TimelineEntry> timeline = new ArrayList<>(clock.timeline());
        timeline.add(new Clock.TimelineEntry(now, "cancelled",
                "its definition " + clock.definitionId() + " was removed or no longer applies" + (why == null ? "" : " (" + why + ")"),
                ClockState.CANCELLED, null, clock.elapsed(), null, null, null, false));
        return new Clock(clock.id(), clock.incidentId(), clock.incidentNumber(), clock.definitionId(), clock.generation(), clock.type(),
                clock.party(), clock.metric(), clock.calendarId(), clock.target(), clock.stages(), clock.priority(), clock.service(),
                clock.owner(), ClockState.CANCELLED, clock.breached(), clock.breachedAt(), clock.startedAt(), now, clock.dueAt(),
                clock.elapsed(), clock.remaining(), clock.stage(), null, null, null, now, segments, timeline);
    }
}
