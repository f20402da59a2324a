package io.siamhub.change.conflict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.Recurrence;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.ConflictKind;

/**
 * Finds the conflicts of one change against the others and the calendar, pure. Every window is half-open
 * {@code [start, end)}: a change that ends exactly when another starts does not clash. The caller passes only
 * candidates: open changes (not DRAFT, not closed: REJECTED, COMPLETED, FAILED, BACKED_OUT, CANCELLED).
 * <ul>
 * <li>against another change with an overlapping window, one of (most specific first):
 * {@code PROVIDER_MAINTENANCE} when either is a provider's maintenance and they share a CI, a (related) service,
 * or the maintenance's account or region is one a CI of the other is matched in;
 * {@code SAME_CONFIGURATION_ITEM}; {@code SAME_SERVICE} (the same service, or services within the configured
 * {@code dependsOn} depth); and besides, {@code IMPLEMENTER_BUSY} when both name the same implementer (not
 * between two provider maintenances);</li>
 * <li>{@code FREEZE_WINDOW} / {@code LOCKDOWN}: an occurrence in scope overlaps (blocking when hard, always for a
 * lockdown);</li>
 * <li>{@code OUTSIDE_MAINTENANCE_WINDOW}: a CI (or listed service) has agreed maintenance windows and the change
 * does not fit entirely inside one occurrence.</li>
 * </ul>
 */
public final class ConflictDetector {

    private ConflictDetector() {
    }

    /** Every conflict of {@code subject}, ordered by kind, then the other side's start. No window, no conflicts. */
    public static List<Conflict> detect(Subject subject, Collection<Subject> others, Collection<CalendarWindow> windows) {
        List<Conflict> found = new ArrayList<>();
        if (subject.window() == null || subject.window().end() == null) {
            return found;
        }
        for (Subject other : others) {
            if (other.window() == null || other.window().end() == null || other.id() != null && other.id().equals(subject.id())) {
                continue;
            }
            if (overlap(subject.window(), other.window())) {
                found.addAll(against(subject, other));
            }
        }
        for (CalendarWindow window : windows) {
            Conflict conflict = switch (window.kind()) {
                case FREEZE, LOCKDOWN -> freeze(subject, window);
                case MAINTENANCE -> null;
            };
            if (conflict != null) {
                found.add(conflict);
            }
        }
        found.addAll(outsideMaintenance(subject, windows));
        found.sort(Comparator.comparing(Conflict::kind).thenComparing(conflict -> conflict.window() == null ? null
                : conflict.window().start(), Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Conflict::with));
        return found;
    }

    /** Half-open overlap: {@code a.start < b.end && b.start < a.end}. */
    public static boolean overlap(TimeWindow a, TimeWindow b) {
        return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
    }

    /** Whether two changes touch something in common (what makes overlapping windows a clash). */
    static boolean shareTargets(Subject subject, Subject other) {
        return !against(subject, other).isEmpty();
    }

    private static List<Conflict> against(Subject subject, Subject other) {
        List<Conflict> found = new ArrayList<>();
        Set<String> items = intersection(subject.items(), other.items());
        Set<String> services = intersection(subject.related(), other.services());
        Set<String> places = new TreeSet<>(intersection(subject.ownPlaces(), other.places()));
        places.addAll(intersection(other.ownPlaces(), subject.places()));
        if (subject.maintenance() && other.maintenance()) {
            places.addAll(intersection(subject.ownPlaces(), other.ownPlaces()));
        }
        boolean providerSide = subject.maintenance() || other.maintenance();
        String when = " from " + other.window().start() + " to " + other.window().end();
        if (providerSide && (!items.isEmpty() || !services.isEmpty() || !places.isEmpty())) {
            String what = !items.isEmpty() ? "configuration item " + String.join(", ", items)
                    : !services.isEmpty() ? "service " + String.join(", ", services) : String.join(", ", places);
            String detail = other.maintenance()
                    ? "provider maintenance " + other.label() + " affects " + what + when
                    : other.label() + " changes " + what + when + ", during this provider maintenance";
            found.add(conflict(ConflictKind.PROVIDER_MAINTENANCE, other, detail, false));
        } else if (!items.isEmpty()) {
            found.add(conflict(ConflictKind.SAME_CONFIGURATION_ITEM, other,
                    other.label() + " also changes configuration item " + String.join(", ", items) + when, false));
        } else if (!services.isEmpty()) {
            boolean direct = !intersection(subject.services(), other.services()).isEmpty();
            found.add(conflict(ConflictKind.SAME_SERVICE, other, other.label() + " also changes "
                    + (direct ? "service " : "related service ") + String.join(", ", services) + when, false));
        }
        if (subject.implementer() != null && subject.implementer().equals(other.implementer())
                && !(subject.maintenance() && other.maintenance())) {
            found.add(conflict(ConflictKind.IMPLEMENTER_BUSY, other,
                    subject.implementer() + " also carries out " + other.label() + when, false));
        }
        return found;
    }

    private static Conflict freeze(Subject subject, CalendarWindow window) {
        if (!window.scope().covers(subject.services(), subject.items(), subject.providers())) {
            return null;
        }
        List<TimeWindow> occurrences = Recurrence.occurrences(window, subject.window().start(), subject.window().end());
        if (occurrences.isEmpty()) {
            return null;
        }
        TimeWindow occurrence = occurrences.get(0);
        boolean lockdown = window.kind() == WindowKind.LOCKDOWN;
        String what = lockdown ? "lockdown" : (window.hard() ? "hard freeze" : "soft freeze");
        String detail = "inside " + what + " \"" + window.name() + "\" (" + occurrence.start() + " to "
                + (occurrence.end() == null ? "until lifted" : occurrence.end()) + ")"
                + (window.blocking() ? ": approval is refused unless an EMERGENCY change has an approved exception" : ": a warning");
        return new Conflict(lockdown ? ConflictKind.LOCKDOWN : ConflictKind.FREEZE_WINDOW, window.id(), window.name(), occurrence,
                detail, window.blocking());
    }

    /** Per CI (and listed service) with agreed maintenance windows: the change must fit entirely inside one occurrence. */
    private static List<Conflict> outsideMaintenance(Subject subject, Collection<CalendarWindow> windows) {
        List<Conflict> found = new ArrayList<>();
        Set<String> reported = new TreeSet<>();
        List<String> targets = new ArrayList<>();
        subject.items().forEach(item -> targets.add("ci:" + item));
        subject.services().forEach(service -> targets.add("service:" + service));
        for (String target : targets) {
            List<CalendarWindow> agreed = windows.stream().filter(window -> window.kind() == WindowKind.MAINTENANCE)
                    .filter(window -> applies(window, target, subject)).toList();
            if (agreed.isEmpty()) {
                continue;
            }
            boolean fits = agreed.stream().anyMatch(window -> Recurrence.occurrences(window, subject.window().start(),
                    subject.window().end()).stream().anyMatch(occurrence -> !occurrence.start().isAfter(subject.window().start())
                            && occurrence.end() != null && !occurrence.end().isBefore(subject.window().end())));
            CalendarWindow first = agreed.get(0);
            if (!fits && reported.add(first.id())) {
                TimeWindow next = Recurrence.next(first, subject.window().start(), java.time.Duration.ofDays(366));
                found.add(new Conflict(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW, first.id(), first.name(), next,
                        target.substring(target.indexOf(':') + 1) + " has agreed maintenance windows (\"" + first.name()
                                + "\") and the change does not fit inside one occurrence"
                                + (next == null ? "" : "; the next starts " + next.start() + " and ends " + next.end()),
                        false));
            }
        }
        return found;
    }

    /** A maintenance window applies to {@code ci:<id>} when it lists the CI or the CI's service, and to {@code service:<id>} when it lists it. */
    private static boolean applies(CalendarWindow window, String target, Subject subject) {
        String id = target.substring(target.indexOf(':') + 1);
        if (target.startsWith("ci:")) {
            return window.scope().configurationItems().contains(id);
        }
        return window.scope().services().contains(id);
    }

    private static Conflict conflict(ConflictKind kind, Subject other, String detail, boolean blocking) {
        return new Conflict(kind, other.id(), other.number(), other.window(), detail, blocking);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }
}
