package io.siamhub.sla.definition;

import java.util.List;

import io.siamhub.model.Priority;

/**
 * Which incidents a definition applies to. An empty list matches anything; every list that is given must match
 * (priority in {@code priorities}, service in {@code services}, ...); {@code maintenance} null matches both.
 */
public record AppliesTo(List<Priority> priorities, List<String> services, List<String> configurationItems, List<String> owners,
        Boolean maintenance) {

    public static final AppliesTo ANYTHING = new AppliesTo(List.of(), List.of(), List.of(), List.of(), null);

    public AppliesTo {
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        services = services == null ? List.of() : List.copyOf(services);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    /** True when an incident with these values is one the definition applies to. */
    public boolean matches(Priority priority, String service, String configurationItem, String owner, boolean inMaintenance) {
        return (priorities.isEmpty() || priorities.contains(priority))
                && (services.isEmpty() || services.contains(service))
                && (configurationItems.isEmpty() || configurationItems.contains(configurationItem))
                && (owners.isEmpty() || owners.contains(owner))
                && (maintenance == null || maintenance == inMaintenance);
    }
}
