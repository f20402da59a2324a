package io.siamhub.adapters.aws;

import static io.siamhub.adapters.core.JsonFields.text;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SNS HTTP/S message envelope (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
 * {@code Message} is a string; for CloudWatch alarms and EventBridge events it holds JSON.
 */
record SnsEnvelope(
        String type,
        String messageId,
        String token,
        String topicArn,
        String subject,
        String message,
        String timestamp,
        String signatureVersion,
        String signature,
        String signingCertUrl,
        String subscribeUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";
    static final Set<String> TYPES = Set.of(NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION);

    static SnsEnvelope of(JsonNode json) {
        return new SnsEnvelope(text(json, "Type"), text(json, "MessageId"), text(json, "Token"), text(json, "TopicArn"),
                text(json, "Subject"), json.path("Message").isTextual() ? json.get("Message").asText() : text(json, "Message"),
                text(json, "Timestamp"), text(json, "SignatureVersion"), text(json, "Signature"),
                text(json, "SigningCertURL"), text(json, "SubscribeURL"));
    }

    /**
     * The string AWS signs: name/value lines in byte order of the names; {@code Subject} only when
     * present (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html).
     */
    String canonical() {
        StringBuilder out = new StringBuilder();
        line(out, "Message", message);
        line(out, "MessageId", messageId);
        if (NOTIFICATION.equals(type)) {
            if (subject != null) {
                line(out, "Subject", subject);
            }
        } else {
            line(out, "SubscribeURL", subscribeUrl);
        }
        line(out, "Timestamp", timestamp);
        if (!NOTIFICATION.equals(type)) {
            line(out, "Token", token);
        }
        line(out, "TopicArn", topicArn);
        line(out, "Type", type);
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append('\n').append(value == null ? "" : value).append('\n');
    }
}
