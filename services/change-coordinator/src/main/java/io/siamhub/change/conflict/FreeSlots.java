package io.siamhub.change.conflict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.Recurrence;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.model.TimeWindow;

/**
 * "When can I do this?", pure: the next windows of a given length, from a given instant, in which a change
 * with the subject's targets would have no conflict at all. Slots start on multiples of {@code step} (from
 * the epoch, UTC), never overlap a change that would clash, a freeze (hard or soft) or lockdown in scope, and
 * where a CI or service has agreed maintenance windows they lie entirely inside one occurrence of each. Slots
 * follow one another ({@code [t, t+d)}, {@code [t+d, t+2d)}, ...) inside a free stretch.
 */
public final class FreeSlots {

    /** A bound on the search loop, far above what 90 days in 15-minute steps needs. */
    private static final int MAX_STEPS = 200_000;

    private FreeSlots() {
    }

    /**
     * @param subject  the proposal (its window gives only the length; it may be null-windowed)
     * @param length   how long each slot is
     * @param from     search from here (inclusive)
     * @param horizon  search this far ahead of {@code from}
     * @param count    at most this many slots
     * @param step     slots start on multiples of this
     * @param others   open changes (candidates), as for {@link ConflictDetector}
     * @param windows  freeze windows, lockdowns and maintenance windows
     */
    public static List<TimeWindow> find(Subject subject, Duration length, Instant from, Duration horizon, int count, Duration step,
            Collection<Subject> others, Collection<CalendarWindow> windows) {
        Instant until = from.plus(horizon);
        List<TimeWindow> busy = busy(subject, others, windows, from, until);
        List<TimeWindow> allowed = allowed(subject, windows, from, until);
        List<TimeWindow> slots = new ArrayList<>();
        Instant t = roundUp(from, step);
        for (int guard = 0; guard < MAX_STEPS && slots.size() < count; guard++) {
            Instant end = t.plus(length);
            if (end.isAfter(until)) {
                break;
            }
            TimeWindow candidate = new TimeWindow(t, end);
            if (allowed != null) {
                TimeWindow inside = null;
                Instant nextStart = null;
                for (TimeWindow occurrence : allowed) {
                    if (!occurrence.start().isAfter(t) && !occurrence.end().isBefore(end)) {
                        inside = occurrence;
                        break;
                    }
                    if (occurrence.start().isAfter(t) && (nextStart == null || occurrence.start().isBefore(nextStart))) {
                        nextStart = occurrence.start();
                    }
                }
                if (inside == null) {
                    if (nextStart == null) {
                        break;
                    }
                    t = roundUp(nextStart, step);
                    if (!t.isAfter(candidate.start())) {
                        t = candidate.start().plus(step);
                    }
                    continue;
                }
            }
            TimeWindow clash = busy.stream().filter(other -> ConflictDetector.overlap(candidate, other)).findFirst().orElse(null);
            if (clash != null) {
                Instant next = roundUp(clash.end(), step);
                t = next.isAfter(t) ? next : t.plus(step);
                continue;
            }
            slots.add(candidate);
            t = roundUp(end, step);
        }
        return slots;
    }

    /** Everything that would clash with a change on the subject's targets, sorted by start; open ends reach {@code until}. */
    private static List<TimeWindow> busy(Subject subject, Collection<Subject> others, Collection<CalendarWindow> windows, Instant from,
            Instant until) {
        List<TimeWindow> busy = new ArrayList<>();
        for (Subject other : others) {
            if (other.window() == null || other.window().end() == null || other.id() != null && other.id().equals(subject.id())) {
                continue;
            }
            Subject probe = new Subject(subject.id(), subject.number(), subject.title(), subject.origin(), other.window(), subject.items(),
                    subject.services(), subject.related(), subject.providers(), subject.places(), subject.ownPlaces(), subject.implementer());
            if (ConflictDetector.shareTargets(probe, other)) {
                busy.add(other.window());
            }
        }
        for (CalendarWindow window : windows) {
            if (window.kind() != WindowKind.MAINTENANCE && window.scope().covers(subject.services(), subject.items(), subject.providers())) {
                for (TimeWindow occurrence : Recurrence.occurrences(window, from, until)) {
                    busy.add(occurrence.end() == null ? new TimeWindow(occurrence.start(), until) : occurrence);
                }
            }
        }
        busy.sort(Comparator.comparing(TimeWindow::start));
        return busy;
    }

    /**
     * Where the slots may lie: null when no target has agreed maintenance windows; otherwise the stretches
     * inside one occurrence of every such target (intersections, not unions, so a slot never straddles two).
     */
    private static List<TimeWindow> allowed(Subject subject, Collection<CalendarWindow> windows, Instant from, Instant until) {
        List<TimeWindow> allowed = null;
        List<String> targets = new ArrayList<>();
        subject.items().forEach(item -> targets.add("ci:" + item));
        subject.services().forEach(service -> targets.add("service:" + service));
        for (String target : targets) {
            String id = target.substring(target.indexOf(':') + 1);
            List<TimeWindow> occurrences = new ArrayList<>();
            for (CalendarWindow window : windows) {
                boolean applies = window.kind() == WindowKind.MAINTENANCE && (target.startsWith("ci:")
                        ? window.scope().configurationItems().contains(id) : window.scope().services().contains(id));
                if (applies) {
                    occurrences.addAll(Recurrence.occurrences(window, from, until));
                }
            }
            if (occurrences.isEmpty()) {
                continue;
            }
            allowed = allowed == null ? occurrences : intersect(allowed, occurrences);
        }
        if (allowed != null) {
            allowed.sort(Comparator.comparing(TimeWindow::start));
        }
        return allowed;
    }

    private static List<TimeWindow> intersect(List<TimeWindow> a, List<TimeWindow> b) {
        List<TimeWindow> both = new ArrayList<>();
        for (TimeWindow x : a) {
            for (TimeWindow y : b) {
                Instant start = x.start().isAfter(y.start()) ? x.start() : y.start();
                Instant end = x.end().isBefore(y.end()) ? x.end() : y.end();
                if (start.isBefore(end)) {
                    both.add(new TimeWindow(start, end));
                }
            }
        }
        return both;
    }

    /** The first multiple of {@code step} (from the epoch) at or after {@code at}. */
    static Instant roundUp(Instant at, Duration step) {
        long stepMillis = step.toMillis();
        long millis = at.toEpochMilli();
        long rounded = Math.floorDiv(millis + stepMillis - 1, stepMillis) * stepMillis;
        return Instant.ofEpochMilli(rounded);
    }
}
