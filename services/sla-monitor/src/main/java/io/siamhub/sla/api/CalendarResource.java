package io.siamhub.sla.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.sla.Invalid;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.calendar.CalendarSpec;
import io.siamhub.sla.clock.Recompute;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaModel;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/sla/calendars}: business calendars (write {@code siam-admin}, read {@code siam-viewer}) and their
 * arithmetic ({@code due}, {@code elapsed}). Editing a calendar recomputes every running clock that counts on it.
 */
@Path("/api/sla/calendars")
public class CalendarResource {

    /** A calendar as stored, with its id; after a write, how many incidents' clocks were recomputed. */
    public record CalendarView(String id, String name, String timeZone, Map<String, List<CalendarSpec.OpenHours>> hours, Boolean alwaysOpen,
            List<CalendarSpec.Holiday> holidays, Integer recomputed) {

        static CalendarView of(String id, CalendarSpec spec, Integer recomputed) {
            return new CalendarView(id, spec.name(), spec.timeZone(), spec.hours(), spec.alwaysOpen(), spec.holidays(), recomputed);
        }
    }

    /** The answer of {@code due}: business time {@code duration} from {@code start} is used up at {@code dueAt} (UTC). */
    public record DueView(Instant start, Duration duration, Instant dueAt) {
    }

    /** The answer of {@code elapsed}: business time between {@code from} and {@code to}. */
    public record ElapsedView(Instant from, Instant to, Duration elapsed) {
    }

    private final ModelStore models;
    private final Recompute recompute;

    CalendarResource(ModelStore models, Recompute recompute) {
        this.models = models;
        this.recompute = recompute;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every calendar, by id")
    public Uni<List<CalendarView>> list() {
        return model().map(model -> model.calendarSpecs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> CalendarView.of(entry.getKey(), entry.getValue(), null)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One calendar")
    public Uni<CalendarView> get(@PathParam("id") String id) {
        return model().map(model -> CalendarView.of(id, spec(model, id), null));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a calendar (201 when created); running clocks on it are recomputed")
    public Uni<Response> put(@PathParam("id") String id, CalendarSpec spec) {
        return Panache.withTransaction(() -> models.putCalendar(id, spec))
                .chain(write -> (!write.changed() || write.created() ? Uni.createFrom().item(new Recompute.Result(0, 0))
                        : model().chain(model -> recompute.definitions(model.definitionsOn(id), false, "calendar " + id + " changed")))
                        .map(result -> Response.status(write.created() ? Response.Status.CREATED : Response.Status.OK)
                                .entity(CalendarView.of(id, spec, result.incidents())).build()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a calendar no definition counts on (409 otherwise)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return Panache.withTransaction(() -> models.deleteCalendar(id)).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}/due")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "When business time `duration` counted from `start` is used up (UTC)")
    public Uni<DueView> due(@PathParam("id") String id, @QueryParam("start") String start, @QueryParam("duration") String duration) {
        Instant from = instant("start", start);
        Duration target = duration("duration", duration);
        return model().map(model -> {
            BusinessCalendar calendar = calendar(model, id);
            try {
                return new DueView(from, target, calendar.due(from, target));
            } catch (BusinessCalendar.NoOpenTimeException e) {
                throw Invalid.field("duration", e.getMessage());
            }
        });
    }

    @GET
    @Path("{id}/elapsed")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Business time between two instants")
    public Uni<ElapsedView> elapsed(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (end.isBefore(start)) {
            throw Invalid.field("to", to + " is before from " + from);
        }
        if (Duration.between(start, end).toDays() > BusinessCalendar.HORIZON_DAYS) {
            throw Invalid.field("to", "the span is longer than " + BusinessCalendar.HORIZON_DAYS + " days");
        }
        return model().map(model -> new ElapsedView(start, end, calendar(model, id).elapsed(start, end)));
    }

    private Uni<SlaModel> model() {
        return Panache.withSession(models::current);
    }

    private static CalendarSpec spec(SlaModel model, String id) {
        CalendarSpec spec = model.calendarSpecs().get(id);
        if (spec == null) {
            throw ProblemException.notFound("no calendar " + id);
        }
        return spec;
    }

    private static BusinessCalendar calendar(SlaModel model, String id) {
        spec(model, id);
        BusinessCalendar calendar = model.calendars().get(id);
        if (calendar == null) {
            throw ProblemException.conflict("calendar " + id + " is stored but does not validate; PUT it again");
        }
        return calendar;
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Invalid.field(name, "is required: an ISO-8601 instant such as 2026-11-23T09:00:00Z");
        }
        try {
            return java.time.OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Invalid.field(name, value + " is not an ISO-8601 instant with an offset (e.g. 2026-11-23T09:00:00Z)");
        }
    }

    static Duration duration(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Invalid.field(name, "is required: an ISO-8601 duration such as PT4H");
        }
        try {
            Duration duration = Duration.parse(value.strip());
            if (duration.isNegative()) {
                throw Invalid.field(name, value + " is negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw Invalid.field(name, value + " is not an ISO-8601 duration such as PT4H or P1D");
        }
    }
}
