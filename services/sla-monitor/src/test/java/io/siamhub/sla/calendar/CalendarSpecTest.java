package io.siamhub.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.siamhub.model.SiamJson;

/**
 * A calendar is the same JSON however its days were given: the SLA monitor compares the stored JSON with a seed's
 * to decide whether clocks must be recomputed (a restart with an unchanged seed file recomputed every incident when
 * the order of the days depended on the JVM).
 */
class CalendarSpecTest {

    private static final List<CalendarSpec.OpenHours> DAY = List.of(new CalendarSpec.OpenHours("09:00", "17:00"));

    @Test
    void daysAreKeptInWeekOrderWhateverTheOrderGiven() throws Exception {
        Map<String, List<CalendarSpec.OpenHours>> backwards = new LinkedHashMap<>();
        for (String day : List.of("SUNDAY", "FRIDAY", "WEDNESDAY", "MONDAY", "TUESDAY", "THURSDAY", "SATURDAY")) {
            backwards.put(day, DAY);
        }
        Map<String, List<CalendarSpec.OpenHours>> forwards = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            forwards.put(day, DAY);
        }

        CalendarSpec given = new CalendarSpec("office", "Europe/Berlin", backwards, null, null);

        assertThat(given.hours().keySet()).containsExactlyElementsOf(forwards.keySet());
        assertThat(SiamJson.mapper().writeValueAsString(given))
                .isEqualTo(SiamJson.mapper().writeValueAsString(new CalendarSpec("office", "Europe/Berlin", forwards, null, null)));
    }

    @Test
    void aNameThatIsNoDayComesAfterTheDaysSoTheParserCanNameIt() {
        Map<String, List<CalendarSpec.OpenHours>> hours = new LinkedHashMap<>();
        hours.put("Mon", DAY);
        hours.put("FRIDAY", DAY);
        hours.put("MONDAY", null);

        assertThat(new CalendarSpec("office", "Europe/Berlin", hours, null, null).hours().keySet())
                .containsExactly("MONDAY", "FRIDAY", "Mon");
    }
}
