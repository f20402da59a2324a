package io.siamhub.change.api;

import java.time.Clock;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.change.calendar.ICalendarFeed;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/changes/calendar.ics}: the iCalendar feed for calendar clients (RFC 5545), which cannot send headers:
 * a reader's token in {@code ?token=} is accepted here (checked against the same issuer key as bearer tokens); a
 * bearer header works too; none is 401. Same {@code from}, {@code to}, {@code service}, {@code ci},
 * {@code provider} as {@code /api/changes/calendar}.
 */
@Path("/api/changes/calendar.ics")
public class CalendarFeedResource {

    private static final Set<String> READERS = Set.of(Roles.VIEWER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN);

    private final CalendarQueries calendar;
    private final Clock clock;
    private final JWTParser jwt;
    private final CurrentIdentityAssociation identities;

    CalendarFeedResource(CalendarQueries calendar, Clock clock, JWTParser jwt, CurrentIdentityAssociation identities) {
        this.calendar = calendar;
        this.clock = clock;
        this.jwt = jwt;
        this.identities = identities;
    }

    @GET
    @PermitAll
    @Produces(CalendarResource.TEXT_CALENDAR)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(summary = "The iCalendar feed for calendar clients: subscribe to this URL with ?token=<viewer JWT>",
            description = "Calendar clients cannot send headers: the reader's JWT goes in ?token= (a bearer header works too). The "
                    + "same period and filters as GET /api/changes/calendar; stable UIDs, SEQUENCE raised on reschedule, cancelled "
                    + "changes kept as STATUS:CANCELLED, recurring windows as RRULE with TZID and VTIMEZONE.")
    @APIResponse(responseCode = "200", description = "The calendar as RFC 5545 iCalendar", content = @Content(
            mediaType = CalendarResource.TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING, description = "RFC 5545 iCalendar")))
    @APIResponse(responseCode = "401", description = "No token (neither ?token= nor a bearer header), or one that is expired, malformed "
            + "or not signed by the configured issuer")
    public Uni<Response> calendarFeed(
            @Parameter(description = "A JWT with a reader role (siam-viewer, or a role that includes it): ./hub token --role siam-viewer "
                    + "--ttl 2160h", example = "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl") @QueryParam("token") String token,
            @Parameter(description = "ISO-8601 instant; default today (UTC midnight), or 30 days before to",
                    example = "2027-03-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant (exclusive); default 30 days after from; at most 732 days after it",
                    example = "2027-04-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Only what touches or covers this service", example = "payments") @QueryParam("service") String service,
            @Parameter(description = "Only what touches or covers this configuration item", example = "payments-db") @QueryParam("ci")
            String configurationItem,
            @Parameter(description = "Only what this provider does, runs or is covered by", example = "aws") @QueryParam("provider")
            String provider,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        return identities.getDeferredIdentity().invoke(identity -> authorize(identity, token, authorization))
                .chain(() -> calendar.build(from, to, service, configurationItem, provider))
                .map(built -> Response.ok(ICalendarFeed.write(built, clock.instant(), CalendarResource.base(uri)), CalendarResource.TEXT_CALENDAR + ";charset=utf-8")
                        .header("Content-Disposition", "inline; filename=\"siam-hub-changes.ics\"").build());
    }

    /** 403 naming the role the feed needs and the roles the token has. */
    private static ProblemException forbidden(Set<String> roles) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", "GET /api/changes/calendar.ics needs the role " + Roles.VIEWER
                + " (" + Roles.AGENT + ", " + Roles.CHANGE_MANAGER + " and " + Roles.ADMIN + " include it); the token has "
                + (roles.isEmpty() ? "no role" : "only " + String.join(", ", new java.util.TreeSet<>(roles)))
                + "; mint one with ./hub token --role " + Roles.VIEWER));
    }

    /** A bearer token in the header (checked by Quarkus) or in {@code ?token=} (checked here); a reader's role either way. */
    private void authorize(SecurityIdentity identity, String token, String authorization) {
        if (!identity.isAnonymous()) {
            if (identity.getRoles().stream().noneMatch(READERS::contains)) {
                throw forbidden(identity.getRoles());
            }
            return;
        }
        if (token == null || token.isBlank()) {
            throw CalendarResource.unauthorized("a viewer token is required: add ?token=<JWT> to the feed URL (calendar clients cannot send headers)"
                    + (authorization != null ? "; the Authorization header was not a valid bearer token" : ""));
        }
        JsonWebToken parsed;
        try {
            parsed = jwt.parse(token.strip());
        } catch (ParseException e) {
            throw CalendarResource.unauthorized("the token in ?token= is not a valid siam-hub JWT (expired, wrong issuer or signature)");
        }
        if (parsed.getGroups().stream().noneMatch(READERS::contains)) {
            throw forbidden(parsed.getGroups());
        }
    }

}
