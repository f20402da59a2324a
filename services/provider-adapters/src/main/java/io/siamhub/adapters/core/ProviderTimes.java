package io.siamhub.adapters.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The time formats providers send, all to {@link Instant}: ISO-8601 with {@code Z} or an offset, an
 * offset without colon ({@code +0000}: CloudWatch, Jira), zone-less UTC ({@code 2016-12-14 02:46:44}:
 * ServiceNow), RFC 1123 ({@code Thu, 21 Apr 2022 00:00:00 GMT}: AWS Health), epoch seconds (GCP) and
 * milliseconds (Jira, Datadog).
 */
public final class ProviderTimes {

    private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XX][XXX]")
            .toFormatter();
    private static final DateTimeFormatter ZONELESS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter RFC_1123_WITHOUT_DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z",
            java.util.Locale.ENGLISH);

    private ProviderTimes() {
    }

    /** Parses any of the supported text forms; null for null, blank or unparseable text. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return epoch(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(value, OFFSET_WITHOUT_COLON).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value, ZONELESS).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            // the day of the week adds nothing, and a wrong one must not lose the time
            return ZonedDateTime.parse(value.replaceFirst("^[A-Za-z]{3},\\s*", ""), RFC_1123_WITHOUT_DAY).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch seconds, or milliseconds when the number is too large to be seconds. */
    public static Instant epoch(long value) {
        return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
