package io.siamhub.incident.catalog;

import io.siamhub.model.Impact;

/**
 * Where a signal belongs in the catalog.
 *
 * @param configurationItem the matched CI, or null
 * @param service           its service (or the service the provider named), or null
 * @param owner             who resolves: the CI's ownership, else the service's, else the CI's provider, else the default
 * @param impact            from the CI's criticality, else the service's, else the default
 * @param unmapped          true when nothing in the catalog matched
 * @param correlationKey    what new fingerprints correlate on: {@code ci:<id>}, {@code service:<id>}, or
 *                          {@code fingerprint:<fp>} for unmapped signals (they never merge by guesswork)
 * @param rule              how the match was made, for the timeline
 */
public record Placement(String configurationItem, String service, String owner, Impact impact, boolean unmapped,
        String correlationKey, String rule) {
}
