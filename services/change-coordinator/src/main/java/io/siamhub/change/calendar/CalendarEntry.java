package io.siamhub.change.calendar;

import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code GET /api/changes/calendar} (JSON): a change, a provider's maintenance, or one occurrence of a
 * freeze window, lockdown or maintenance window. Times are UTC instants, half-open.
 *
 * @param kind               CHANGE, PROVIDER_MAINTENANCE, FREEZE, LOCKDOWN or MAINTENANCE_WINDOW
 * @param id                 the change's or window's id
 * @param uid                the iCalendar UID the feed gives it ({@code <id>@siam-hub})
 * @param number             a change's number
 * @param title              a change's title or a window's name
 * @param status             a change's status
 * @param start              start
 * @param end                end (for a provider notice without one, the configured horizon; see {@code endKnown})
 * @param endKnown           false when the provider gave no end
 * @param provider           a provider maintenance's provider
 * @param services           services touched (a change) or covered (a window)
 * @param configurationItems CIs touched or covered
 * @param hard               a freeze's hardness
 * @param timeZone           a window's IANA zone
 * @param rrule              a recurring window's rule
 * @param conflicts          how many conflicts a change has
 */
public record CalendarEntry(String kind, String id, String uid, String number, String title, String status, Instant start, Instant end,
        Boolean endKnown, String provider, List<String> services, List<String> configurationItems, Boolean hard, String timeZone,
        String rrule, Integer conflicts) {
}
