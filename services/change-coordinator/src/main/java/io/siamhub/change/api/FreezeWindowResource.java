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
import io.siamhub.change.lifecycle.ChangeIds;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/freeze-windows}: freeze windows (recurring by RFC 5545 RRULE in an IANA zone, or one period) and
 * lockdowns ({@code lockdown: true}, effective now). Reads {@code siam-viewer}, writes {@code siam-admin}. Every
 * answer about one window carries its version as the {@code ETag}.
 */
@Path("/api/freeze-windows")
public class FreezeWindowResource {

    static final Set<WindowKind> KINDS = EnumSet.of(WindowKind.FREEZE, WindowKind.LOCKDOWN);
    static final String ID = "The window's id (a UUID)";
    static final String ID_EXAMPLE = "5b7e0a4e-2f61-4c9e-9b3a-0d6c1f2e8a47";
    static final String ETAG = "The window's version, for If-Match";
    static final String IF_MATCH = "Optional: the ETag the client last read; a write to a newer version is refused with 412";
    static final String STALE = "If-Match names an older version: read the window again and retry";
    static final String INVALID = "A field is missing or does not parse (timeZone not an IANA zone, an RRULE RFC 5545 does not allow or "
            + "one that recurs more often than daily, a duration or local time that is not ISO-8601), or the scope names something the "
            + "catalog does not have";
    private static final String MONTH_END = "{\"name\": \"Month-end freeze\", \"timeZone\": \"Europe/Berlin\", "
            + "\"rrule\": \"FREQ=MONTHLY;BYMONTHDAY=-1\", \"startTime\": \"18:00\", \"duration\": \"PT12H\", \"hard\": true, "
            + "\"scope\": {\"services\": [\"payments\"], \"configurationItems\": [], \"providers\": []}}";
    private static final String CHRISTMAS = "{\"name\": \"Christmas\", \"timeZone\": \"Europe/Berlin\", \"start\": \"2027-12-24T00:00\", "
            + "\"end\": \"2027-12-27T00:00\", \"hard\": false}";
    private static final String LOCKDOWN = "{\"name\": \"P1 on payments\", \"timeZone\": \"Europe/Berlin\", \"lockdown\": true, "
            + "\"scope\": {\"services\": [\"payments\"]}, \"reason\": \"INC0000042: card payments failing\"}";

    private final WindowCommands windows;
    private final SecurityIdentity identity;

    FreezeWindowResource(WindowCommands windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every freeze window and lockdown, by name")
    @APIResponse(responseCode = "200", description = "The freeze windows and lockdowns", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = CalendarWindow.class)))
    public Uni<List<CalendarWindow>> listFreezeWindows() {
        return windows.list(KINDS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One freeze window or lockdown")
    @APIResponse(responseCode = "200", description = "The window", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "404", description = "No freeze window or lockdown with this id")
    public Uni<Response> getFreezeWindow(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return windows.get(id, KINDS).map(FreezeWindowResource::ok);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a freeze window, or a lockdown (lockdown: true): every open change is re-checked; a lockdown holds "
            + "the changes inside it",
            description = "Recurring: rrule (RFC 5545) + startTime + duration (+ startDate), expanded in timeZone across DST; or one "
                    + "period: local start and end. hard (default true) blocks approval; an empty scope covers everything. A "
                    + "lockdown starts now and ends at its end, or when deleted.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WindowRequest.class),
            examples = {@ExampleObject(name = "month-end", value = MONTH_END), @ExampleObject(name = "one period", value = CHRISTMAS),
                    @ExampleObject(name = "lockdown", value = LOCKDOWN)}))
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location", description = "The new window's URL",
            schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "400", description = INVALID)
    public Uni<Response> createFreezeWindow(@NotNull WindowRequest request) {
        WindowKind kind = request.lockdown() != null && request.lockdown() ? WindowKind.LOCKDOWN : WindowKind.FREEZE;
        return windows.create(request, kind, identity.getPrincipal().getName()).map(window -> created("/api/freeze-windows/", window));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a freeze window (a lockdown keeps its start; give it an end to lift it then)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WindowRequest.class),
            examples = @ExampleObject(name = "month-end", value = MONTH_END)))
    @APIResponse(responseCode = "200", description = "The window as stored", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CalendarWindow.class)))
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "No freeze window or lockdown with this id")
    @APIResponse(responseCode = "409", description = "A freeze turned into a lockdown or back: create a new one instead")
    @APIResponse(responseCode = "412", description = STALE)
    public Uni<Response> replaceFreezeWindow(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = IF_MATCH, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull WindowRequest request) {
        return windows.replace(id, ifMatch, request, KINDS, identity.getPrincipal().getName()).map(FreezeWindowResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a freeze window, or cancel a lockdown (its held changes are released)")
    @APIResponse(responseCode = "204", description = "Deleted; every open change is re-checked")
    @APIResponse(responseCode = "404", description = "No freeze window or lockdown with this id")
    public Uni<Response> deleteFreezeWindow(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return windows.delete(id, KINDS).replaceWith(Response.noContent().build());
    }

    static Response ok(CalendarWindow window) {
        return Response.ok(window).tag(EntityTag.valueOf(ChangeIds.etag(window.version()))).build();
    }

    static Response created(String base, CalendarWindow window) {
        return Response.created(URI.create(base + window.id())).entity(window).tag(EntityTag.valueOf(ChangeIds.etag(window.version()))).build();
    }
}
