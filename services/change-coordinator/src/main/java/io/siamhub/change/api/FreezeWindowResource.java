package io.siamhub.change.api;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.WindowCommands;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.calendar.WindowRequest;
import io.siamhub.change.lifecycle.ChangeIds;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/freeze-windows}: freeze windows (recurring by RFC 5545 RRULE in an IANA zone, or one period) and
 * lockdowns ({@code lockdown: true}, effective now). Reads {@code siam-viewer}, writes {@code siam-admin}.
 */
@Path("/api/freeze-windows")
public class FreezeWindowResource {

    static final Set<WindowKind> KINDS = EnumSet.of(WindowKind.FREEZE, WindowKind.LOCKDOWN);

    private final WindowCommands windows;
    private final SecurityIdentity identity;

    FreezeWindowResource(WindowCommands windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every freeze window and lockdown")
    public Uni<List<CalendarWindow>> list() {
        return windows.list(KINDS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> get(@PathParam("id") String id) {
        return windows.get(id, KINDS).map(FreezeWindowResource::ok);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a freeze window, or a lockdown (lockdown: true): every open change is re-checked; a lockdown holds "
            + "the changes inside it")
    public Uni<Response> create(@NotNull WindowRequest request) {
        WindowKind kind = request.lockdown() != null && request.lockdown() ? WindowKind.LOCKDOWN : WindowKind.FREEZE;
        return windows.create(request, kind, identity.getPrincipal().getName()).map(window -> created("/api/freeze-windows/", window));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a freeze window (a lockdown keeps its start; give it an end to lift it then)")
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull WindowRequest request) {
        return windows.replace(id, ifMatch, request, KINDS, identity.getPrincipal().getName()).map(FreezeWindowResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a freeze window, or cancel a lockdown (its held changes are released)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return windows.delete(id, KINDS).replaceWith(Response.noContent().build());
    }

    static Response ok(CalendarWindow window) {
        return Response.ok(window).tag(EntityTag.valueOf(ChangeIds.etag(window.version()))).build();
    }

    static Response created(String base, CalendarWindow window) {
        return Response.created(URI.create(base + window.id())).entity(window).tag(EntityTag.valueOf(ChangeIds.etag(window.version()))).build();
    }
}
