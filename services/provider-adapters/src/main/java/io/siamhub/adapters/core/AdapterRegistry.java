package io.siamhub.adapters.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Every provider adapter, by endpoint path and by provider id. */
@ApplicationScoped
public class AdapterRegistry {

    private final Map<String, ProviderAdapter> byEndpoint = new TreeMap<>();
    private final Map<String, ProviderAdapter> byProvider = new TreeMap<>();

    AdapterRegistry(Instance<ProviderAdapter> adapters) {
        for (ProviderAdapter adapter : adapters) {
            if (byProvider.put(adapter.provider(), adapter) != null) {
                throw new IllegalStateException("two adapters for provider " + adapter.provider());
            }
            for (String endpoint : adapter.endpoints()) {
                if (byEndpoint.put(endpoint, adapter) != null) {
                    throw new IllegalStateException("two adapters for endpoint " + endpoint);
                }
            }
        }
    }

    public Optional<ProviderAdapter> forEndpoint(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    public Optional<ProviderAdapter> forProvider(String provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }

    public Collection<String> providers() {
        return byProvider.keySet();
    }

    public Collection<String> endpoints() {
        return byEndpoint.keySet();
    }

    /** The endpoint a mistyped one most likely meant ({@code alertmanger} → {@code alertmanager}), if one is close. */
    public Optional<String> nearest(String endpoint) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : byEndpoint.keySet()) {
            int distance = io.siamhub.kit.api.ApiDescription.distance(known, endpoint);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** Endpoint paths by provider, for documentation and the start-up log. */
    public Map<String, List<String>> endpointsByProvider() {
        return byProvider.values().stream().collect(Collectors.toMap(ProviderAdapter::provider,
                ProviderAdapter::endpoints, (a, b) -> a, TreeMap::new));
    }
}
