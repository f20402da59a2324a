package io.siamhub.change.api;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.WindowCommands;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.calendar.WindowRequest;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/maintenance-windows}: the maintenance windows agreed per CI or service (same shape as freeze windows;
 * {@code scope} names the CIs and services). A change on such a CI must fit inside one occurrence, else it has an
 * OUTSIDE_MAINTENANCE_WINDOW conflict. Reads {@code siam-viewer}, writes {@code siam-admin}.
 */
@Path("/api/maintenance-windows")
public class MaintenanceWindowResource {

    static final Set<WindowKind> KINDS = EnumSet.of(WindowKind.MAINTENANCE);

    private final WindowCommands windows;
    private final SecurityIdentity identity;

    MaintenanceWindowResource(WindowCommands windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every agreed maintenance window")
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
    @Operation(summary = "Agree a maintenance window for CIs or services; every open change is re-checked")
    public Uni<Response> create(@NotNull WindowRequest request) {
        if (request.lockdown() != null && request.lockdown()) {
            throw Params.invalid("lockdown", "a maintenance window cannot be a lockdown (POST /api/freeze-windows)");
        }
        return windows.create(request, WindowKind.MAINTENANCE, identity.getPrincipal().getName())
                .map(window -> FreezeWindowResource.created("/api/maintenance-windows/", window));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull WindowRequest request) {
        return windows.replace(id, ifMatch, request, KINDS, identity.getPrincipal().getName()).map(FreezeWindowResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") String id) {
        return windows.delete(id, KINDS).replaceWith(Response.noContent().build());
    }
}
