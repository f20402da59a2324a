package io.siamhub.adapters.aws;

import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * AWS Health events, from EventBridge or wrapped in SNS
 * (https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html):
 * {@code issue} and {@code investigation} → ALERT, {@code scheduledChange} → MAINTENANCE with its
 * window, {@code accountNotification} → an INFO alert.
 * <p>
 * Fingerprint: {@code aws:health:<affected account>:<eventArn>}. The event ARN is stable across the
 * updates of one event (the EventBridge id changes per notification) but not unique to an account:
 * one public or organisation-wide event reaches many accounts, and each one's alert resolves on its
 * own. The affected account is {@code detail.affectedAccount} in an organizational view (where the
 * event's {@code account} is the management or delegated administrator account that received it),
 * else {@code account}. Every affected entity is kept in the labels, the first is the resource.
 */
final class AwsHealthEvents {

    private final SeverityMap severities;

    AwsHealthEvents(SeverityMap severities) {
        this.severities = severities;
    }

    Signal map(JsonNode event, Instant receivedAt) {
        JsonNode detail = event.path("detail");
        String eventArn = text(detail, "eventArn");
        String category = text(detail, "eventTypeCategory");
        if (eventArn == null || category == null) {
            throw MappingFailure.missing(eventArn == null ? "detail.eventArn" : "detail.eventTypeCategory");
        }
        String account = TextParts.firstNonBlank(text(detail, "affectedAccount"), text(event, "account"), Arns.account(eventArn));
        String region = TextParts.firstNonBlank(text(detail, "eventRegion"), text(event, "region"), Arns.region(eventArn));
        Instant start = ProviderTimes.parse(text(detail, "startTime"));
        Instant end = ProviderTimes.parse(text(detail, "endTime"));
        String statusCode = text(detail, "statusCode");
        SignalKind kind = category.equals("scheduledChange") ? SignalKind.MAINTENANCE : SignalKind.ALERT;
        Severity severity = category.equals("accountNotification") ? Severity.INFO : severities.of(category);

        Labels labels = new Labels();
        labels.put("eventTypeCategory", category);
        labels.add("eventTypeCode", text(detail, "eventTypeCode"));
        labels.add("statusCode", statusCode);
        labels.add("communicationId", text(detail, "communicationId"));
        labels.add("eventScopeCode", text(detail, "eventScopeCode"));
        labels.add("receivedBy", java.util.Objects.equals(account, text(event, "account")) ? null : text(event, "account"));
        labels.add("affectedEntities", entities(detail.path("affectedEntities")));

        String entity = TextParts.firstNonBlank(text(detail.path("affectedEntities").path(0), "entityValue"),
                event.path("resources").path(0).isTextual() ? event.path("resources").get(0).asText() : null);
        return Signal.builder()
                .kind(kind)
                .providerRef(eventArn)
                .fingerprint("aws:health:" + account + ":" + eventArn)
                .status(kind == SignalKind.MAINTENANCE ? maintenance(statusCode, start, end, receivedAt)
                        : alert(statusCode, end, receivedAt))
                .providerStatus(statusCode)
                .severity(severity)
                .providerSeverity(category)
                .title(TextParts.join(": ", text(detail, "service"), text(detail, "eventTypeCode")))
                .description(text(detail.path("eventDescription").path(0), "latestDescription"))
                .resource(entity == null ? null : new Resource(entity, "AWS::Health::AffectedEntity", entity, region, account))
                .service(text(detail, "service"))
                .labels(labels)
                // a maintenance notice happened when it was announced; an issue when it began
                .occurredAt(kind == SignalKind.ALERT && start != null ? start : ProviderTimes.parse(text(event, "time")))
                .endsAt(end)
                .window(kind == SignalKind.MAINTENANCE && start != null ? new TimeWindow(start, end) : null)
                .link("https://health.aws.amazon.com/health/home#/account/event-log?eventID=" + eventArn)
                .build();
    }

    private static String entities(JsonNode affected) {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode entity : affected) {
            String value = text(entity, "entityValue");
            if (value != null) {
                values.add(value);
            }
        }
        return values.size() < 2 ? null : String.join(",", values);
    }

    /** {@code statusCode} when the event has it (newer schema), else the window against the time received. */
    private static SignalStatus maintenance(String statusCode, Instant start, Instant end, Instant now) {
        if (statusCode != null) {
            return switch (statusCode.toLowerCase(Locale.ROOT)) {
                case "upcoming" -> SignalStatus.SCHEDULED;
                case "open" -> SignalStatus.STARTED;
                case "closed" -> SignalStatus.COMPLETED;
                default -> throw new MappingFailure("unsupported", "AWS Health statusCode " + statusCode);
            };
        }
        if (start != null && now.isBefore(start)) {
            return SignalStatus.SCHEDULED;
        }
        return end != null && !now.isBefore(end) ? SignalStatus.COMPLETED : SignalStatus.STARTED;
    }

    private static SignalStatus alert(String statusCode, Instant end, Instant now) {
        if (statusCode != null) {
            return statusCode.equalsIgnoreCase("closed") ? SignalStatus.RESOLVED : SignalStatus.FIRING;
        }
        return end != null && !now.isBefore(end) ? SignalStatus.RESOLVED : SignalStatus.FIRING;
    }
}
