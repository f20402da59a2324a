package io.siamhub.change.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.siamhub.change.calendar.ChangeCalendar;
import io.siamhub.change.calendar.WindowCommands;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.catalog.CatalogView;
import io.smallrye.mutiny.Uni;

/** The calendar of a period from query parameters, for the JSON calendar and the iCalendar feed. */
@ApplicationScoped
public class CalendarQueries {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Duration LONGEST_PERIOD = Duration.ofDays(732);

    private final ChangeQueries queries;
    private final WindowCommands windows;
    private final CatalogCopy catalog;
    private final Clock clock;

    CalendarQueries(ChangeQueries queries, WindowCommands windows, CatalogCopy catalog, Clock clock) {
        this.queries = queries;
        this.windows = windows;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * {@code from}/{@code to} are ISO instants; without them the period is 30 days from today (UTC midnight), and it
     * spans at most two years (400 otherwise). A {@code service} or {@code ci} the catalog copy does not have is a 400 naming
     * the parameter and the nearest ids (an empty calendar would look like a quiet one).
     */
    public Uni<ChangeCalendar> build(String fromText, String toText, String service, String configurationItem, String provider) {
        Instant from = Params.instant("from", fromText);
        Instant to = Params.instant("to", toText);
        if (from == null) {
            from = to == null ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS) : to.minus(DEFAULT_PERIOD);
        }
        if (to == null) {
            to = from.plus(DEFAULT_PERIOD);
        }
        if (!to.isAfter(from)) {
            throw Params.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw Params.invalid("to", "a calendar spans at most " + LONGEST_PERIOD.toDays() + " days");
        }
        Instant start = from;
        Instant end = to;
        CatalogView view = catalog.current();
        ChangeCalendar.Filter filter = new ChangeCalendar.Filter(Params.service(view, "service", service),
                Params.configurationItem(view, "ci", configurationItem), Params.text(provider));
        return queries.inPeriod(start, end).chain(changes -> windows.list(Set.of(WindowKind.values()))
                .map(all -> ChangeCalendar.of(start, end, changes, all, filter, view)));
    }

}
