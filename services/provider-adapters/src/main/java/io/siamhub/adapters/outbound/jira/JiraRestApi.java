package io.siamhub.adapters.outbound.jira;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The parts of Jira Cloud's REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/)
 * the sync uses: create an issue ({@code 201 {"id", "key", "self"}}), read and edit its fields (200, 204), list and
 * perform transitions (the only way to change a status), comment (201), and search by JQL
 * ({@code /search/jql}, {@code {"issues": [...]}}) for an orphan. Errors come as
 * {@code {"errorMessages": [...], "errors": {"<field>": "..."}}}; a rate-limited call as 429 with
 * {@code Retry-After}.
 */
@Path("/rest/api/3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface JiraRestApi {

    @GET
    @Path("/search/jql")
    Uni<Response> search(@HeaderParam("Authorization") String authorization, @QueryParam("jql") String jql,
            @QueryParam("fields") String fields, @QueryParam("maxResults") int maxResults);

    @POST
    @Path("/issue")
    Uni<Response> create(@HeaderParam("Authorization") String authorization, String body);

    @GET
    @Path("/issue/{issueIdOrKey}")
    Uni<Response> issue(@HeaderParam("Authorization") String authorization, @PathParam("issueIdOrKey") String issue,
            @QueryParam("fields") String fields);

    @PUT
    @Path("/issue/{issueIdOrKey}")
    Uni<Response> edit(@HeaderParam("Authorization") String authorization, @PathParam("issueIdOrKey") String issue, String body);

    @GET
    @Path("/issue/{issueIdOrKey}/transitions")
    Uni<Response> transitions(@HeaderParam("Authorization") String authorization, @PathParam("issueIdOrKey") String issue);

    @POST
    @Path("/issue/{issueIdOrKey}/transitions")
    Uni<Response> transition(@HeaderParam("Authorization") String authorization, @PathParam("issueIdOrKey") String issue, String body);

    @POST
    @Path("/issue/{issueIdOrKey}/comment")
    Uni<Response> comment(@HeaderParam("Authorization") String authorization, @PathParam("issueIdOrKey") String issue, String body);
}
