package io.siamhub.change.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
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
import io.siamhub.change.ChangeConfig;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.change.lifecycle.ChangeAction;
import io.siamhub.change.lifecycle.ChangeCommands;
import io.siamhub.change.lifecycle.ChangeIds;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.IncidentRelation;
import io.siamhub.model.change.Risk;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/changes}: RFCs and provider maintenance on one calendar. Reads need {@code siam-viewer}; raising and
 * editing one's own changes {@code siam-agent}; approving, rejecting, scheduling, holding and releasing
 * {@code siam-change-manager} (who may also edit any change). Every answer about one change carries its version as
 * the {@code ETag}; a write with a stale {@code If-Match} is refused with 412. A change is named in a path by its id or
 * its number ({@code CHG0000001}).
 */
@Path("/api/changes")
public class ChangeResource {

    static final String ID = "The change's id (a UUID) or its number (CHG0000001)";
    static final String ID_EXAMPLE = "CHG0000001";
    static final String IF_MATCH = "Optional: the ETag the client last read; a write to a newer version is refused with 412";
    static final String ETAG = "The change's version, for If-Match";
    static final String STALE = "If-Match names an older version: read the change again and retry";
    static final String NOT_FOUND = "No change with this id or number";
    static final String AFTER = "The change after the write";
    static final String WINDOW = "\"window\": {\"start\": \"2027-03-07T01:00:00Z\", \"end\": \"2027-03-07T03:00:00Z\"}";
    static final String NEW_CHANGE = "{\"title\": \"Patch the payments database\", \"type\": \"NORMAL\", "
            + "\"configurationItems\": [\"payments-db\"], \"implementer\": \"dba-oncall\", " + WINDOW + ", "
            + "\"backoutPlan\": \"restore the pre-change snapshot\"}";

    /** A new RFC. */
    public record NewChangeRequest(@NotBlank @Size(max = 500) String title, @Size(max = 20000) String description, ChangeType type,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> services,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> configurationItems, @Size(max = 200) String implementer,
            @NotNull TimeWindow window, @Size(max = 20000) String backoutPlan, Risk risk, @Size(max = 2000) String riskReason) {
    }

    /** A PATCH: only the fields given change. */
    public record EditRequest(@Size(min = 1, max = 500) String title, @Size(max = 20000) String description, ChangeType type,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> services,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> configurationItems, @Size(max = 200) String implementer,
            TimeWindow window, @Size(max = 20000) String backoutPlan, Risk risk, @Size(max = 2000) String riskReason,
            @Size(max = 2000) String reason) {
    }

    /** The optional body of a status change. */
    public record ActionRequest(@Size(max = 2000) String reason) {
    }

    /** The optional body of approve / reject ({@code comment} is required to reject). */
    public record DecisionRequest(@Size(max = 2000) String comment) {
    }

    public record CommentRequest(@NotBlank @Size(max = 20000) String text) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    /**
     * An incident linked by hand: {@code incidentId} is the incident's id (a UUID, what the incident broker links back by);
     * {@code number} ({@code INC0000042}) is shown with it.
     */
    public record LinkRequest(@Size(max = 64) String incidentId, @Size(max = 32) String number, @NotNull IncidentRelation relation,
            @Size(max = 2000) String reason) {
    }

    /** A proposed window for {@code POST /api/changes/check}. */
    public record CheckRequest(@Size(max = 100) List<@NotBlank @Size(max = 128) String> services,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> configurationItems, @Size(max = 200) String implementer,
            @NotNull TimeWindow window, @Min(1) @Max(100) Integer slots) {
    }

    private final ChangeQueries queries;
    private final ChangeCommands commands;
    private final ChangeChecks checks;
    private final SecurityIdentity identity;
    private final ChangeConfig config;
    private final CatalogCopy catalog;

    ChangeResource(ChangeQueries queries, ChangeCommands commands, ChangeChecks checks, SecurityIdentity identity, ChangeConfig config,
            CatalogCopy catalog) {
        this.catalog = catalog;
        this.queries = queries;
        this.commands = commands;
        this.checks = checks;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List changes, newest first, filtered; follow nextCursor for the next page",
            description = "Filters combine with AND; status, origin and type take several values (repeated or comma-separated). "
                    + "from/to select changes whose planned window overlaps [from, to).")
    @APIResponse(responseCode = "200", description = "One page of changes", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ChangeQueries.Page.class)))
    public Uni<ChangeQueries.Page> listChanges(
            @Parameter(description = "DRAFT, SUBMITTED, APPROVED, REJECTED, SCHEDULED, IN_PROGRESS, COMPLETED, FAILED, BACKED_OUT, "
                    + "CANCELLED, ON_HOLD", example = "SUBMITTED,APPROVED") @QueryParam("status") List<String> status,
            @Parameter(description = "RFC or PROVIDER_MAINTENANCE", example = "PROVIDER_MAINTENANCE") @QueryParam("origin") List<String> origin,
            @Parameter(description = "STANDARD, NORMAL or EMERGENCY", example = "EMERGENCY") @QueryParam("type") List<String> type,
            @Parameter(description = "Touches this service (or a CI of it)", example = "payments") @QueryParam("service") String service,
            @Parameter(description = "Touches this configuration item", example = "payments-db") @QueryParam("ci") String configurationItem,
            @Parameter(description = "By this provider (maintenance) or implemented by it", example = "aws") @QueryParam("provider") String provider,
            @Parameter(description = "The provider's reference of a maintenance (AWS eventArn, Azure trackingId)",
                    example = "arn:aws:health:eu-west-1::event/EC2/AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED/abc")
            @QueryParam("providerRef") String providerRef,
            @Parameter(description = "ISO-8601 instant", example = "2027-03-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant (exclusive)", example = "2027-04-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", example = "50") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        CatalogView view = catalog.current();
        return queries.list(new ChangeQueries.Filter(Params.enums(ChangeStatus.class, "status", status),
                Params.enums(ChangeOrigin.class, "origin", origin), Params.enums(ChangeType.class, "type", type),
                Params.service(view, "service", service), Params.configurationItem(view, "ci", configurationItem), Params.text(provider), Params.text(providerRef), Params.instant("from", from),
                Params.instant("to", to)), cursor, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One change with its approvals, conflicts, incident links and timeline")
    @APIResponse(responseCode = "200", description = "The change", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<Response> getChange(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return respond(queries.get(id));
    }

    @GET
    @Path("{id}/conflicts")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The change's current conflicts")
    @APIResponse(responseCode = "200", description = "Its conflicts, blocking ones (hard freeze, lockdown) marked",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = Conflict.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<List<Conflict>> conflicts(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return queries.get(id).map(ChangeRequest::conflicts);
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Raise an RFC (status DRAFT); submit it with POST /{id}/submit",
            description = "services and configurationItems must be in the catalog; risk is computed unless given with a riskReason.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewChangeRequest.class),
            examples = @ExampleObject(name = "patch", value = NEW_CHANGE)))
    @APIResponse(responseCode = "201", description = "Raised", headers = {@Header(name = "Location", description = "The new change's URL",
            schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or names a service or configuration item the catalog "
            + "does not have")
    public Uni<Response> createChange(@Valid @NotNull NewChangeRequest request) {
        return commands.create(new ChangeCommands.NewChange(request.title(), request.description(), request.type(), request.services(),
                request.configurationItems(), request.implementer(), request.window(), request.backoutPlan(), request.risk(),
                request.riskReason()), caller())
                .map(change -> Response.created(URI.create("/api/changes/" + change.id())).entity(change).tag(etag(change)).build());
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Edit a change (its requester, or a change manager): title, description, type, services, configurationItems, "
            + "implementer, window (a reschedule), backoutPlan, risk with riskReason (an override)",
            description = "Only the fields given change. A new window, CIs, services or type withdraw an approval: the change goes back "
                    + "to SUBMITTED in the next round (a STANDARD change stays pre-approved, unless it lands in a hard freeze or "
                    + "lockdown: 409).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditRequest.class),
            examples = @ExampleObject(name = "reschedule", value = "{" + WINDOW + ", \"reason\": \"the vendor's patch is a day late\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "403", description = "Not its requester nor a change manager, or the token lacks the role")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Closed, a provider's maintenance (its window follows the provider), or a STANDARD "
            + "change moved into a hard freeze or lockdown")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> editChange(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EditRequest request) {
        return respond(commands.edit(id, ifMatch, new ChangeCommands.Edit(request.title(), request.description(), request.type(),
                request.services(), request.configurationItems(), request.implementer(), request.window(), request.backoutPlan(),
                request.risk(), request.riskReason(), request.reason()), caller()));
    }

    @POST
    @Path("{id}/{action}")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Move a change through its lifecycle: submit, schedule, start, complete, fail, back-out, cancel, hold, release",
            description = "The body is optional: send none, or {\"reason\": \"...\"} as application/json. An action not allowed "
                    + "from the change's status is 409 naming the allowed ones. schedule, hold and release need siam-change-manager; "
                    + "the others the change's requester or a change manager.")
    @RequestBody(required = false, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "reason", value = "{\"reason\": \"ready for the CAB\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "403", description = "Not its requester nor a change manager (schedule, hold, release: not a change "
            + "manager), or the token lacks the role")
    @APIResponse(responseCode = "404", description = "No change with this id or number, or no such action")
    @APIResponse(responseCode = "409", description = "Not allowed from the change's status (the detail names the allowed actions), a "
            + "change without a window submitted, or a STANDARD change submitted into a hard freeze or lockdown")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> changeStatus(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "The status change", example = "submit", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "submit", "schedule", "start", "complete", "fail", "back-out", "cancel", "hold", "release"})) @PathParam("action") String action,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ActionRequest body) {
        ChangeAction chosen = ChangeAction.fromWire(action);
        if (chosen == null || chosen == ChangeAction.APPROVE || chosen == ChangeAction.REJECT) {
            throw ProblemException.notFound("no action " + action + " on changes; POST /api/changes/{id}/submit, schedule, start, complete, "
                    + "fail, back-out, cancel, hold or release change the status, /approve and /reject decide (CAB), and /comments, "
                    + "/escalate, /freeze-exception, /incidents do the rest");
        }
        return respond(commands.act(id, chosen, ifMatch, body == null ? null : body.reason(), caller()));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Approve (CAB): counts per risk; never one's own change (403); a hard freeze or lockdown refuses it (409)",
            description = "The body is optional: {\"comment\": \"...\"}. The change becomes APPROVED once the risk's approvals are in "
                    + "(HIGH: one from the configured group).")
    @RequestBody(required = false, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DecisionRequest.class),
            examples = @ExampleObject(name = "comment", value = "{\"comment\": \"backout plan checked\"}")))
    @APIResponse(responseCode = "200", description = "The change after the decision (still SUBMITTED while approvals are missing)",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "403", description = "The caller raised the change (nobody approves their own), or lacks the role")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not awaiting a decision, already decided by this manager in the round, or inside a "
            + "hard freeze or lockdown without an exception")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> approve(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid DecisionRequest body) {
        return respond(commands.decide(id, ApprovalDecision.APPROVED, ifMatch, body == null ? null : body.comment(), caller()));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Reject (CAB), with a comment: ends the approval round")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DecisionRequest.class),
            examples = @ExampleObject(name = "comment", value = "{\"comment\": \"no tested backout plan\"}")))
    @APIResponse(responseCode = "200", description = "The change, REJECTED", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "400", description = "No comment: say why")
    @APIResponse(responseCode = "403", description = "The caller raised the change, or lacks the role")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not awaiting a decision, or already decided by this manager in the round")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> reject(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid DecisionRequest body) {
        if (body == null || body.comment() == null || body.comment().isBlank()) {
            throw Params.invalid("comment", "say why the change is rejected");
        }
        return respond(commands.decide(id, ApprovalDecision.REJECTED, ifMatch, body.comment(), caller()));
    }

    @POST
    @Path("{id}/freeze-exception")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Grant an EMERGENCY change an exception to hard freezes and lockdowns, with a reason")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "reason", value = "{\"reason\": \"P1: card payments fail without the fix\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "403", description = "The caller raised the change, or lacks the role")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not an EMERGENCY change, or closed")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> freezeException(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonRequest body) {
        return respond(commands.grantException(id, ifMatch, body.reason(), caller()));
    }

    @POST
    @Path("{id}/comments")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Add a comment to the timeline (provider maintenance included)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CommentRequest.class),
            examples = @ExampleObject(name = "comment", value = "{\"text\": \"the DBA team confirmed the snapshot\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> commentOnChange(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CommentRequest body) {
        return respond(commands.comment(id, ifMatch, body.text(), caller()));
    }

    @POST
    @Path("{id}/escalate")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Escalate a change (e.g. a provider's maintenance that clashes), with a reason")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "reason", value = "{\"reason\": \"AWS reboots our payments fleet during the sale\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Closed")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> escalate(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonRequest body) {
        return respond(commands.escalate(id, ifMatch, body.reason(), caller()));
    }

    @POST
    @Path("{id}/incidents")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Link an incident: SUSPECTED_CAUSE, CAUSED or RELATED (linking it again replaces the link)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkRequest.class),
            examples = @ExampleObject(name = "caused", value = "{\"incidentId\": \"6f1c2a52-5d0e-4b43-9d52-1c4f0d6b8a11\", "
                    + "\"number\": \"INC0000042\", \"relation\": \"CAUSED\", \"reason\": \"the patch broke the connection pool\"}")))
    @APIResponse(responseCode = "200", description = AFTER, headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ChangeRequest.class)))
    @APIResponse(responseCode = "400", description = "No incidentId, or one that is not an incident's id (a UUID): a number such as "
            + "INC0000042 is refused with where to read the id (the incident broker's GET /api/incidents/{number})")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> linkIncident(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull LinkRequest body) {
        return respond(commands.link(id, ifMatch, new IncidentLink(incidentId(body), body.number(), body.relation(), body.reason(), 0,
                null), caller()));
    }

    @POST
    @Path("check")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Dry-run a proposed window: its conflicts, and the next free slots of the same length",
            description = "Nothing is stored. Free slots avoid conflicts, hard freezes and lockdowns, and fit the CIs' agreed "
                    + "maintenance windows; searched from the proposed start (or now) up to the configured horizon.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckRequest.class),
            examples = @ExampleObject(name = "when", value = "{\"configurationItems\": [\"payments-db\"], " + WINDOW + ", \"slots\": 3}")))
    @APIResponse(responseCode = "200", description = "The proposal's conflicts and free slots", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ChangeChecks.CheckResult.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, names something the catalog does not have, or the "
            + "window is longer than the search horizon")
    public Uni<ChangeChecks.CheckResult> check(@Valid @NotNull CheckRequest body) {
        return checks.check(body.services() == null ? List.of() : body.services(),
                body.configurationItems() == null ? List.of() : body.configurationItems(), body.implementer(), body.window(),
                body.slots() == null ? config.freeSlots().count() : body.slots());
    }

    /**
     * The incident's id from a link body. The change coordinator keeps no incidents (it reads only their opening, for
     * suspected causes), so it cannot turn a number into an id: a number alone, or a number sent as {@code incidentId},
     * is a 400 that says where the id is. A value that is not a UUID would never be linked back by the incident broker.
     */
    static String incidentId(LinkRequest body) {
        String id = Params.text(body.incidentId());
        String number = id != null && id.toUpperCase(java.util.Locale.ROOT).startsWith("INC") ? id : Params.text(body.number());
        String lookup = "the change coordinator keeps no incidents and cannot turn a number into an id: read it from the incident "
                + "broker (GET /api/incidents/" + (number == null ? "INC0000042" : number) + " on port 8082 answers {\"id\": …}) and send "
                + "{\"incidentId\": \"<that id>\", \"number\": \"" + (number == null ? "INC0000042" : number) + "\", \"relation\": …}";
        if (id == null) {
            throw Params.invalid("incidentId", "is required (the incident's id, a UUID); " + lookup);
        }
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw Params.invalid("incidentId", id + " is not an incident id (a UUID); " + lookup);
        }
    }

    private static Uni<Response> respond(Uni<ChangeRequest> change) {
        return change.map(found -> Response.ok(found).tag(etag(found)).build());
    }

    static EntityTag etag(ChangeRequest change) {
        return EntityTag.valueOf(ChangeIds.etag(change.version()));
    }

    private ChangeCommands.Caller caller() {
        String group = config.approvals().group();
        boolean inGroup = identity.getRoles().contains(group);
        if (!inGroup && identity.getPrincipal() instanceof JsonWebToken token) {
            inGroup = token.getGroups().contains(group);
        }
        return new ChangeCommands.Caller(identity.getPrincipal().getName(), identity.hasRole(Roles.CHANGE_MANAGER), inGroup);
    }
}
