package io.siamhub.model.catalog;

/**
 * A service provider the organisation buys from (a cloud, a managed-service company, an internal team).
 *
 * @param id                stable id (e.g. {@code aws}, {@code acme-msp})
 * @param name              display name
 * @param contractReference the contract or underpinning agreement that binds it
 */
public record Provider(String id, String name, String contractReference) {
}
