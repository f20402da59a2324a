package io.siamhub.incident.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.siamhub.incident.catalog.CatalogDocument;
import io.siamhub.incident.catalog.CatalogService;
import io.siamhub.incident.catalog.CatalogYaml;
import io.siamhub.incident.lifecycle.UnmappedPlacement;
import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/catalog}: services, configuration items, providers and ownership. Reads need
 * {@code siam-viewer}, writes {@code siam-admin}; every write is published on {@code siam.catalog.v1}.
 * A PUT creates or replaces the entry with the id in the path. After a write, open unmapped
 * incidents the catalog now places are placed ({@link UnmappedPlacement}).
 */
@Path("/api/catalog")
public class CatalogResource {

    /** What an import did: entries upserted per kind, and the open unmapped incidents it placed. */
    public record ImportAnswer(int providers, int services, int configurationItems, int ownerships, int placedIncidents) {
    }

    private static final Logger LOG = Logger.getLogger(CatalogResource.class);
    private static final String DELETED = "Deleted";
    private static final String REFERRED = "Still referred to; the detail says by what";
    private static final String SERVICE = "{\"name\": \"Payments\", \"description\": \"Card payments, refunds and payouts\", "
            + "\"criticality\": \"HIGH\", \"businessOwner\": \"finance\"}";
    private static final String ITEM = "{\"name\": \"payments-api deployment\", \"type\": \"deployment\", \"service\": \"payments\", "
            + "\"provider\": \"k8s-partner\", \"match\": [{\"provider\": \"alertmanager\", \"resourceIdPattern\": \"payments/payments-api-.*\"}, "
            + "{\"provider\": \"aws\", \"resourceId\": \"payments-api\"}]}";
    private static final String PROVIDER = "{\"name\": \"Amazon Web Services\", \"contractReference\": \"UC-AWS-2026-01\"}";
    private static final String OWNERSHIP = "{\"scope\": \"CONFIGURATION_ITEM\", \"target\": \"payments-db\", "
            + "\"ownerType\": \"RESOLVER_GROUP\", \"owner\": \"dba-oncall\"}";
    private static final String IMPORT_YAML = """
            services:
              - id: reporting
                name: Reporting
                description: Internal reporting batch
                criticality: LOW
                businessOwner: controlling
            """;

    private final CatalogService catalog;
    private final UnmappedPlacement placement;
    private final SecurityIdentity identity;

    CatalogResource(CatalogService catalog, UnmappedPlacement placement, SecurityIdentity identity) {
        this.catalog = catalog;
        this.placement = placement;
        this.identity = identity;
    }

    @GET
    @Path("services")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every service")
    @APIResponse(responseCode = "200", description = "The services", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Service.class)))
    public Uni<List<Service>> services() {
        return catalog.services();
    }

    @GET
    @Path("services/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One service")
    @APIResponse(responseCode = "200", description = "The service", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Service.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    public Uni<Service> service(@Parameter(example = "payments") @PathParam("id") String id) {
        return catalog.service(id);
    }

    @PUT
    @Path("services/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a service")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = Service.class),
            examples = @ExampleObject(name = "payments", value = SERVICE)))
    @APIResponse(responseCode = "200", description = "The service as stored", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Service.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or the body's id differs from the path's")
    public Uni<Service> putService(@Parameter(example = "payments") @PathParam("id") String id, @NotNull Service service) {
        checkId(id, service.id());
        return catalog.upsert(new Service(id, service.name(), service.description(), service.criticality(), service.businessOwner(),
                service.dependsOn())).call(() -> placeAfter("service " + id + " was put"));
    }

    @DELETE
    @Path("services/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a service no configuration item or ownership refers to (409 otherwise)")
    @APIResponse(responseCode = "204", description = DELETED)
    @APIResponse(responseCode = "404", description = "No such service")
    @APIResponse(responseCode = "409", description = REFERRED)
    public Uni<Response> deleteService(@Parameter(example = "payments") @PathParam("id") String id) {
        return catalog.deleteService(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("configuration-items")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every configuration item with its match rules")
    @APIResponse(responseCode = "200", description = "The configuration items", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = ConfigurationItem.class)))
    public Uni<List<ConfigurationItem>> configurationItems() {
        return catalog.configurationItems();
    }

    @GET
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One configuration item")
    @APIResponse(responseCode = "200", description = "The configuration item", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ConfigurationItem.class)))
    @APIResponse(responseCode = "404", description = "No such configuration item")
    public Uni<ConfigurationItem> configurationItem(@Parameter(example = "payments-api") @PathParam("id") String id) {
        return catalog.configurationItem(id);
    }

    @PUT
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a configuration item",
            description = "Open unmapped incidents whose signal its match rules now fit are placed on it (a timeline line says so).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConfigurationItem.class),
            examples = @ExampleObject(name = "payments-api", value = ITEM)))
    @APIResponse(responseCode = "200", description = "The configuration item as stored", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ConfigurationItem.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, a match rule is not a valid regular expression, "
            + "the service or provider is unknown, or the body's id differs from the path's")
    public Uni<ConfigurationItem> putConfigurationItem(@Parameter(example = "payments-api") @PathParam("id") String id,
            @NotNull ConfigurationItem item) {
        checkId(id, item.id());
        return catalog.upsert(new ConfigurationItem(id, item.name(), item.type(), item.service(), item.provider(), item.criticality(),
                item.match())).call(() -> placeAfter("configuration item " + id + " was put"));
    }

    @DELETE
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a configuration item no ownership refers to (409 otherwise)")
    @APIResponse(responseCode = "204", description = DELETED)
    @APIResponse(responseCode = "404", description = "No such configuration item")
    @APIResponse(responseCode = "409", description = REFERRED)
    public Uni<Response> deleteConfigurationItem(@Parameter(example = "checkout-page") @PathParam("id") String id) {
        return catalog.deleteConfigurationItem(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("providers")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every provider")
    @APIResponse(responseCode = "200", description = "The providers", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Provider.class)))
    public Uni<List<Provider>> providers() {
        return catalog.providers();
    }

    @GET
    @Path("providers/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One provider")
    @APIResponse(responseCode = "200", description = "The provider", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Provider.class)))
    @APIResponse(responseCode = "404", description = "No such provider")
    public Uni<Provider> provider(@Parameter(example = "aws") @PathParam("id") String id) {
        return catalog.provider(id);
    }

    @PUT
    @Path("providers/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a provider")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = Provider.class),
            examples = @ExampleObject(name = "aws", value = PROVIDER)))
    @APIResponse(responseCode = "200", description = "The provider as stored", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Provider.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or the body's id differs from the path's")
    public Uni<Provider> putProvider(@Parameter(example = "aws") @PathParam("id") String id, @NotNull Provider provider) {
        checkId(id, provider.id());
        return catalog.upsert(new Provider(id, provider.name(), provider.contractReference()));
    }

    @DELETE
    @Path("providers/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a provider no configuration item refers to (409 otherwise)")
    @APIResponse(responseCode = "204", description = DELETED)
    @APIResponse(responseCode = "404", description = "No such provider")
    @APIResponse(responseCode = "409", description = REFERRED)
    public Uni<Response> deleteProvider(@Parameter(example = "aws") @PathParam("id") String id) {
        return catalog.deleteProvider(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("ownerships")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Who resolves which service or configuration item")
    @APIResponse(responseCode = "200", description = "The ownerships", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Ownership.class)))
    public Uni<List<Ownership>> ownerships() {
        return catalog.ownerships();
    }

    @GET
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One ownership")
    @APIResponse(responseCode = "200", description = "The ownership", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Ownership.class)))
    @APIResponse(responseCode = "404", description = "No such ownership")
    public Uni<Ownership> ownership(@Parameter(example = "payments-db-dba") @PathParam("id") String id) {
        return catalog.ownership(id);
    }

    @PUT
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace an ownership")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = Ownership.class),
            examples = @ExampleObject(name = "payments-db-dba", value = OWNERSHIP)))
    @APIResponse(responseCode = "200", description = "The ownership as stored", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Ownership.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, its target is unknown, or the body's id differs from the path's")
    public Uni<Ownership> putOwnership(@Parameter(example = "payments-db-dba") @PathParam("id") String id, @NotNull Ownership ownership) {
        checkId(id, ownership.id());
        return catalog.upsert(new Ownership(id, ownership.scope(), ownership.target(), ownership.ownerType(), ownership.owner()));
    }

    @DELETE
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an ownership")
    @APIResponse(responseCode = "204", description = DELETED)
    @APIResponse(responseCode = "404", description = "No such ownership")
    public Uni<Response> deleteOwnership(@Parameter(example = "webshop-sre") @PathParam("id") String id) {
        return catalog.deleteOwnership(id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Upsert a whole catalog (the seed file format) in one transaction; entries it does not name stay",
            description = "Unknown keys are refused (400 naming the key), so a typo cannot leave a CI that matches nothing. "
                    + "Open unmapped incidents the catalog now places are placed (placedIncidents counts them).")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "service", value = IMPORT_YAML)),
            @Content(mediaType = "application/x-yaml", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "text/yaml", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogDocument.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "What was upserted, and how many unmapped incidents were placed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportAnswer.class)))
    @APIResponse(responseCode = "400", description = "Empty, not YAML, an unknown key, an invalid entry or a reference to something unknown; "
            + "nothing is stored")
    public Uni<ImportAnswer> importCatalog(String body) {
        return catalog.importCatalog(CatalogYaml.read(body))
                .chain(result -> placeAfter("a catalog import").map(placed -> new ImportAnswer(result.providers(), result.services(),
                        result.configurationItems(), result.ownerships(), placed)));
    }

    /** Places the open unmapped incidents the changed catalog fits; the write stands even if this fails (it runs again at the next). */
    private Uni<Integer> placeAfter(String change) {
        String because = change + " by " + identity.getPrincipal().getName();
        return placement.place(because).map(List::size).onFailure().recoverWithItem(failure -> {
            LOG.warnf("placing unmapped incidents after %s failed: %s", because, failure.toString());
            return 0;
        });
    }

    private static void checkId(String path, String body) {
        if (body != null && !body.equals(path)) {
            throw ProblemException.badRequest("the body's id " + body + " differs from the path's " + path);
        }
    }
}
