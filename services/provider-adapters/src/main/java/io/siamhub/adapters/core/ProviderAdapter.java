package io.siamhub.adapters.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * What every provider package implements: how its senders authenticate, what identifies a
 * delivery, and how a stored webhook becomes signals. The edge and the normalizer know providers
 * only through this interface and {@link AdapterRegistry}.
 */
public interface ProviderAdapter {

    /** The provider id used in signals, metrics and configuration ({@code alertmanager}, {@code aws}, ...). */
    String provider();

    /** The paths under {@code /webhooks/} this provider receives on ({@code aws/sns}, {@code aws/eventbridge}). */
    List<String> endpoints();

    /**
     * Checks the credentials that travel in headers or the query string, before the body is read.
     *
     * @throws SenderRejected naming the check that failed
     */
    default void authenticateHeaders(WebhookRequest request) {
    }

    /**
     * Checks credentials that need the body (signatures). May complete later, e.g. after a signing
     * certificate was fetched; fails with {@link SenderRejected} or {@link MalformedBody}.
     */
    default Uni<Void> authenticateBody(WebhookRequest request) {
        return Uni.createFrom().voidItem();
    }

    /** The provider's own id of this delivery, repeated on its retries, when it has one. */
    default Optional<String> deliveryId(WebhookRequest request) {
        return Optional.empty();
    }

    /** The media types (lower case, without parameters) its endpoints take; the first is the one to send. */
    default List<String> mediaTypes() {
        return List.of("application/json");
    }

    /** True when the endpoint takes a body of this media type (lower case, without parameters). */
    default boolean accepts(String mediaType) {
        return mediaTypes().contains(mediaType);
    }

    /** Headers (lower case) and query parameters that carry this provider's secrets: never stored. */
    default Set<String> secretHeaders() {
        return Set.of();
    }

    /**
     * Maps one stored webhook to the signals it carries (none for a delivery that carries no event,
     * e.g. an SNS subscription confirmation).
     *
     * @throws MappingFailure when it cannot be mapped; the record is dead-lettered
     * @throws IgnoredEvent   when the provider documents the delivery but it carries nothing to map
     *                        (a test, a note without the ticket's state, ...): no signal, no dead letter
     */
    List<Signal> normalize(RawWebhook webhook);

    /**
     * What {@link #normalize} would return, without any side effect beyond mapping (the dry run of
     * {@code POST /api/normalize/...}). Adapters whose normalization acts on the outside world (SNS
     * subscription confirmations) override it.
     */
    default List<Signal> dryRun(RawWebhook webhook) {
        return normalize(webhook);
    }
}
