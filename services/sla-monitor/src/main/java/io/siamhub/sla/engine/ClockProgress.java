package io.siamhub.sla.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.siamhub.sla.calendar.BusinessCalendar;

/**
 * The arithmetic of one running span of a clock: from {@code runningSince}, with {@code elapsedBefore} of the
 * target already used, when is each warning stage reached and when does it breach. Shared by the replay of an
 * incident's history and by the timer, so both decide alike.
 */
final class ClockProgress {

    private ClockProgress() {
    }

    /** Business time that a stage of {@code percent} stands for: exact to the nanosecond, never rounded to a percent. */
    static Duration threshold(Duration target, int percent) {
        return target.multipliedBy(percent).dividedBy(100);
    }

    /**
     * The instant business time used reaches {@code used}, counting from {@code runningSince} with {@code elapsedBefore}
     * already used; when nothing is left, the first open instant at or after {@code runningSince} (a breach is the
     * first business instant past the target, never in closed time).
     */
    static Instant reach(BusinessCalendar calendar, Instant runningSince, Duration elapsedBefore, Duration used) {
        Duration left = used.minus(elapsedBefore);
        return left.isNegative() || left.isZero() ? calendar.nextOpen(runningSince) : calendar.due(runningSince, left);
    }

    /** The timer instant of a breach: the first whole millisecond strictly after the due instant (breach means past it). */
    static Instant justAfter(Instant due) {
        return due.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    /** The timer instant of a stage: its instant rounded up to the millisecond (reaching a stage is inclusive). */
    static Instant atOrAfter(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(instant) ? instant : millis.plusMillis(1);
    }
}
