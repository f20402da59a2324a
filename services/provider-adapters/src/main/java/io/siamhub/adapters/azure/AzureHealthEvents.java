package io.siamhub.adapters.azure;

import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.JsonFields;
import io.siamhub.adapters.core.Labels;
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
 * Service Health and Resource Health, activity-log alerts whose state is in {@code alertContext.properties},
 * never in {@code monitorCondition} (always Fired for activity-log alerts)
 * (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-payload-samples).
 * <ul>
 * <li>Service Health: incident → ALERT, maintenance → MAINTENANCE with its window; fingerprint
 * {@code azure:servicehealth:<subscription>:<trackingId>}: one Azure event affects many subscriptions,
 * and each one's alert resolves on its own. A test notification ({@code IsSynthetic: True}) is ignored.</li>
 * <li>Resource Health: fingerprint {@code azure:resourcehealth:<resource id>}, as every health change of
 * a resource arrives as a new alert instance; Available resolves it.</li>
 * </ul>
 */
final class AzureHealthEvents {

    private final SeverityMap severities;

    AzureHealthEvents(SeverityMap severities) {
        this.severities = severities;
    }

    Signal serviceHealth(JsonNode essentials, JsonNode context, Instant receivedAt) {
        JsonNode properties = context.path("properties");
        // the action group's "test" sends a documented sample marked synthetic: never an incident
        if ("true".equalsIgnoreCase(text(properties, "IsSynthetic"))) {
            throw new IgnoredEvent(IgnoredEvent.Reason.TEST, "Service Health test notification (IsSynthetic: True), tracking id "
                    + text(properties, "trackingId"));
        }
        ArmIds arm = ArmIds.parse(essentials.path("alertTargetIDs").path(0).asText(null));
        String incidentType = TextParts.firstNonBlank(text(properties, "incidentType"), "Incident");
        String stage = TextParts.firstNonBlank(text(properties, "stage"), text(context, "status"));
        String trackingId = TextParts.firstNonBlank(text(properties, "trackingId"), text(essentials, "alertId"));
        boolean maintenance = incidentType.equalsIgnoreCase("Maintenance");
        Instant start = ProviderTimes.parse(text(properties, "impactStartTime"));
        Instant end = ProviderTimes.parse(text(properties, "impactMitigationTime"));
        Labels labels = AzureAdapter.commonLabels(essentials, arm);
        labels.put("incidentType", incidentType);
        labels.add("stage", stage);
        labels.add("communicationId", text(properties, "communicationId"));
        labels.add("maintenanceId", text(properties, "maintenanceId"));
        labels.add("impactedRegions", impactedRegions(properties));
        labels.add("isHIR", text(properties, "isHIR"));
        String severity = text(essentials, "severity");
        return Signal.builder()
                .kind(maintenance ? SignalKind.MAINTENANCE : SignalKind.ALERT)
                .providerRef(trackingId)
                .fingerprint("azure:servicehealth:" + arm.subscription() + ":" + trackingId)
                .status(maintenance ? maintenanceStatus(stage, start, end, receivedAt) : healthStatus(stage))
                .providerStatus(stage)
                .severity(isInformational(incidentType) ? Severity.INFO : severities.of(severity))
                .providerSeverity(severity)
                .title(TextParts.firstNonBlank(text(properties, "title"), text(properties, "defaultLanguageTitle"),
                        text(essentials, "alertRule")))
                .description(plainText(TextParts.firstNonBlank(text(properties, "communication"),
                        text(properties, "defaultLanguageContent"))))
                .resource(new Resource(essentials.path("alertTargetIDs").path(0).asText(null), "Microsoft.ServiceHealth",
                        text(properties, "service"), ArmIds.regionCode(text(properties, "region")), arm.subscription()))
                .service(text(properties, "service"))
                .labels(labels)
                // a maintenance notice happened when it was announced; an incident when its impact began
                .occurredAt(!maintenance && start != null ? start : ProviderTimes.parse(TextParts.firstNonBlank(
                        text(context, "eventTimestamp"), text(essentials, "firedDateTime"))))
                .endsAt(end)
                .window(maintenance && start != null ? new TimeWindow(start, end) : null)
                .link("https://app.azure.com/h/" + trackingId)
                .build();
    }

    Signal resourceHealth(JsonNode essentials, JsonNode context) {
        JsonNode properties = context.path("properties");
        String target = essentials.path("alertTargetIDs").path(0).asText(null);
        ArmIds arm = ArmIds.parse(target);
        String current = text(properties, "currentHealthStatus");
        Labels labels = AzureAdapter.commonLabels(essentials, arm);
        labels.add("previousHealthStatus", text(properties, "previousHealthStatus"));
        labels.add("cause", text(properties, "cause"));
        labels.add("type", text(properties, "type"));
        String severity = text(essentials, "severity");
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(text(essentials, "alertId"))
                .fingerprint("azure:resourcehealth:" + (target == null ? text(essentials, "alertId") : target.toLowerCase(Locale.ROOT)))
                .status("Available".equalsIgnoreCase(current) ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .providerStatus(current)
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(TextParts.firstNonBlank(text(properties, "title"),
                        TextParts.join(": ", arm.name(), current), text(essentials, "alertRule")))
                .description(TextParts.firstNonBlank(text(properties, "details"), text(essentials, "description")))
                .resource(new Resource(target, arm.type(), arm.name(), null, arm.subscription()))
                .labels(labels)
                .occurredAt(ProviderTimes.parse(TextParts.firstNonBlank(text(context, "eventTimestamp"),
                        text(essentials, "firedDateTime"))))
                .link(AzureAdapter.portalLink(text(essentials, "alertId")))
                .build();
    }

    /** An Informational notice carries no outage of its own. */
    private static boolean isInformational(String incidentType) {
        return incidentType.equalsIgnoreCase("Informational");
    }

    private static SignalStatus healthStatus(String stage) {
        return stage != null && (stage.equalsIgnoreCase("Resolved") || stage.equalsIgnoreCase("RCA")
                || stage.equalsIgnoreCase("Complete")) ? SignalStatus.RESOLVED : SignalStatus.FIRING;
    }

    private static SignalStatus maintenanceStatus(String stage, Instant start, Instant end, Instant now) {
        String value = stage == null ? "" : stage.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "planned" -> SignalStatus.SCHEDULED;
            case "active", "inprogress", "in progress" -> SignalStatus.STARTED;
            case "complete", "completed", "resolved" -> SignalStatus.COMPLETED;
            case "canceled", "cancelled" -> SignalStatus.CANCELLED;
            default -> start != null && now.isBefore(start) ? SignalStatus.SCHEDULED
                    : end != null && !now.isBefore(end) ? SignalStatus.COMPLETED : SignalStatus.STARTED;
        };
    }

    /** {@code impactedServices} is JSON inside a string: {@code [{"ImpactedRegions":[{"RegionName":..}],"ServiceName":..}]}. */
    private static String impactedRegions(JsonNode properties) {
        JsonNode services = JsonFields.embedded(properties, "impactedServices");
        StringBuilder regions = new StringBuilder();
        for (JsonNode service : services) {
            for (JsonNode region : service.path("ImpactedRegions")) {
                String name = text(region, "RegionName");
                if (name != null) {
                    regions.append(regions.length() == 0 ? "" : ",").append(ArmIds.regionCode(name));
                }
            }
        }
        return regions.length() == 0 ? null : regions.toString();
    }

    /** Service Health communications are HTML; incidents want text. */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        String text = html.replaceAll("(?i)<br\\s*/?>|</p>", "\n").replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n").trim();
        return text.isEmpty() ? null : text;
    }
}
