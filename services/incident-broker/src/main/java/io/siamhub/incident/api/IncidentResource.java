package io.siamhub.incident.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.incident.lifecycle.IncidentAction;
import io.siamhub.incident.lifecycle.IncidentCommands;
import io.siamhub.incident.lifecycle.IncidentIds;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/incidents}: the integrated incidents. Reads need {@code siam-viewer}, writes
 * {@code siam-agent}. Every answer about one incident carries its version as the {@code ETag}; a write
 * with a stale {@code If-Match} is refused with 412.
 */
@Path("/api/incidents")
public class IncidentResource {

    /** A manual incident. */
    public record NewIncidentRequest(@NotBlank @Size(max = 500) String title, @Size(max = 20000) String description, Impact impact,
            Urgency urgency, String service, String configurationItem, @Size(max = 200) String owner) {
    }

    /** The optional body of a status change: why. */
    public record ActionRequest(@Size(max = 2000) String reason) {
    }

    public record AssignRequest(@NotBlank @Size(max = 200) String owner, @Size(max = 2000) String reason) {
    }

    public record CommentRequest(@NotBlank @Size(max = 20000) String text) {
    }

    /** Links a change ({@code change}) or a provider ticket ({@code ticket}): exactly one of the two. */
    public record LinkRequest(@Size(max = 200) String change, @Valid TicketRef ticket, @Size(max = 2000) String reason) {
    }

    public record TicketRef(@NotBlank @Size(max = 100) String system, @NotBlank @Size(max = 200) String key, @Size(max = 2000) String url) {
    }

    /** Overrides impact and/or urgency. */
    public record PriorityRequest(Impact impact, Urgency urgency, @Size(max = 2000) String reason) {
    }

    private final IncidentQueries queries;
    private final IncidentCommands commands;
    private final SecurityIdentity identity;

    IncidentResource(IncidentQueries queries, IncidentCommands commands, SecurityIdentity identity) {
        this.queries = queries;
        this.commands = commands;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List incidents, newest first, filtered; follow nextCursor for the next page")
    public Uni<IncidentQueries.Page> list(@QueryParam("status") List<String> status, @QueryParam("priority") List<String> priority,
            @QueryParam("service") String service, @QueryParam("ci") String configurationItem, @QueryParam("owner") String owner,
            @QueryParam("provider") String provider, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("maintenance") String maintenance, @QueryParam("unmapped") String unmapped, @QueryParam("q") String text,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        IncidentQueries.Filter filter = new IncidentQueries.Filter(enums(IncidentStatus.class, "status", status),
                enums(Priority.class, "priority", priority), service, configurationItem, owner, provider, instant("from", from),
                instant("to", to), bool("maintenance", maintenance), bool("unmapped", unmapped), text);
        return queries.list(filter, cursor, limit);
    }

    @GET
    @Path("tickets")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Provider tickets not linked to any incident yet (link one with POST /{id}/links)")
    public Uni<List<ExternalTicket>> unlinkedTickets(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return queries.unlinkedTickets(limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One incident with its signals, tickets, related changes, SLA clocks and timeline")
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.detail(id).map(detail -> Response.ok(detail).tag(etag(detail.incident())).build());
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Open an incident by hand")
    public Uni<Response> open(@Valid @NotNull NewIncidentRequest request) {
        return commands.open(new IncidentCommands.NewIncident(request.title(), request.description(), request.impact(),
                request.urgency(), request.service(), request.configurationItem(), request.owner()), user())
                .map(incident -> Response.status(Response.Status.CREATED).entity(incident).tag(etag(incident))
                        .location(java.net.URI.create("/api/incidents/" + incident.id())).build());
    }

    @POST
    @Path("{id}/{action: acknowledge|start|hold|resume|resolve|close|reopen}")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Change the status: acknowledge (NEW → ACKNOWLEDGED), start (ACKNOWLEDGED → IN_PROGRESS), "
            + "hold (IN_PROGRESS → ON_HOLD), resume (ON_HOLD → IN_PROGRESS), resolve (any open → RESOLVED), "
            + "close (RESOLVED → CLOSED), reopen (RESOLVED → IN_PROGRESS if acknowledged, else NEW); anything else is 409")
    public Uni<Response> act(@PathParam("id") String id, @PathParam("action") String action,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ActionRequest body) {
        IncidentAction chosen = IncidentAction.valueOf(action.toUpperCase(Locale.ROOT));
        return respond(commands.act(id, chosen, ifMatch, user(), body == null ? null : body.reason()));
    }

    @POST
    @Path("{id}/assign")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Give the incident to another provider or resolver group")
    public Uni<Response> assign(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AssignRequest request) {
        return respond(commands.assign(id, request.owner().strip(), ifMatch, user(), request.reason()));
    }

    @POST
    @Path("{id}/comments")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Add a comment to the timeline")
    public Uni<Response> comment(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CommentRequest request) {
        return respond(commands.comment(id, request.text(), ifMatch, user()));
    }

    @POST
    @Path("{id}/links")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Link a change or a provider ticket")
    public Uni<Response> link(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull LinkRequest request) {
        boolean change = request.change() != null && !request.change().isBlank();
        if (change == (request.ticket() != null)) {
            throw ProblemException.badRequest("give exactly one of change or ticket");
        }
        if (change) {
            return respond(commands.linkChange(id, request.change().strip(), ifMatch, user(), request.reason()));
        }
        TicketRef ticket = request.ticket();
        return respond(commands.linkTicket(id, new ExternalTicket(ticket.system().strip(), ticket.key().strip(), ticket.url(), null),
                ifMatch, user(), request.reason()));
    }

    @PATCH
    @RolesAllowed(Roles.AGENT)
    @Path("{id}")
    @Operation(summary = "Override impact and/or urgency; the override sticks")
    public Uni<Response> prioritize(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PriorityRequest request) {
        if (request.impact() == null && request.urgency() == null) {
            throw ProblemException.badRequest("give impact, urgency or both");
        }
        return respond(commands.prioritize(id, request.impact(), request.urgency(), ifMatch, user(), request.reason()));
    }

    private static Uni<Response> respond(Uni<Incident> incident) {
        return incident.map(updated -> Response.ok(updated).tag(etag(updated)).build());
    }

    private static jakarta.ws.rs.core.EntityTag etag(Incident incident) {
        return jakarta.ws.rs.core.EntityTag.valueOf(IncidentIds.etag(incident.version()));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static <E extends Enum<E>> List<E> enums(Class<E> type, String name, List<String> values) {
        List<E> parsed = new ArrayList<>();
        for (String value : values == null ? List.<String> of() : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(name + " " + part.strip() + " is not one of "
                            + java.util.Arrays.toString(type.getEnumConstants()));
                }
            }
        }
        return parsed;
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " " + value + " is not an ISO-8601 instant (2026-11-24T10:00:00Z)");
        }
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw ProblemException.badRequest(name + " must be true or false");
    }
}
