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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    static final String ID = "The definition's id";

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
    @APIResponse(responseCode = "200", description = "The definitions, sorted by id", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = DefinitionView.class)))
    public Uni<List<DefinitionView>> listDefinitions() {
        return model().map(model -> model.definitionSpecs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> DefinitionView.of(entry.getKey(), entry.getValue(), null)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One definition")
    @APIResponse(responseCode = "200", description = "The definition", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DefinitionView.class)))
    @APIResponse(responseCode = "404", description = "No definition with this id")
    public Uni<DefinitionView> getDefinition(@Parameter(description = ID, example = ApiExamples.DEMO_DEFINITION) @PathParam("id") String id) {
        return model().map(model -> DefinitionView.of(id, spec(model, id), null));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a definition (201 when created); its running clocks are recomputed and open incidents it "
            + "applies to get a clock",
            description = "`type` SLA | OLA | UC; `party` `integrator`, a resolver group or a provider id of the catalog (a UC or OLA clock "
                    + "runs only while its party owns the incident); `metric` RESPONSE | RESOLUTION; `appliesTo`: every list given must "
                    + "match, an absent or empty one matches anything; `target` a positive ISO-8601 duration of business time on "
                    + "`calendar`; `stages` warning stages in percent (1..99); `pauseWhile` incident statuses that pause it; "
                    + "`retroactiveStart`: when it starts to apply late, count from the incident's creation, replaying the pauses "
                    + "recorded since. The answer's `recomputed` is how many incidents' clocks were rebuilt.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DefinitionSpec.class),
            examples = {@ExampleObject(name = "customer-sla", value = ApiExamples.DEFINITION),
                    @ExampleObject(name = "provider-uc", value = ApiExamples.UC_DEFINITION)}))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DefinitionView.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DefinitionView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid: `errors` names it (unknown `calendar`, unknown "
            + "`party`, a `target` that is not a positive duration, `stages[1]` outside 1..99, an unknown `type`, `metric`, "
            + "`appliesTo.priorities[0]` or `pauseWhile[0]`, a service the catalog does not have `appliesTo.services[0]`, an unknown field)")
    public Uni<Response> putDefinition(@Parameter(description = ID + " (letters, digits, `-`, `_`, `.`)", example = ApiExamples.NEW_DEFINITION)
            @PathParam("id") String id, DefinitionSpec spec) {
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
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No definition with this id")
    public Uni<Response> deleteDefinition(@Parameter(description = ID, example = ApiExamples.NEW_DEFINITION) @PathParam("id") String id) {
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
