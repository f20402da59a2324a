package io.siamhub.adapters.outbound.servicenow;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The incident table of ServiceNow's Table API
 * (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI): a record is
 * answered as {@code {"result": {...}}}, a query as {@code {"result": [...]}}, an error as
 * {@code {"error": {"message", "detail"}, "status": "failure"}}; a rate-limited call as 429 with
 * {@code Retry-After} and {@code X-RateLimit-*}. Bodies stay JSON text: {@link ServiceNowSender} reads
 * only the fields it needs.
 */
@Path("/api/now/table/incident")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ServiceNowTableApi {

    /** {@code GET ?sysparm_query=correlation_id=<id>}: the tickets already made for an incident. */
    @GET
    Uni<Response> query(@HeaderParam("Authorization") String authorization, @QueryParam("sysparm_query") String query,
            @QueryParam("sysparm_fields") String fields, @QueryParam("sysparm_limit") int limit);

    /** Creates an incident record; 201 with the record. */
    @POST
    Uni<Response> create(@HeaderParam("Authorization") String authorization, @QueryParam("sysparm_fields") String fields, String body);

    /** Changes fields of an incident record; 200 with the record, 404 when it is gone. */
    @PATCH
    @Path("/{sys_id}")
    Uni<Response> update(@HeaderParam("Authorization") String authorization, @PathParam("sys_id") String sysId,
            @QueryParam("sysparm_fields") String fields, String body);
}
