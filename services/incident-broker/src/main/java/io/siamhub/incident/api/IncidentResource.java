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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.incident.lifecycle.IncidentCommands;
import io.siamhub.incident.lifecycle.IncidentIds;
import io.siamhub.incident.rules.IncidentAction;
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
 * {@code siam-agent}. An incident is named in a path by its id or its number ({@code INC0000001}).
 * Every answer about one incident carries its version as the {@code ETag}; a write with a stale
 * {@code If-Match} is refused with 412.
 */
@Path("/api/incidents")
public class IncidentResource {

    static final String ID = "The incident's id (a UUID) or its number (INC0000001)";
    static final String IF_MATCH = "Optional: the ETag the client last read; a write to a newer version is refused with 412";
    static final String ETAG = "The incident's version, for If-Match";
    static final String STALE = "If-Match names an older version: read the incident again and retry";

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
    @Operation(summary = "List incidents, newest first, filtered; follow nextCursor for the next page",
            description = "Filters combine with AND; status and priority take several values (repeated or comma-separated).")
    @APIResponse(responseCode = "200", description = "One page of incidents", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = IncidentQueries.Page.class)))
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
    @APIResponse(responseCode = "200", description = "The unlinked tickets, most recently updated first",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY,
                    implementation = ExternalTicket.class)))
    public Uni<List<ExternalTicket>> unlinkedTickets(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return queries.unlinkedTickets(limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One incident with its signals, tickets, related changes, SLA clocks and timeline")
    @APIResponse(responseCode = "200", description = "The incident and everything around it",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IncidentQueries.Detail.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number")
    public Uni<Response> get(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id) {
        return queries.detail(id).map(detail -> Response.ok(detail).tag(etag(detail.incident())).build());
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Open an incident by hand",
            description = "Impact and owner come from the catalog when not given; urgency defaults to MEDIUM. "
                    + "A manual incident never absorbs signals.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewIncidentRequest.class),
            examples = @ExampleObject(name = "checkout", value = "{\"title\": \"Checkout answers 502 for some customers\", "
                    + "\"description\": \"Reported by the web shop team\", \"urgency\": \"HIGH\", \"service\": \"webshop\"}")))
    @APIResponse(responseCode = "201", description = "Opened",
            headers = {@Header(name = "Location", description = "The new incident's URL",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or names a service, configuration item or owner "
            + "the catalog does not have (an owner: with the nearest known ones)")
    public Uni<Response> open(@Valid @NotNull NewIncidentRequest request) {
        return commands.open(new IncidentCommands.NewIncident(request.title(), request.description(), request.impact(),
                request.urgency(), request.service(), request.configurationItem(), request.owner()), user())
                .map(incident -> Response.status(Response.Status.CREATED).entity(incident).tag(etag(incident))
                        .location(java.net.URI.create("/api/incidents/" + incident.id())).build());
    }

    @POST
    @Path("{id}/{action}")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Change the status: acknowledge (NEW → ACKNOWLEDGED), start (ACKNOWLEDGED → IN_PROGRESS), "
            + "hold (IN_PROGRESS → ON_HOLD), resume (ON_HOLD → IN_PROGRESS), resolve (any open → RESOLVED), "
            + "close (RESOLVED → CLOSED), reopen (RESOLVED → IN_PROGRESS if acknowledged, else NEW); anything else is 409",
            description = "The body is optional: send none, or {\"reason\": \"...\"} as application/json.")
    @RequestBody(required = false, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "reason", value = "{\"reason\": \"looking into it\"}")))
    @APIResponse(responseCode = "200", description = "The incident after the change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number, or no such action")
    @APIResponse(responseCode = "409", description = "The action is not allowed in the incident's status; the detail names the ones that are")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> act(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id,
            @Parameter(description = "The status change", example = "acknowledge", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"acknowledge", "start", "hold", "resume", "resolve", "close", "reopen"})) @PathParam("action") String action,
            @Parameter(description = IF_MATCH, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ActionRequest body) {
        IncidentAction chosen = java.util.Arrays.stream(IncidentAction.values()).filter(known -> known.wireName().equals(action))
                .findFirst().orElseThrow(() -> ProblemException.notFound("no action " + action + " on incidents; POST /api/incidents/{id}/"
                        + "acknowledge, start, hold, resume, resolve, close or reopen change the status, and /assign, /comments, /links"
                        + " do the rest"));
        return respond(commands.act(id, chosen, ifMatch, user(), body == null ? null : body.reason()));
    }

    @POST
    @Path("{id}/assign")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Give the incident to another provider or resolver group")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignRequest.class),
            examples = @ExampleObject(name = "dba", value = "{\"owner\": \"dba-oncall\", \"reason\": \"lock waits on the payments database\"}")))
    @APIResponse(responseCode = "200", description = "The incident after the change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> assign(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AssignRequest request) {
        return respond(commands.assign(id, request.owner().strip(), ifMatch, user(), request.reason()));
    }

    @POST
    @Path("{id}/comments")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Add a comment to the timeline")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CommentRequest.class),
            examples = @ExampleObject(name = "comment", value = "{\"text\": \"restarted the pods; watching the error rate\"}")))
    @APIResponse(responseCode = "200", description = "The incident after the change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> comment(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CommentRequest request) {
        return respond(commands.comment(id, request.text(), ifMatch, user()));
    }

    @POST
    @Path("{id}/links")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Link a change or a provider ticket", description = "Give exactly one of change and ticket. A ticket links to one "
            + "incident; its later provider updates go on this incident's timeline.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkRequest.class),
            examples = @ExampleObject(name = "ticket", value = "{\"ticket\": {\"system\": \"servicenow\", \"key\": \"INC0010042\"}, "
                    + "\"reason\": \"the provider's ticket for this outage\"}")))
    @APIResponse(responseCode = "200", description = "The incident after the change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number")
    @APIResponse(responseCode = "409", description = "Already linked: the change to this incident, or the ticket to an incident")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> link(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
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
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = PriorityRequest.class),
            examples = @ExampleObject(name = "urgency", value = "{\"urgency\": \"HIGH\", \"reason\": \"customers are calling\"}")))
    @APIResponse(responseCode = "200", description = "The incident after the change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Incident.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id or number")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> prioritize(@Parameter(description = ID, example = "INC0000001") @PathParam("id") String id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
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
