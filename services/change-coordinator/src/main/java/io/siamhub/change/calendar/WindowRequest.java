package io.siamhub.change.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.siamhub.kit.problem.Problem;

/**
 * The body of {@code POST}/{@code PUT /api/freeze-windows} and {@code /api/maintenance-windows}, as text so that
 * every field that does not parse is named in the 400. Recurring: {@code rrule} + {@code startTime} ({@code 18:00})
 * + {@code duration} ({@code PT12H}), optionally {@code startDate} ({@code 2026-01-31}, default: today in the
 * zone); or one period: local {@code start} and {@code end} ({@code 2026-12-24T00:00}). A lockdown
 * ({@code lockdown: true}) starts now and ends at {@code end}, or when cancelled.
 *
 * @param name      for people
 * @param timeZone  IANA zone id
 * @param rrule     RFC 5545 RRULE text
 * @param startTime local time of day each occurrence starts
 * @param duration  ISO-8601 duration of each occurrence
 * @param startDate first day of the recurrence
 * @param start     one period: local start
 * @param end       one period (or lockdown): local end, exclusive
 * @param hard      freeze: blocks approval (default true); a lockdown always does ({@code false} is refused), a maintenance
 *                  window never ({@code true} is refused)
 * @param scope     services, configurationItems, providers; empty covers everything
 * @param lockdown  a lockdown, effective now
 * @param reason    why
 */
public record WindowRequest(String name, String timeZone, String rrule, String startTime, String duration, String startDate,
        String start, String end, Boolean hard, WindowScope scope, Boolean lockdown, String reason) {

    /** The definition this request describes, or the fields at fault. */
    public record Parsed(CalendarWindow window, List<Problem.FieldError> errors) {
    }

    /**
     * @param kind FREEZE / LOCKDOWN (from {@code lockdown}) for freeze windows, MAINTENANCE for maintenance windows
     * @param now  the clock's instant (a lockdown starts then; the default {@code startDate} is its date)
     */
    public Parsed parse(String id, WindowKind kind, Instant now, String user, Instant createdAt, long version) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new Problem.FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new Problem.FieldError("name", "at most 200 characters"));
        }
        ZoneId zone = null;
        try {
            zone = Recurrence.zone(timeZone);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("timeZone", e.getMessage()));
        }
        boolean recurring = rrule != null || startTime != null || duration != null || startDate != null;
        boolean period = start != null;
        LocalTime time = null;
        Duration length = null;
        LocalDate firstDay = null;
        LocalDateTime from = null;
        LocalDateTime until = null;
        if (kind == WindowKind.LOCKDOWN) {
            if (recurring || period) {
                errors.add(new Problem.FieldError(recurring ? "rrule" : "start",
                        "a lockdown starts now: give only an optional end (local, e.g. 2026-12-01T18:00)"));
            }
            if (zone != null) {
                from = LocalDateTime.ofInstant(now, zone).withNano(0);
            }
            until = localDateTime("end", end, errors);
        } else if (recurring == period) {
            errors.add(new Problem.FieldError(recurring ? "start" : "rrule",
                    "give either rrule, startTime and duration (recurring) or start and end (one period), not "
                            + (recurring ? "both" : "neither")));
        } else if (recurring) {
            if (rrule == null) {
                errors.add(new Problem.FieldError("rrule", "is required with startTime and duration, e.g. FREQ=MONTHLY;BYMONTHDAY=-1"));
            } else {
                try {
                    Recurrence.rule(rrule);
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("rrule", e.getMessage()));
                }
            }
            time = localTime(errors);
            length = length(errors);
            if (startDate != null) {
                try {
                    firstDay = LocalDate.parse(startDate);
                } catch (DateTimeParseException e) {
                    errors.add(new Problem.FieldError("startDate", "must be a date such as 2026-01-31"));
                }
            } else if (zone != null) {
                firstDay = LocalDate.ofInstant(now, zone);
            }
            if (end != null) {
                errors.add(new Problem.FieldError("end", "a recurring window has a duration, not an end"));
            }
        } else {
            from = localDateTime("start", start, errors);
            until = localDateTime("end", end, errors);
            if (end == null) {
                errors.add(new Problem.FieldError("end", "is required with start, e.g. 2026-12-27T00:00"));
            }
        }
        if (from != null && until != null && !until.isAfter(from)) {
            errors.add(new Problem.FieldError("end", "must be after " + (kind == WindowKind.LOCKDOWN ? "now" : "start")));
        }
        WindowScope scoped = scope == null ? WindowScope.EVERYTHING : scope;
        if (kind == WindowKind.MAINTENANCE) {
            kindOnlyFields(scoped, errors);
        } else if (kind == WindowKind.LOCKDOWN && hard != null && !hard) {
            errors.add(new Problem.FieldError("hard", "a lockdown always blocks approval; a freeze that only warns is a freeze window "
                    + "with \"hard\": false and no \"lockdown\""));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        boolean isHard = kind == WindowKind.LOCKDOWN || kind == WindowKind.FREEZE && (hard == null || hard);
        return new Parsed(new CalendarWindow(id, kind, name.strip(), zone.getId(), rrule == null ? null : rrule.strip(), time, length,
                firstDay, from, until, isHard, scoped, reason, user, createdAt == null ? now : createdAt, now, version), errors);
    }

    /**
     * The fields of the shared body a maintenance window cannot use: {@code hard: true} (it never blocks approval),
     * {@code lockdown: true}, and {@code scope.providers} (it is agreed for CIs or services; a provider's own maintenance
     * arrives as its notices). {@code hard: false} and {@code lockdown: false} say what it is and pass.
     */
    private void kindOnlyFields(WindowScope scoped, List<Problem.FieldError> errors) {
        if (hard != null && hard) {
            errors.add(new Problem.FieldError("hard", "maintenance windows are never hard (they never block approval; a change outside "
                    + "one only gets an OUTSIDE_MAINTENANCE_WINDOW warning); to block changes use a freeze window: POST /api/freeze-windows"));
        }
        if (lockdown != null && lockdown) {
            errors.add(new Problem.FieldError("lockdown", "a maintenance window cannot be a lockdown (POST /api/freeze-windows)"));
        }
        if (!scoped.providers().isEmpty()) {
            errors.add(new Problem.FieldError("scope.providers", "a maintenance window is agreed for CIs or services, not providers: "
                    + "name the provider's CIs in scope.configurationItems (its own maintenance arrives as its notices)"));
        }
        if (scoped.services().isEmpty() && scoped.configurationItems().isEmpty()) {
            errors.add(new Problem.FieldError("scope", "a maintenance window is agreed for CIs or services: name at least one"));
        }
    }

    private LocalTime localTime(List<Problem.FieldError> errors) {
        if (startTime == null) {
            errors.add(new Problem.FieldError("startTime", "is required with rrule, e.g. 18:00"));
            return null;
        }
        try {
            return LocalTime.parse(startTime);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("startTime", "must be a local time such as 18:00"));
            return null;
        }
    }

    private Duration length(List<Problem.FieldError> errors) {
        if (duration == null) {
            errors.add(new Problem.FieldError("duration", "is required with rrule, e.g. PT12H"));
            return null;
        }
        try {
            Duration parsed = Duration.parse(duration);
            if (parsed.isNegative() || parsed.isZero()) {
                errors.add(new Problem.FieldError("duration", "must be positive"));
                return null;
            }
            if (parsed.compareTo(Duration.ofDays(366)) > 0) {
                errors.add(new Problem.FieldError("duration", "at most a year"));
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("duration", "must be an ISO-8601 duration such as PT12H or P2D"));
            return null;
        }
    }

    private static LocalDateTime localDateTime(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be a local date and time such as 2026-12-24T00:00 (in timeZone, no offset)"));
            return null;
        }
    }
}
