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

    /**
     * True when an incident with these values is one the definition applies to. A value the incident does not have
     * (null: an unmapped incident has no service, configuration item or owner) matches only a list that is empty.
     */
    public boolean matches(Priority priority, String service, String configurationItem, String owner, boolean inMaintenance) {
        return within(priorities, priority) && within(services, service) && within(configurationItems, configurationItem)
                && within(owners, owner) && (maintenance == null || maintenance == inMaintenance);
    }

    /** An empty list takes anything; otherwise the value must be in it (null never is: {@code List.of} refuses to look for it). */
    private static <T> boolean within(List<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
