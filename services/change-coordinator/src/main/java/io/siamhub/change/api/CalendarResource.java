package io.siamhub.change.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.siamhub.change.calendar.CalendarEntry;
import io.siamhub.change.calendar.ICalendarFeed;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/changes/calendar}: every change, provider maintenance and freeze / lockdown / maintenance-window
 * occurrence in {@code [from, to)} (ISO instants; default: the next 30 days), as JSON or, with
 * {@code Accept: text/calendar}, as iCalendar. {@code /api/changes/calendar.ics} serves the iCalendar feed to
 * calendar clients, which cannot send headers: a viewer token in {@code ?token=} is accepted there (none: 401).
 */
@Path("/api/changes/calendar")
public class CalendarResource {

    static final String TEXT_CALENDAR = "text/calendar";

    /** The JSON calendar. */
    public record CalendarView(Instant from, Instant to, List<CalendarEntry> entries) {
    }

    private final CalendarQueries queries;
    private final Clock clock;

    CalendarResource(CalendarQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, TEXT_CALENDAR})
    @Operation(summary = "The change calendar of [from, to): JSON, or iCalendar with Accept: text/calendar",
            description = "Every change, provider maintenance and freeze, lockdown and maintenance-window occurrence in the period.")
    @APIResponse(responseCode = "200", description = "The calendar", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarView.class)),
            @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING, description = "RFC 5545 iCalendar"))})
    public Uni<Response> calendar(
            @Parameter(description = "ISO-8601 instant; default today (UTC midnight), or 30 days before to",
                    example = "2027-03-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant (exclusive); default 30 days after from; at most 732 days after it",
                    example = "2027-04-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Only what touches or covers this service", example = "payments") @QueryParam("service") String service,
            @Parameter(description = "Only what touches or covers this configuration item", example = "payments-db") @QueryParam("ci")
            String configurationItem,
            @Parameter(description = "Only what this provider does, runs or is covered by", example = "aws") @QueryParam("provider")
            String provider, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        boolean ics = headers.getAcceptableMediaTypes().stream().anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("calendar"))
                && headers.getAcceptableMediaTypes().stream().noneMatch(type -> type.getSubtype().equals("json"));
        return queries.build(from, to, service, configurationItem, provider).map(calendar -> ics
                ? Response.ok(ICalendarFeed.write(calendar, clock.instant(), base(uri)), TEXT_CALENDAR + ";charset=utf-8").build()
                : Response.ok(new CalendarView(calendar.from(), calendar.to(), calendar.entries()), MediaType.APPLICATION_JSON).build());
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail), java.util.Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    static String base(UriInfo uri) {
        String text = uri.getBaseUri().toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
