package io.siamhub.adapters.outbound.webhook;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.adapters.outbound.core.Subscription;

/**
 * The body of a delivery, by the subscription's format:
 * <ul>
 * <li>{@code cloudevents}: a CloudEvents 1.0 structured-mode document
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md),
 * {@code application/cloudevents+json}, whose {@code data} is the event as published on the topic
 * ({@code IncidentEvent}, {@code SlaEvent}, {@code ChangeEvent});</li>
 * <li>{@code snapshot}: {@code application/json}, the plain snapshot: the incident of an
 * {@code IncidentEvent}, the change of a {@code ChangeEvent}, an {@code SlaEvent} itself (a clock has no
 * other snapshot); the CloudEvent attributes travel in {@code ce-*} headers (binary mode).</li>
 * </ul>
 */
public final class WebhookPayloads {

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    public static final String JSON = "application/json";

    /** A body and its content type. */
    public record Body(String contentType, String text) {
    }

    private WebhookPayloads() {
    }

    /** Builds the body for a subscription's format. */
    public static Body body(ObjectMapper mapper, Subscription.Format format, String id, String source, String type, String subject,
            Instant time, JsonNode data) {
        try {
            if (format == Subscription.Format.snapshot) {
                return new Body(JSON, mapper.writeValueAsString(snapshot(type, data)));
            }
            ObjectNode event = mapper.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", id);
            event.put("source", source);
            event.put("type", type);
            if (subject != null) {
                event.put("subject", subject);
            }
            event.put("time", time.toString());
            event.put("datacontenttype", JSON);
            event.set("data", data);
            return new Body(CLOUDEVENTS_JSON, mapper.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode snapshot(String type, JsonNode data) {
        if (type.startsWith("io.siamhub.incident.") && data.has("incident")) {
            return data.get("incident");
        }
        if (type.startsWith("io.siamhub.change.") && data.has("change")) {
            return data.get("change");
        }
        return data;
    }
}
