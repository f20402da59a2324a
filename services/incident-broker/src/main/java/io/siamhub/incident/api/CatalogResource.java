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

import io.siamhub.incident.catalog.CatalogService;
import io.siamhub.incident.catalog.CatalogYaml;
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
 * A PUT creates or replaces the entry with the id in the path.
 */
@Path("/api/catalog")
public class CatalogResource {

    private final CatalogService catalog;

    CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("services")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every service")
    public Uni<List<Service>> services() {
        return catalog.services();
    }

    @GET
    @Path("services/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Service> service(@PathParam("id") String id) {
        return catalog.service(id);
    }

    @PUT
    @Path("services/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a service")
    public Uni<Service> putService(@PathParam("id") String id, @NotNull Service service) {
        checkId(id, service.id());
        return catalog.upsert(new Service(id, service.name(), service.description(), service.criticality(), service.businessOwner()));
    }

    @DELETE
    @Path("services/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a service no configuration item or ownership refers to (409 otherwise)")
    public Uni<Response> deleteService(@PathParam("id") String id) {
        return catalog.deleteService(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("configuration-items")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every configuration item with its match rules")
    public Uni<List<ConfigurationItem>> configurationItems() {
        return catalog.configurationItems();
    }

    @GET
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ConfigurationItem> configurationItem(@PathParam("id") String id) {
        return catalog.configurationItem(id);
    }

    @PUT
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a configuration item")
    public Uni<ConfigurationItem> putConfigurationItem(@PathParam("id") String id, @NotNull ConfigurationItem item) {
        checkId(id, item.id());
        return catalog.upsert(new ConfigurationItem(id, item.name(), item.type(), item.service(), item.provider(), item.criticality(),
                item.match()));
    }

    @DELETE
    @Path("configuration-items/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a configuration item no ownership refers to (409 otherwise)")
    public Uni<Response> deleteConfigurationItem(@PathParam("id") String id) {
        return catalog.deleteConfigurationItem(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("providers")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every provider")
    public Uni<List<Provider>> providers() {
        return catalog.providers();
    }

    @GET
    @Path("providers/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Provider> provider(@PathParam("id") String id) {
        return catalog.provider(id);
    }

    @PUT
    @Path("providers/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a provider")
    public Uni<Provider> putProvider(@PathParam("id") String id, @NotNull Provider provider) {
        checkId(id, provider.id());
        return catalog.upsert(new Provider(id, provider.name(), provider.contractReference()));
    }

    @DELETE
    @Path("providers/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a provider no configuration item refers to (409 otherwise)")
    public Uni<Response> deleteProvider(@PathParam("id") String id) {
        return catalog.deleteProvider(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("ownerships")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Who resolves which service or configuration item")
    public Uni<List<Ownership>> ownerships() {
        return catalog.ownerships();
    }

    @GET
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Ownership> ownership(@PathParam("id") String id) {
        return catalog.ownership(id);
    }

    @PUT
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace an ownership")
    public Uni<Ownership> putOwnership(@PathParam("id") String id, @NotNull Ownership ownership) {
        checkId(id, ownership.id());
        return catalog.upsert(new Ownership(id, ownership.scope(), ownership.target(), ownership.ownerType(), ownership.owner()));
    }

    @DELETE
    @Path("ownerships/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> deleteOwnership(@PathParam("id") String id) {
        return catalog.deleteOwnership(id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Upsert a whole catalog (the seed file format) in one transaction; entries it does not name stay")
    public Uni<CatalogService.ImportResult> importCatalog(String body) {
        return catalog.importCatalog(CatalogYaml.read(body));
    }

    private static void checkId(String path, String body) {
        if (body != null && !body.equals(path)) {
            throw ProblemException.badRequest("the body's id " + body + " differs from the path's " + path);
        }
    }
}
