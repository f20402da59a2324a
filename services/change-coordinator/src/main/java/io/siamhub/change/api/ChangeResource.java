package io.siamhub.change.api;

import java.net.URI;
import java.util.List;

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

import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.change.ChangeConfig;
import io.siamhub.change.lifecycle.ChangeAction;
import io.siamhub.change.lifecycle.ChangeCommands;
import io.siamhub.change.lifecycle.ChangeIds;
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
 * the {@code ETag}; a write with a stale {@code If-Match} is refused with 412.
 */
@Path("/api/changes")
public class ChangeResource {

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

    /** An incident linked by hand. */
    public record LinkRequest(@NotBlank @Size(max = 64) String incidentId, @Size(max = 32) String number, @NotNull IncidentRelation relation,
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

    ChangeResource(ChangeQueries queries, ChangeCommands commands, ChangeChecks checks, SecurityIdentity identity, ChangeConfig config) {
        this.queries = queries;
        this.commands = commands;
        this.checks = checks;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List changes, newest first, filtered; follow nextCursor for the next page")
    public Uni<ChangeQueries.Page> list(@QueryParam("status") List<String> status, @QueryParam("origin") List<String> origin,
            @QueryParam("type") List<String> type, @QueryParam("service") String service, @QueryParam("ci") String configurationItem,
            @QueryParam("provider") String provider, @QueryParam("providerRef") String providerRef, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return queries.list(new ChangeQueries.Filter(Params.enums(ChangeStatus.class, "status", status),
                Params.enums(ChangeOrigin.class, "origin", origin), Params.enums(ChangeType.class, "type", type), Params.text(service),
                Params.text(configurationItem), Params.text(provider), Params.text(providerRef), Params.instant("from", from),
                Params.instant("to", to)), cursor, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One change with its approvals, conflicts, incident links and timeline")
    public Uni<Response> get(@PathParam("id") String id) {
        return respond(queries.get(id));
    }

    @GET
    @Path("{id}/conflicts")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The change's current conflicts")
    public Uni<List<Conflict>> conflicts(@PathParam("id") String id) {
        return queries.get(id).map(ChangeRequest::conflicts);
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Raise an RFC (status DRAFT); submit it with POST /{id}/submit")
    public Uni<Response> create(@Valid @NotNull NewChangeRequest request) {
        return commands.create(new ChangeCommands.NewChange(request.title(), request.description(), request.type(), request.services(),
                request.configurationItems(), request.implementer(), request.window(), request.backoutPlan(), request.risk(),
                request.riskReason()), caller())
                .map(change -> Response.created(URI.create("/api/changes/" + change.id())).entity(change).tag(etag(change)).build());
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Edit a change (its requester, or a change manager): title, description, type, services, configurationItems, "
            + "implementer, window (a reschedule), backoutPlan, risk with riskReason (an override)")
    public Uni<Response> edit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EditRequest request) {
        return respond(commands.edit(id, ifMatch, new ChangeCommands.Edit(request.title(), request.description(), request.type(),
                request.services(), request.configurationItems(), request.implementer(), request.window(), request.backoutPlan(),
                request.risk(), request.riskReason(), request.reason()), caller()));
    }

    @POST
    @Path("{id}/{action: submit|schedule|start|complete|fail|back-out|cancel|hold|release}")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Move a change through its lifecycle; an action not allowed from its status is 409 naming the allowed ones")
    public Uni<Response> act(@PathParam("id") String id, @PathParam("action") String action, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ActionRequest body) {
        return respond(commands.act(id, ChangeAction.fromWire(action), ifMatch, body == null ? null : body.reason(), caller()));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Approve (CAB): counts per risk; never one's own change (403); a hard freeze or lockdown refuses it (409)")
    public Uni<Response> approve(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid DecisionRequest body) {
        return respond(commands.decide(id, ApprovalDecision.APPROVED, ifMatch, body == null ? null : body.comment(), caller()));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Reject (CAB), with a comment: ends the approval round")
    public Uni<Response> reject(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid DecisionRequest body) {
        if (body == null || body.comment() == null || body.comment().isBlank()) {
            throw Params.invalid("comment", "say why the change is rejected");
        }
        return respond(commands.decide(id, ApprovalDecision.REJECTED, ifMatch, body.comment(), caller()));
    }

    @POST
    @Path("{id}/freeze-exception")
    @RolesAllowed(Roles.CHANGE_MANAGER)
    @Operation(summary = "Grant an EMERGENCY change an exception to hard freezes and lockdowns, with a reason")
    public Uni<Response> freezeException(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonRequest body) {
        return respond(commands.grantException(id, ifMatch, body.reason(), caller()));
    }

    @POST
    @Path("{id}/comments")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Add a comment to the timeline (provider maintenance included)")
    public Uni<Response> comment(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CommentRequest body) {
        return respond(commands.comment(id, ifMatch, body.text(), caller()));
    }

    @POST
    @Path("{id}/escalate")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Escalate a change (e.g. a provider's maintenance that clashes), with a reason")
    public Uni<Response> escalate(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ReasonRequest body) {
        return respond(commands.escalate(id, ifMatch, body.reason(), caller()));
    }

    @POST
    @Path("{id}/incidents")
    @RolesAllowed({Roles.AGENT, Roles.CHANGE_MANAGER})
    @Operation(summary = "Link an incident: SUSPECTED_CAUSE, CAUSED or RELATED (linking it again replaces the link)")
    public Uni<Response> link(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull LinkRequest body) {
        return respond(commands.link(id, ifMatch, new IncidentLink(body.incidentId().strip(), body.number(), body.relation(), body.reason(), 0,
                null), caller()));
    }

    @POST
    @Path("check")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Dry-run a proposed window: its conflicts, and the next free slots of the same length")
    public Uni<ChangeChecks.CheckResult> check(@Valid @NotNull CheckRequest body) {
        return checks.check(body.services() == null ? List.of() : body.services(),
                body.configurationItems() == null ? List.of() : body.configurationItems(), body.implementer(), body.window(),
                body.slots() == null ? config.freeSlots().count() : body.slots());
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
