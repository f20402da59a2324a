package io.siamhub.change.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A freeze window, lockdown or agreed maintenance window, as stored and served by
 * {@code /api/freeze-windows} and {@code /api/maintenance-windows}. Either recurring ({@code rrule},
 * {@code startTime}, {@code duration}, optionally {@code startDate}) or one period ({@code start},
 * {@code end}); local times are in {@code timeZone} (an IANA id).
 *
 * @param id        UUID
 * @param kind      FREEZE, LOCKDOWN or MAINTENANCE
 * @param name      for people
 * @param timeZone  IANA zone id the local times are in (e.g. {@code Europe/Berlin})
 * @param rrule     RFC 5545 RRULE text without the {@code RRULE:} prefix, e.g. {@code FREQ=MONTHLY;BYMONTHDAY=-1}
 * @param startTime local start of each occurrence
 * @param duration  length of each occurrence (exact time: PT12H is twelve hours even across a DST change)
 * @param startDate the first day of the recurrence (RFC 5545 DTSTART's date); occurrences before it do not exist
 * @param start     one period: local start
 * @param end       one period: local end (exclusive); for a lockdown, null until it is given an end
 * @param hard      a hard freeze blocks approval; a soft one warns
 * @param scope     what it covers
 * @param reason    why (for people)
 * @param createdBy JWT subject
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param version   monotonic (the {@code ETag}; iCalendar SEQUENCE is {@code version - 1})
 */
public record CalendarWindow(
        String id,
        WindowKind kind,
        String name,
        String timeZone,
        String rrule,
        @Schema(type = SchemaType.STRING, description = "Local time of day each occurrence starts, in timeZone", example = "18:00")
        LocalTime startTime,
        @Schema(type = SchemaType.STRING, description = "ISO-8601 length of each occurrence", example = "PT12H")
        Duration duration,
        @Schema(type = SchemaType.STRING, description = "The first day of the recurrence", example = "2026-01-01")
        LocalDate startDate,
        @Schema(type = SchemaType.STRING, description = "One period: local start in timeZone (no offset)", example = "2026-12-24T00:00")
        LocalDateTime start,
        @Schema(type = SchemaType.STRING, description = "One period: local end in timeZone, exclusive (a lockdown: none until given)",
                example = "2026-12-27T00:00")
        LocalDateTime end,
        boolean hard,
        WindowScope scope,
        String reason,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public CalendarWindow {
        scope = scope == null ? WindowScope.EVERYTHING : scope;
    }

    public boolean recurring() {
        return rrule != null;
    }

    /** Whether it blocks approval: a hard freeze, or any lockdown. */
    public boolean blocking() {
        return kind == WindowKind.LOCKDOWN || kind == WindowKind.FREEZE && hard;
    }
}
