package io.siamhub.model.catalog;

/**
 * Who resolves incidents of a service or CI. A CI's own entry wins over its service's.
 *
 * @param id        stable id
 * @param scope     SERVICE or CONFIGURATION_ITEM
 * @param target    the service's or CI's id
 * @param ownerType PROVIDER or RESOLVER_GROUP
 * @param owner     the provider's id or the resolver group's name
 */
public record Ownership(String id, OwnershipScope scope, String target, OwnerType ownerType, String owner) {
}
