package io.siamhub.adapters.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Senders that sign with siam-hub's own scheme, {@code X-Siam-Signature: t=<unix seconds>,v1=<hex>}. */
public interface SignedWebhookConfig {

    /** Signing secrets, comma-separated (several during rotation). */
    Optional<List<String>> secrets();

    /** How far the signature's timestamp may be from now: older or newer deliveries are refused as replays. */
    @WithDefault("5m")
    Duration tolerance();

    default List<String> secretList() {
        return secrets().orElse(List.of());
    }

    /** The header the signature travels in. */
    String SIGNATURE_HEADER = "x-siam-signature";

    /** Checks the request's {@code X-Siam-Signature} against these secrets and window. */
    default void verify(WebhookRequest request, String provider, java.time.Clock clock) {
        HmacSignatures.requireTimestamped(request, SIGNATURE_HEADER, provider, secretList(), tolerance(), clock);
    }
}
