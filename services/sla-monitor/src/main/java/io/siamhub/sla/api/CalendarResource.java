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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    static final String ID = "The calendar's id";
    static final String NO_CALENDAR = "No calendar with this id";
    static final String STORED_INVALID = "The calendar is stored but no longer validates: PUT it again";

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
    @APIResponse(responseCode = "200", description = "The calendars, sorted by id", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = CalendarView.class)))
    public Uni<List<CalendarView>> listCalendars() {
        return model().map(model -> model.calendarSpecs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> CalendarView.of(entry.getKey(), entry.getValue(), null)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One calendar")
    @APIResponse(responseCode = "200", description = "The calendar", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "404", description = NO_CALENDAR)
    public Uni<CalendarView> getCalendar(@Parameter(description = ID, example = ApiExamples.DEMO_CALENDAR) @PathParam("id") String id) {
        return model().map(model -> CalendarView.of(id, spec(model, id), null));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a calendar (201 when created); running clocks on it are recomputed",
            description = "`timeZone` is an IANA zone id (a fixed offset is refused: offsets break at DST). `hours`: per day of the week, "
                    + "local open segments `HH:mm`-`HH:mm` (`end` may be `24:00`); a day absent is closed; or `\"alwaysOpen\": true`. "
                    + "`holidays`: whole local days closed, `{date}` or `{from, to}` inclusive. Local times become instants by "
                    + "RFC 5545 section 3.3.5. A changed calendar recomputes every running clock that counts on it (`recomputed`: "
                    + "how many incidents); finished clocks keep their result.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarSpec.class),
            examples = {@ExampleObject(name = "business-hours", value = ApiExamples.CALENDAR),
                    @ExampleObject(name = "always-open", value = ApiExamples.ALWAYS_OPEN)}))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CalendarView.class), example = ApiExamples.CALENDAR_VIEW))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CalendarView.class), example = ApiExamples.CALENDAR_VIEW))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid: `errors` names it (`timeZone`, `hours.MONDAY` for "
            + "overlapping or reversed segments, `holidays[1].to`, an unknown field)")
    public Uni<Response> putCalendar(@Parameter(description = ID + " (letters, digits, `-`, `_`, `.`)", example = ApiExamples.NEW_CALENDAR)
            @PathParam("id") String id, CalendarSpec spec) {
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
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NO_CALENDAR)
    @APIResponse(responseCode = "409", description = "A definition counts on this calendar: the detail names them; delete or change them first")
    public Uni<Response> deleteCalendar(@Parameter(description = ID, example = ApiExamples.NEW_CALENDAR) @PathParam("id") String id) {
        return Panache.withTransaction(() -> models.deleteCalendar(id)).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}/due")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "When business time `duration` counted from `start` is used up (UTC)",
            description = "The due instant is the earliest instant at which business time reaches the duration: a duration used up exactly "
                    + "at closing time is due at closing time. `P1D` is 24 hours of business time.")
    @APIResponse(responseCode = "200", description = "The due instant", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DueView.class), example = ApiExamples.DUE))
    @APIResponse(responseCode = "400", description = "`start` is not an ISO-8601 instant with an offset, `duration` not a non-negative "
            + "ISO-8601 duration, or the calendar has no open time within its horizon")
    @APIResponse(responseCode = "404", description = NO_CALENDAR)
    @APIResponse(responseCode = "409", description = STORED_INVALID)
    public Uni<DueView> due(@Parameter(description = ID, example = ApiExamples.DEMO_CALENDAR) @PathParam("id") String id,
            @Parameter(description = "Where counting starts: an ISO-8601 instant with an offset", required = true,
                    example = "2026-11-27T16:30:00Z") @QueryParam("start") String start,
            @Parameter(description = "Business time to count: an ISO-8601 duration", required = true, example = "PT2H")
            @QueryParam("duration") String duration) {
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
    @APIResponse(responseCode = "200", description = "The business time in [from, to)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ElapsedView.class), example = ApiExamples.ELAPSED))
    @APIResponse(responseCode = "400", description = "`from` or `to` is not an ISO-8601 instant with an offset, `to` is before `from`, or "
            + "the span is longer than the calendar's horizon")
    @APIResponse(responseCode = "404", description = NO_CALENDAR)
    @APIResponse(responseCode = "409", description = STORED_INVALID)
    public Uni<ElapsedView> elapsed(@Parameter(description = ID, example = ApiExamples.DEMO_CALENDAR) @PathParam("id") String id,
            @Parameter(description = "Start: an ISO-8601 instant with an offset", required = true, example = "2026-11-27T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "End (exclusive): an ISO-8601 instant with an offset", required = true, example = "2026-12-01T00:00:00Z")
            @QueryParam("to") String to) {
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
