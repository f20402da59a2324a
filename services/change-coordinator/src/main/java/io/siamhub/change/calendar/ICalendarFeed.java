package io.siamhub.change.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;

/**
 * The change calendar as iCalendar (RFC 5545), built with ical4j and written by its outputter (lines folded at 75
 * octets, CRLF). Changes and provider maintenance are single events in UTC with a stable {@code UID}
 * ({@code <id>@siam-hub}), a {@code SEQUENCE} raised on every reschedule, and cancelled ones kept as
 * {@code STATUS:CANCELLED}; one-period freezes and lockdowns are single events in UTC as well; recurring freeze and
 * maintenance windows are one event each with {@code RRULE}, {@code DTSTART;TZID=…} and the zone's {@code VTIMEZONE},
 * so a calendar client expands them in their own zone.
 * ical4j's zone data comes from its bundled definitions (its update fetch is off: {@code ical4j.properties}).
 */
public final class ICalendarFeed {

    private static final String DOMAIN = "siam-hub";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private ICalendarFeed() {
    }

    /** The UID of a change or window: {@code <id>@siam-hub}, the same in every feed and version. */
    public static String uid(String id) {
        return id + "@" + DOMAIN;
    }

    /**
     * @param calendar what to write
     * @param now      DTSTAMP (when the feed was produced)
     * @param link     base URL of the change API for each change's URL, or null
     */
    public static String write(ChangeCalendar calendar, Instant now, String link) {
        Calendar ical = new Calendar();
        ical.add(new ProdId("-//siam-hub//change-coordinator//EN"));
        ical.add(ImmutableVersion.VERSION_2_0);
        ical.add(ImmutableCalScale.GREGORIAN);
        ical.add(ImmutableMethod.PUBLISH);
        ical.add(new XProperty("X-WR-CALNAME", "siam-hub changes"));
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        Set<String> zones = new LinkedHashSet<>();
        for (ChangeRequest change : calendar.changes()) {
            ical.add(change(change, stamp, link));
        }
        for (CalendarWindow window : calendar.windows()) {
            ical.add(window(window, stamp, calendar.to()));
            // only a recurring window is written in its zone (DTSTART;TZID=…): the client expands the RRULE there
            if (window.recurring() && !window.timeZone().equals("UTC")) {
                zones.add(window.timeZone());
            }
        }
        for (String zone : zones) {
            net.fortuna.ical4j.model.TimeZone timeZone = ZONES.getTimeZone(zone);
            if (timeZone != null) {
                VTimeZone definition = timeZone.getVTimeZone();
                ical.add(definition);
            }
        }
        StringWriter out = new StringWriter();
        try {
            // ical4j's FoldingWriter counts UTF-16 characters; RFC 5545 §3.1 folds at 75 octets: we fold below
            new CalendarOutputter(false, Integer.MAX_VALUE).output(ical, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("the calendar feed is not valid iCalendar: " + e.getMessage(), e);
        }
        return fold(out.toString());
    }

    /**
     * Folds content lines at 75 octets of UTF-8 (RFC 5545 §3.1): CRLF and one space before each continuation, never
     * inside a multi-octet character.
     */
    static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 70 * 3);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length();) {
                int codePoint = line.codePointAt(i);
                int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (octets + size > 75) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }

    private static VEvent change(ChangeRequest change, Instant stamp, String link) {
        boolean maintenance = change.origin() == ChangeOrigin.PROVIDER_MAINTENANCE;
        VEvent event = new VEvent(change.window().start().truncatedTo(ChronoUnit.SECONDS), change.window().end().truncatedTo(ChronoUnit.SECONDS),
                change.number() + (maintenance ? " [" + change.provider() + " maintenance] " : " ") + change.title());
        event.add(new Uid(uid(change.id())));
        stamp(event, stamp);
        event.add(new Sequence(change.sequence()));
        event.add(new Status(status(change.status())));
        if (change.updatedAt() != null) {
            event.add(new LastModified(change.updatedAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        StringBuilder description = new StringBuilder();
        description.append(change.status()).append(", ").append(change.type()).append(", risk ").append(change.risk());
        if (!change.configurationItems().isEmpty()) {
            description.append("\nCIs: ").append(String.join(", ", change.configurationItems()));
        }
        if (!change.services().isEmpty()) {
            description.append("\nServices: ").append(String.join(", ", change.services()));
        }
        if (!change.endKnown()) {
            description.append("\nThe provider gave no end time; the end shown is the configured horizon.");
        }
        change.conflicts().forEach(conflict -> description.append("\nConflict ").append(conflict.kind()).append(": ").append(conflict.detail()));
        if (change.description() != null) {
            description.append("\n\n").append(change.description());
        }
        event.add(new Description(description.toString()));
        event.add(new Categories(maintenance ? "PROVIDER_MAINTENANCE" : "CHANGE"));
        if (maintenance && change.link() != null && change.link().startsWith("http")) {
            event.add(new Url(java.net.URI.create(change.link().replace(" ", "%20"))));
        } else if (link != null) {
            event.add(new Url(java.net.URI.create(link + "/api/changes/" + change.id())));
        }
        return event;
    }

    private static VEvent window(CalendarWindow window, Instant stamp, Instant periodEnd) {
        String kind = switch (window.kind()) {
            case FREEZE -> window.hard() ? "Hard freeze" : "Soft freeze";
            case LOCKDOWN -> "Lockdown";
            case MAINTENANCE -> "Maintenance window";
        };
        ZoneId zone = Recurrence.zone(window.timeZone());
        VEvent event;
        if (window.recurring()) {
            ZonedDateTime start = ZonedDateTime.of(window.startDate(), window.startTime(), zone);
            event = new VEvent(start, window.duration(), kind + ": " + window.name());
            Recur<ZonedDateTime> rule = Recurrence.stored(window.rrule());
            event.add(new RRule<>(rule));
        } else {
            // one period (a lockdown too): a single event in UTC, like the changes; a lockdown not yet lifted is shown
            // up to the end of the period asked for (a client would read an event without DTEND as an instant)
            Instant start = window.start().atZone(zone).toInstant();
            Instant end = window.end() == null ? periodEnd : window.end().atZone(zone).toInstant();
            event = new VEvent(start.truncatedTo(ChronoUnit.SECONDS), (end.isAfter(start) ? end : start.plusSeconds(1))
                    .truncatedTo(ChronoUnit.SECONDS), kind + ": " + window.name());
        }
        event.add(new Uid(uid(window.id())));
        stamp(event, stamp);
        event.add(new Sequence((int) Math.max(0, window.version() - 1)));
        event.add(new Status(Status.VALUE_CONFIRMED));
        event.add(window.kind() == WindowKind.MAINTENANCE ? new Transp(Transp.VALUE_TRANSPARENT) : new Transp(Transp.VALUE_OPAQUE));
        event.add(new Categories(window.kind() == WindowKind.MAINTENANCE ? "MAINTENANCE_WINDOW" : window.kind().name()));
        StringBuilder description = new StringBuilder(kind);
        if (!window.scope().empty()) {
            description.append(" for");
            if (!window.scope().services().isEmpty()) {
                description.append(" services ").append(String.join(", ", window.scope().services()));
            }
            if (!window.scope().configurationItems().isEmpty()) {
                description.append(" CIs ").append(String.join(", ", window.scope().configurationItems()));
            }
            if (!window.scope().providers().isEmpty()) {
                description.append(" providers ").append(String.join(", ", window.scope().providers()));
            }
        } else if (window.kind() != WindowKind.MAINTENANCE) {
            description.append(" for everything");
        }
        if (window.kind() == WindowKind.LOCKDOWN && window.end() == null) {
            description.append("\nUntil lifted (no end set).");
        }
        if (window.reason() != null) {
            description.append("\n").append(window.reason());
        }
        event.add(new Description(description.toString()));
        return event;
    }

    /**
     * Sets the event's one {@code DTSTAMP} (RFC 5545 §3.6.1: required, "MUST NOT occur more than once") to when the feed
     * was produced. ical4j's {@code VEvent} constructors already add one from the wall clock; it is replaced, not added
     * to, so the feed carries the service clock's instant once.
     */
    private static void stamp(VEvent event, Instant stamp) {
        event.replace(new DtStamp(stamp));
    }

    private static String status(ChangeStatus status) {
        return switch (status) {
            case CANCELLED, REJECTED -> Status.VALUE_CANCELLED;
            case DRAFT, SUBMITTED, ON_HOLD -> Status.VALUE_TENTATIVE;
            default -> Status.VALUE_CONFIRMED;
        };
    }
}
