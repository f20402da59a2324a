package io.siamhub.adapters.servicenow;

import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.TextParts;

/**
 * A ServiceNow record's field values, raw or as display values. The Table API and business rules send
 * either the stored value ({@code sysparm_display_value=false}: choice codes such as {@code 1}, reference
 * sys_ids, dates in UTC as {@code yyyy-MM-dd HH:mm:ss}), the display value ({@code true}: choice labels
 * such as {@code 1 - Critical} or {@code In Progress}, reference names, dates in the sending user's
 * format and time zone) or both ({@code all}: {@code {"display_value", "value"}} objects)
 * (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI). Both must map alike.
 */
final class ServiceNowValues {

    /** A choice label with its code in front: {@code 1 - Critical}, {@code 3 - Moderate}. */
    private static final Pattern CODED_LABEL = Pattern.compile("^\\s*(\\d+)\\s*-\\s*(.+?)\\s*$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** The date formats an instance can be set to display (glide.sys.date_format), each with the default time format. */
    private static final List<DateTimeFormatter> DISPLAY_FORMATS = List.of("uuuu-MM-dd", "dd-MM-uuuu", "MM-dd-uuuu",
            "dd/MM/uuuu", "MM/dd/uuuu", "dd.MM.uuuu", "uuuu/MM/dd").stream()
            .map(date -> DateTimeFormatter.ofPattern(date + " HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT))
            .toList();

    private final Optional<DateTimeFormatter> displayFormat;
    private final ZoneId displayZone;

    ServiceNowValues(Optional<String> displayFormat, ZoneId displayZone) {
        this.displayFormat = displayFormat.map(pattern -> DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.SMART));
        this.displayZone = displayZone;
    }

    /** A field's raw value: text, or the {@code value} of a reference or {@code all} object. */
    static String value(JsonNode record, String field) {
        JsonNode node = record.path(field);
        return node.isObject() ? text(node, "value") : text(record, field);
    }

    /** A field's display value when the record carries one, else the fallback. */
    static String display(JsonNode record, String field, String fallback) {
        return TextParts.firstNonBlank(text(record, field, "display_value"), fallback);
    }

    /**
     * True when a choice field holds its label rather than its code: the record was sent with display
     * values, so its dates are in the user's format and time zone.
     */
    static boolean displayed(String choice) {
        return choice != null && !DIGITS.matcher(choice.trim()).matches();
    }

    /** The ways a choice value may be looked up: as sent, its code ({@code 1} of {@code 1 - Critical}), its label. */
    static Set<String> choiceKeys(String value) {
        Set<String> keys = new LinkedHashSet<>();
        if (value != null) {
            keys.add(value.trim());
            Matcher coded = CODED_LABEL.matcher(value);
            if (coded.matches()) {
                keys.add(coded.group(1));
                keys.add(coded.group(2));
            }
        }
        return keys;
    }

    /** The code of a coded label ({@code 1 - Critical} → {@code 1}), else the value as sent. */
    static String code(String value) {
        Matcher coded = value == null ? null : CODED_LABEL.matcher(value);
        return coded != null && coded.matches() ? coded.group(1) : value;
    }

    /**
     * A date: stored values are UTC; display values are in the configured display format (or, without
     * one, any of the instance's date formats that reads the text one way only) and the display zone.
     * Null when the text is absent or ambiguous ({@code 03/04/2026} under both day-first and month-first formats).
     */
    Instant time(String text, boolean displayValues) {
        if (text == null) {
            return null;
        }
        if (!displayValues) {
            return ProviderTimes.parse(text);
        }
        if (displayFormat.isPresent()) {
            try {
                return LocalDateTime.parse(text.trim(), displayFormat.get()).atZone(displayZone).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Set<LocalDateTime> readings = new LinkedHashSet<>();
        for (DateTimeFormatter format : DISPLAY_FORMATS) {
            try {
                readings.add(LocalDateTime.parse(text.trim(), format));
            } catch (DateTimeParseException e) {
                // not this format
            }
        }
        return readings.size() == 1 ? readings.iterator().next().atZone(displayZone).toInstant() : null;
    }
}
