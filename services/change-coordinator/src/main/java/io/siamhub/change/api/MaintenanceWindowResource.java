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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    private static final String NOT_FOUND = "No maintenance window with this id";
    /** Unlike a freeze window's PUT, this one has no 409: a maintenance window has no kind to turn into another. */
    private static final String KIND_ONLY = "a maintenance window names CIs or services in its scope (no providers), is never hard "
            + "(\"hard\": true) and never a lockdown (\"lockdown\": true)";
    private static final String SUNDAY_NIGHT = "{\"name\": \"payments DB Sunday night\", \"timeZone\": \"Europe/Berlin\", "
            + "\"rrule\": \"FREQ=WEEKLY;BYDAY=SU\", \"startTime\": \"01:00\", \"duration\": \"PT4H\", "
            + "\"scope\": {\"configurationItems\": [\"payments-db\"]}}";

    private final WindowCommands windows;
    private final SecurityIdentity identity;

    MaintenanceWindowResource(WindowCommands windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every agreed maintenance window, by name")
    @APIResponse(responseCode = "200", description = "The maintenance windows", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = CalendarWindow.class)))
    public Uni<List<CalendarWindow>> listMaintenanceWindows() {
        return windows.list(KINDS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One agreed maintenance window")
    @APIResponse(responseCode = "200", description = "The window", headers = @Header(name = "ETag", description = FreezeWindowResource.ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<Response> getMaintenanceWindow(@Parameter(description = FreezeWindowResource.ID, example = FreezeWindowResource.ID_EXAMPLE)
            @PathParam("id") String id) {
        return windows.get(id, KINDS).map(FreezeWindowResource::ok);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Agree a maintenance window for CIs or services; every open change is re-checked",
            description = "The same shape as a freeze window (recurring or one period); the scope must name CIs or services.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WindowRequest.class),
            examples = @ExampleObject(name = "sunday-night", value = SUNDAY_NIGHT)))
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location", description = "The new window's URL",
            schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = FreezeWindowResource.ETAG,
                    schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "400", description = FreezeWindowResource.INVALID + "; " + KIND_ONLY)
    public Uni<Response> createMaintenanceWindow(@NotNull WindowRequest request) {
        return windows.create(request, WindowKind.MAINTENANCE, identity.getPrincipal().getName())
                .map(window -> FreezeWindowResource.created("/api/maintenance-windows/", window));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an agreed maintenance window; every open change is re-checked")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WindowRequest.class),
            examples = @ExampleObject(name = "sunday-night", value = SUNDAY_NIGHT)))
    @APIResponse(responseCode = "200", description = "The window as stored", headers = @Header(name = "ETag",
            description = FreezeWindowResource.ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "400", description = FreezeWindowResource.INVALID + "; " + KIND_ONLY)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "412", description = FreezeWindowResource.STALE)
    public Uni<Response> replaceMaintenanceWindow(@Parameter(description = FreezeWindowResource.ID, example = FreezeWindowResource.ID_EXAMPLE)
            @PathParam("id") String id,
            @Parameter(description = FreezeWindowResource.IF_MATCH, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull WindowRequest request) {
        return windows.replace(id, ifMatch, request, KINDS, identity.getPrincipal().getName()).map(FreezeWindowResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an agreed maintenance window; every open change is re-checked")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<Response> deleteMaintenanceWindow(@Parameter(description = FreezeWindowResource.ID, example = FreezeWindowResource.ID_EXAMPLE)
            @PathParam("id") String id) {
        return windows.delete(id, KINDS).replaceWith(Response.noContent().build());
    }
}
