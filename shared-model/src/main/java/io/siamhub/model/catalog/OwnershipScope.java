package io.siamhub.model.catalog;

/** What an ownership entry covers. */
public enum OwnershipScope {
    SERVICE, CONFIGURATION_ITEM
}
