package io.siamhub.sla.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.sla.clock.Recompute;
import io.siamhub.sla.definition.DefinitionSpec;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaModel;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/sla/definitions}: SLA / OLA / UC definitions (write {@code siam-admin}, read {@code siam-viewer}). A write
 * recomputes the running clocks of the definition and attaches it to the open incidents it applies to; a delete
 * cancels its running clocks.
 */
@Path("/api/sla/definitions")
public class DefinitionResource {

    /** A definition as stored, with its id; after a write, how many incidents' clocks were recomputed. */
    public record DefinitionView(String id, String name, String type, String party, String metric, DefinitionSpec.AppliesToSpec appliesTo,
            String target, String calendar, List<Integer> stages, List<String> pauseWhile, Boolean excludeMaintenance,
            Boolean retroactiveStart, Integer recomputed) {

        static DefinitionView of(String id, DefinitionSpec spec, Integer recomputed) {
            return new DefinitionView(id, spec.name(), spec.type(), spec.party(), spec.metric(), spec.appliesTo(), spec.target(),
                    spec.calendar(), spec.stages(), spec.pauseWhile(), spec.excludeMaintenance(), spec.retroactiveStart(), recomputed);
        }
    }

    private final ModelStore models;
    private final Recompute recompute;

    DefinitionResource(ModelStore models, Recompute recompute) {
        this.models = models;
        this.recompute = recompute;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every definition, by id")
    public Uni<List<DefinitionView>> list() {
        return model().map(model -> model.definitionSpecs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> DefinitionView.of(entry.getKey(), entry.getValue(), null)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One definition")
    public Uni<DefinitionView> get(@PathParam("id") String id) {
        return model().map(model -> DefinitionView.of(id, spec(model, id), null));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a definition (201 when created); its running clocks are recomputed and open incidents it "
            + "applies to get a clock")
    public Uni<Response> put(@PathParam("id") String id, DefinitionSpec spec) {
        return Panache.withTransaction(() -> models.putDefinition(id, spec, true))
                .chain(write -> (write.changed()
                        ? recompute.definitions(List.of(id), true, "definition " + id + (write.created() ? " created" : " changed"))
                        : Uni.createFrom().item(new Recompute.Result(0, 0)))
                        .map(result -> Response.status(write.created() ? Response.Status.CREATED : Response.Status.OK)
                                .entity(DefinitionView.of(id, spec, result.incidents())).build()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a definition; its running clocks are cancelled, finished ones keep their result")
    public Uni<Response> delete(@PathParam("id") String id) {
        return Panache.withTransaction(() -> models.deleteDefinition(id))
                .chain(() -> recompute.definitions(List.of(id), false, "definition " + id + " deleted"))
                .map(ignored -> Response.noContent().build());
    }

    private Uni<SlaModel> model() {
        return Panache.withSession(models::current);
    }

    private static DefinitionSpec spec(SlaModel model, String id) {
        DefinitionSpec spec = model.definitionSpecs().get(id);
        if (spec == null) {
            throw ProblemException.notFound("no definition " + id);
        }
        return spec;
    }
}
