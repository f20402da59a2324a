package io.siamhub.incident.catalog;

import java.util.List;

import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;

/** A whole catalog, as the YAML seed file and {@code POST /api/catalog/import} carry it. */
public record CatalogDocument(
        List<Provider> providers,
        List<Service> services,
        List<ConfigurationItem> configurationItems,
        List<Ownership> ownerships) {

    public CatalogDocument {
        providers = providers == null ? List.of() : List.copyOf(providers);
        services = services == null ? List.of() : List.copyOf(services);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
        ownerships = ownerships == null ? List.of() : List.copyOf(ownerships);
    }
}
