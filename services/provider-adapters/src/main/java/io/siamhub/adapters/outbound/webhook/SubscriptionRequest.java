package io.siamhub.adapters.outbound.webhook;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.siamhub.adapters.outbound.core.Subscription;

/**
 * The body of {@code POST /api/subscriptions} and {@code PUT /api/subscriptions/{id}}.
 *
 * @param url     https URL the deliveries are POSTed to (http only to loopback, in tests and {@code ./hub up})
 * @param events  {@code ce_type} patterns, {@code *} for any run of characters
 * @param filters priorities, services, owners, providers (empty or absent: all)
 * @param format  {@code cloudevents} (default) or {@code snapshot}
 * @param secrets {@code whsec_}-prefixed base64 keys (24 to 64 bytes); on creation, absent means one is
 *                generated; on replacement, absent keeps the current ones
 * @param enabled default true
 */
public record SubscriptionRequest(
        @Schema(required = true, example = "https://203.0.113.10/hooks/siam") String url,
        @Schema(required = true, example = "[\"io.siamhub.incident.*\"]") List<String> events,
        Subscription.Filters filters,
        @Schema(enumeration = {"cloudevents", "snapshot"}, defaultValue = "cloudevents") String format,
        @Schema(description = "whsec_-prefixed base64 keys; shown once in the creation answer, never again")
        List<String> secrets,
        @Schema(defaultValue = "true") Boolean enabled) {
}
