package io.siamhub.model.catalog;

import java.util.List;

/**
 * A business service in the catalog.
 *
 * @param id            stable id (e.g. {@code payments})
 * @param name          display name
 * @param description   what it is for
 * @param criticality   sets the impact of incidents on it
 * @param businessOwner who answers for it in the business
 * @param dependsOn     ids of the services it needs to work (a change to one may hit the other)
 */
public record Service(String id, String name, String description, Criticality criticality, String businessOwner,
        List<String> dependsOn) {

    public Service {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A service that depends on no other. */
    public Service(String id, String name, String description, Criticality criticality, String businessOwner) {
        this(id, name, description, criticality, businessOwner, List.of());
    }
}
