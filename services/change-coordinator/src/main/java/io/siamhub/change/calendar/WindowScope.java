package io.siamhub.change.calendar;

import java.util.Collection;
import java.util.List;

/**
 * What a freeze, lockdown or maintenance window covers. An empty scope covers everything (not allowed for a
 * maintenance window, which must name CIs or services).
 *
 * @param services           service ids (a change touching one, or a CI of one, is covered)
 * @param configurationItems CI ids
 * @param providers          provider ids (a change by, or on a CI run by, one of them is covered)
 */
public record WindowScope(List<String> services, List<String> configurationItems, List<String> providers) {

    public static final WindowScope EVERYTHING = new WindowScope(List.of(), List.of(), List.of());

    public WindowScope {
        services = services == null ? List.of() : List.copyOf(services);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    public boolean empty() {
        return services.isEmpty() && configurationItems.isEmpty() && providers.isEmpty();
    }

    /**
     * Whether a change touching these services (its own and its CIs'), CIs and providers is covered.
     */
    public boolean covers(Collection<String> changeServices, Collection<String> changeItems, Collection<String> changeProviders) {
        if (empty()) {
            return true;
        }
        return services.stream().anyMatch(changeServices::contains)
                || configurationItems.stream().anyMatch(changeItems::contains)
                || providers.stream().anyMatch(changeProviders::contains);
    }
}
