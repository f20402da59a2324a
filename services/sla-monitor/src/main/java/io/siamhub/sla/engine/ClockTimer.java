package io.siamhub.sla.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.siamhub.model.sla.ClockState;
import io.siamhub.sla.calendar.BusinessCalendar;

/**
 * What time alone does to a running clock: warning stages and the breach, decided without its incident's history
 * (a running clock's future depends only on its calendar, target, {@code runningSince} and {@code elapsedBefore}).
 * The scheduler calls {@link #advance} when a clock's {@code nextDueAt} has come.
 */
public final class ClockTimer {

    private ClockTimer() {
    }

    /**
     * The clock as it is at {@code now}: the stages reached and the breach (a breach is {@code now} strictly after its
     * due instant; a stage is reached at its instant) are added to its timeline, elapsed and remaining updated, and
     * {@code nextDueAt} moved on. A clock that is not RUNNING is returned without a timer.
     */
    public static Clock advance(Clock clock, BusinessCalendar calendar, Instant now) {
        if (clock.state() != ClockState.RUNNING || clock.runningSince() == null) {
            return clock.nextDueAt() == null ? clock : clock.withNextDueAt(null);
        }
        if (now.isBefore(clock.runningSince())) {
            return clock;
        }
        Duration before = clock.elapsedBefore();
        Duration target = clock.target();
        Duration after = before.plus(calendar.elapsed(clock.runningSince(), now));
        int stage = clock.stage();
        boolean breached = clock.breached();
        Instant breachedAt = clock.breachedAt();
        List<Clock.TimelineEntry> timeline = new ArrayList<>(clock.timeline());
        for (int percent : clock.stages()) {
            Duration threshold = ClockProgress.threshold(target, percent);
            if (percent > stage && threshold.compareTo(before) > 0 && threshold.compareTo(after) <= 0) {
                Instant reached = ClockProgress.reach(calendar, clock.runningSince(), before, threshold);
                stage = percent;
                timeline.add(new Clock.TimelineEntry(reached, "at-risk", percent + " % of " + target + " used", ClockState.RUNNING, percent,
                        threshold, null, null, null, false));
            }
        }
        Instant due = breached ? breachedAt : ClockProgress.reach(calendar, clock.runningSince(), before, target);
        if (!breached && due.isBefore(now)) {
            breached = true;
            breachedAt = due;
            timeline.add(new Clock.TimelineEntry(due, "breached", "all of " + target + " used at " + due, ClockState.RUNNING, null, target,
                    null, null, null, false));
        }
        timeline.sort(Comparator.comparing(Clock.TimelineEntry::at));
        Instant next = next(target, clock.stages(), stage, breached, due, calendar, clock.runningSince(), before);
        return new Clock(clock.id(), clock.incidentId(), clock.incidentNumber(), clock.definitionId(), clock.generation(), clock.type(),
                clock.party(), clock.metric(), clock.calendarId(), target, clock.stages(), clock.priority(), clock.service(), clock.owner(),
                clock.state(), breached, breachedAt, clock.startedAt(), clock.stoppedAt(), due, after, target.minus(after), stage,
                clock.runningSince(), before, next, now, clock.segments(), timeline);
    }

    /**
     * The next instant the timer must act on for a running clock: the next stage above {@code stage} (rounded up to
     * the millisecond) or, unless breached, the first millisecond strictly after {@code dueAt}; null when nothing is left.
     */
    static Instant next(Duration target, List<Integer> stages, int stage, boolean breached, Instant dueAt, BusinessCalendar calendar,
            Instant runningSince, Duration elapsedBefore) {
        Instant next = breached ? null : ClockProgress.justAfter(dueAt);
        for (int percent : stages) {
            Duration threshold = ClockProgress.threshold(target, percent);
            if (percent > stage && threshold.compareTo(elapsedBefore) > 0) {
                Instant at = ClockProgress.atOrAfter(ClockProgress.reach(calendar, runningSince, elapsedBefore, threshold));
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
                break;
            }
        }
        return next;
    }
}
