package io.siamhub.model.catalog;

/** Who resolves: a provider from the catalog, or a resolver group of people. */
public enum OwnerType {
    PROVIDER, RESOLVER_GROUP
}
