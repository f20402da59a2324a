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
    @Operation(summary = "The iCalendar feed for calendar clients: subscribe to this URL with ?token=<viewer JWT>")
    public Uni<Response> feed(@QueryParam("token") String token, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("service") String service, @QueryParam("ci") String configurationItem, @QueryParam("provider") String provider,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        return identities.getDeferredIdentity().invoke(identity -> authorize(identity, token, authorization))
                .chain(() -> calendar.build(from, to, service, configurationItem, provider))
                .map(built -> Response.ok(ICalendarFeed.write(built, clock.instant(), CalendarResource.base(uri)), CalendarResource.TEXT_CALENDAR + ";charset=utf-8")
                        .header("Content-Disposition", "inline; filename=\"siam-hub-changes.ics\"").build());
    }

    /** A bearer token in the header (checked by Quarkus) or in {@code ?token=} (checked here); a reader's role either way. */
    private void authorize(SecurityIdentity identity, String token, String authorization) {
        if (!identity.isAnonymous()) {
            if (identity.getRoles().stream().noneMatch(READERS::contains)) {
                throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "the token's roles do not allow this"));
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
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "the token's roles do not allow reading the calendar"));
        }
    }

}
