package io.siamhub.sla.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.sla.clock.Recompute;
import io.siamhub.sla.definition.ModelStore;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/sla/recompute?definition=}: rebuild running clocks from the stored history ({@code siam-admin}). */
@Path("/api/sla/recompute")
public class RecomputeResource {

    private final ModelStore models;
    private final Recompute recompute;

    RecomputeResource(ModelStore models, Recompute recompute) {
        this.models = models;
        this.recompute = recompute;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rebuild the running clocks of one definition (or of all without `definition`) from the incidents' history; "
            + "answers how many incidents and events",
            description = "A rebuilt active clock whose due instant, target or state changed is published as `recomputed` on "
                    + "siam.sla.v1 with the old and the new `dueAt`; finished clocks keep their result.")
    @APIResponse(responseCode = "200", description = "How many incidents were rebuilt and how many events that published",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Recompute.Result.class),
                    example = ApiExamples.RECOMPUTED))
    @APIResponse(responseCode = "404", description = "No definition with the id `definition` names")
    public Uni<Recompute.Result> recompute(@Parameter(description = "The definition whose running clocks to rebuild; without it, every "
            + "definition's", example = ApiExamples.DEMO_DEFINITION) @QueryParam("definition") String definition) {
        if (definition == null || definition.isBlank()) {
            return recompute.all("recompute requested");
        }
        return Panache.withSession(models::current).chain(model -> {
            if (!model.definitions().containsKey(definition)) {
                throw ProblemException.notFound("no definition " + definition);
            }
            return recompute.definitions(List.of(definition), true, "recompute of " + definition + " requested");
        });
    }
}
