package io.siamhub.sla.definition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.calendar.CalendarSpec;

/**
 * The calendars and definitions at one model version, as written (specs) and as the engine reads them.
 *
 * @param version grows with every calendar or definition write ({@code sla_model_version})
 */
public record SlaModel(long version, Map<String, CalendarSpec> calendarSpecs, Map<String, BusinessCalendar> calendars,
        Map<String, DefinitionSpec> definitionSpecs, Map<String, SlaDefinition> definitions) {

    public static final SlaModel EMPTY = new SlaModel(-1, Map.of(), Map.of(), Map.of(), Map.of());

    public SlaModel {
        calendarSpecs = Map.copyOf(calendarSpecs);
        calendars = Map.copyOf(calendars);
        definitionSpecs = Map.copyOf(definitionSpecs);
        definitions = Map.copyOf(definitions);
    }

    /** The definitions in id order (the engine's evaluation order). */
    public List<SlaDefinition> orderedDefinitions() {
        return definitions.values().stream().sorted(java.util.Comparator.comparing(SlaDefinition::id)).toList();
    }

    /** The ids of definitions that count on {@code calendarId}. */
    public List<String> definitionsOn(String calendarId) {
        return definitions.values().stream().filter(definition -> Objects.equals(definition.calendarId(), calendarId))
                .map(SlaDefinition::id).sorted().toList();
    }
}
