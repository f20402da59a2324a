package io.siamhub.adapters.core;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.signal.InboundOffset;

/**
 * A webhook as stored on {@code siam.inbound.v1}: what the normalizer maps.
 *
 * @param ceId        the raw record's CloudEvent id (from the provider's delivery id when it has one)
 * @param provider    provider id
 * @param endpoint    the path it came in on, under {@code /webhooks/}
 * @param receivedAt  when the edge accepted it
 * @param deliveryId  the provider's own delivery id, if any
 * @param headers     request headers, secrets removed
 * @param query       query parameters, secrets removed
 * @param body        the body, byte for byte
 * @param offset      where it lies in {@code siam.inbound.v1}
 */
public record RawWebhook(
        String ceId,
        String provider,
        String endpoint,
        Instant receivedAt,
        String deliveryId,
        HttpHeaders headers,
        HttpHeaders query,
        byte[] body,
        InboundOffset offset) {

    /** The body as JSON; unreadable JSON cannot be mapped. */
    public JsonNode json() {
        try {
            return WebhookRequest.parse(body);
        } catch (MalformedBody e) {
            throw new MappingFailure("malformed_json", e.getMessage());
        }
    }
}
