package io.siamhub.adapters.core;

import java.util.List;
import java.util.Optional;

/** Shared secrets of a provider; several may be active at once so they can be rotated. */
public interface SecretsConfig {

    /** Bearer tokens, API keys or query tokens, comma-separated. */
    Optional<List<String>> tokens();

    /** {@code user:password} pairs accepted as basic auth, comma-separated. */
    Optional<List<String>> basicAuth();

    default List<String> tokenList() {
        return tokens().orElse(List.of());
    }

    default List<String> basicAuthList() {
        return basicAuth().orElse(List.of());
    }
}
