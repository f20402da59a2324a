package io.siamhub.sla.seed;

import java.util.LinkedHashMap;
import java.util.Map;

import io.siamhub.sla.calendar.CalendarSpec;
import io.siamhub.sla.definition.DefinitionSpec;

/**
 * The seed file ({@code siam.sla.definitions-file}): calendars and definitions keyed by id, each in the JSON format of
 * the API.
 *
 * <pre>
 * calendars:
 *   berlin-business:
 *     name: Berlin business hours
 *     timeZone: Europe/Berlin
 *     hours: {MONDAY: [{start: "09:00", end: "17:00"}]}
 * definitions:
 *   p1-resolution:
 *     name: P1 resolution
 *     type: SLA
 *     ...
 * </pre>
 */
public record SeedDocument(Map<String, CalendarSpec> calendars, Map<String, DefinitionSpec> definitions) {

    public SeedDocument {
        calendars = calendars == null ? Map.of() : new LinkedHashMap<>(calendars);
        definitions = definitions == null ? Map.of() : new LinkedHashMap<>(definitions);
    }
}
