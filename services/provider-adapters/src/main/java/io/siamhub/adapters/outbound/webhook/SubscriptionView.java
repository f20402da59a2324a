package io.siamhub.adapters.outbound.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.siamhub.adapters.outbound.core.Subscription;

/**
 * A subscription as the API shows it: its secrets only as fingerprints ({@code sha256:<first 16 hex of
 * SHA-256(secret)>}), except {@code secrets} itself in the answer to its creation (shown once).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(String id, String url, List<String> events, Subscription.Filters filters, Subscription.Format format,
        @Schema(description = "sha256:<first 16 hex digits of SHA-256 of each secret>, in the order of the secrets")
        List<String> secretFingerprints,
        @Schema(description = "The secrets: only in the answer to POST /api/subscriptions, never again")
        List<String> secrets,
        boolean enabled,
        @Schema(description = "Why the hub disabled it (410 Gone from the receiver), if it did")
        String disabledReason,
        Instant createdAt, Instant updatedAt) {

    /** The view without secrets. */
    public static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id().toString(), s.url(), s.events(), s.filters(), s.format(),
                s.secrets().stream().map(SubscriptionView::fingerprint).toList(), null, s.enabled(), s.disabledReason(), s.createdAt(),
                s.updatedAt());
    }

    /** The view with its secrets, for the creation answer only. */
    public static SubscriptionView created(Subscription s) {
        SubscriptionView view = of(s);
        return new SubscriptionView(view.id, view.url, view.events, view.filters, view.format, view.secretFingerprints, s.secrets(),
                view.enabled, view.disabledReason, view.createdAt, view.updatedAt);
    }

    /** {@code sha256:<first 16 hex digits of SHA-256(secret)>}: tells secrets apart without revealing them. */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
