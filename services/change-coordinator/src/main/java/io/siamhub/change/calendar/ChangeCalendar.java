package io.siamhub.change.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;

/**
 * The calendar of a period, pure: the changes whose windows overlap it and the occurrences of the windows, filtered
 * by service, CI and provider (a window with an empty scope is shown under every filter).
 *
 * @param from    period start (inclusive)
 * @param to      period end (exclusive)
 * @param changes the changes in the period, filtered
 * @param windows the freeze windows, lockdowns and maintenance windows with an occurrence in the period, filtered
 */
public record ChangeCalendar(Instant from, Instant to, List<ChangeRequest> changes, List<CalendarWindow> windows) {

    /** What to show. */
    public record Filter(String service, String configurationItem, String provider) {
    }

    public static ChangeCalendar of(Instant from, Instant to, List<ChangeRequest> changes, List<CalendarWindow> windows, Filter filter,
            CatalogView catalog) {
        List<ChangeRequest> shown = changes.stream().filter(change -> change.window() != null)
                .filter(change -> matches(change, filter, catalog)).toList();
        List<CalendarWindow> shownWindows = windows.stream()
                .filter(window -> !Recurrence.occurrences(window, from, to).isEmpty())
                .filter(window -> covers(window, filter, catalog)).sorted(Comparator.comparing(CalendarWindow::name)).toList();
        return new ChangeCalendar(from, to, shown, shownWindows);
    }

    /** Every entry, by start: one per change, one per window occurrence. */
    public List<CalendarEntry> entries() {
        List<CalendarEntry> entries = new ArrayList<>();
        for (ChangeRequest change : changes) {
            entries.add(new CalendarEntry(change.origin() == ChangeOrigin.PROVIDER_MAINTENANCE ? "PROVIDER_MAINTENANCE" : "CHANGE", change.id(),
                    ICalendarFeed.uid(change.id()), change.number(), change.title(), change.status().name(), change.window().start(),
                    change.window().end(), change.endKnown(), change.provider(), change.services(), change.configurationItems(), null, null,
                    null, change.conflicts().size()));
        }
        for (CalendarWindow window : windows) {
            String kind = window.kind() == WindowKind.MAINTENANCE ? "MAINTENANCE_WINDOW" : window.kind().name();
            for (TimeWindow occurrence : Recurrence.occurrences(window, from, to)) {
                entries.add(new CalendarEntry(kind, window.id(), ICalendarFeed.uid(window.id()), null, window.name(), null, occurrence.start(),
                        occurrence.end(), null, null, window.scope().services(), window.scope().configurationItems(),
                        window.kind() == WindowKind.MAINTENANCE ? null : window.hard(), window.timeZone(), window.rrule(), null));
            }
        }
        entries.sort(Comparator.comparing(CalendarEntry::start).thenComparing(CalendarEntry::kind).thenComparing(CalendarEntry::id));
        return entries;
    }

    private static boolean matches(ChangeRequest change, Filter filter, CatalogView catalog) {
        if (filter.service() != null && !catalog.servicesOf(change.services(), change.configurationItems()).contains(filter.service())) {
            return false;
        }
        if (filter.configurationItem() != null && !change.configurationItems().contains(filter.configurationItem())) {
            return false;
        }
        if (filter.provider() != null) {
            String provider = filter.provider().toLowerCase(Locale.ROOT);
            return provider.equalsIgnoreCase(change.provider() == null ? "" : change.provider())
                    || provider.equalsIgnoreCase(change.implementer() == null ? "" : change.implementer());
        }
        return true;
    }

    private static boolean covers(CalendarWindow window, Filter filter, CatalogView catalog) {
        if (window.scope().empty()) {
            return true;
        }
        Set<String> services = new TreeSet<>();
        Set<String> items = new TreeSet<>();
        Set<String> providers = new TreeSet<>();
        if (filter.service() != null) {
            services.add(filter.service());
        }
        if (filter.configurationItem() != null) {
            items.add(filter.configurationItem());
            services.addAll(catalog.servicesOf(List.of(), List.of(filter.configurationItem())));
        }
        if (filter.provider() != null) {
            providers.add(filter.provider().toLowerCase(Locale.ROOT));
        }
        if (services.isEmpty() && items.isEmpty() && providers.isEmpty()) {
            return true;
        }
        return window.scope().covers(services, items, providers);
    }
}
