package io.siamhub.model.catalog;

/**
 * A business service in the catalog.
 *
 * @param id            stable id (e.g. {@code payments})
 * @param name          display name
 * @param description   what it is for
 * @param criticality   sets the impact of incidents on it
 * @param businessOwner who answers for it in the business
 */
public record Service(String id, String name, String description, Criticality criticality, String businessOwner) {
}
