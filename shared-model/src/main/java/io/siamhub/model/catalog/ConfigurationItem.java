package io.siamhub.model.catalog;

import java.util.List;

/**
 * A configuration item: something that runs a service and can fail.
 *
 * @param id          stable id (e.g. {@code payments-db})
 * @param name        display name
 * @param type        what it is (database, cluster, vm, queue, saas, ...)
 * @param service     the id of the service it belongs to
 * @param provider    the id of the provider that runs it
 * @param criticality overrides the service's criticality when set
 * @param match       rules that tie a signal to this CI
 */
public record ConfigurationItem(
        String id,
        String name,
        String type,
        String service,
        String provider,
        Criticality criticality,
        List<MatchRule> match) {

    public ConfigurationItem {
        match = match == null ? List.of() : List.copyOf(match);
    }
}
