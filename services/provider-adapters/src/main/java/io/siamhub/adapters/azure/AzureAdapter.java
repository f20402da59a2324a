package io.siamhub.adapters.azure;

import static io.siamhub.adapters.core.JsonFields.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.JsonFields;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SenderCredentials;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * Azure Monitor action groups with the common alert schema
 * (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema): metric, log (v1 and
 * v2), activity log, Service Health (incident → ALERT, planned maintenance → MAINTENANCE with its
 * window) and Resource Health. Sev0–Sev4 map through the severity map; subscription and resource
 * group come from the target's resource id.
 * <p>
 * Fingerprints: {@code azure:<alertId>} for metric and log alerts (the same id when fired and
 * resolved); {@code azure:servicehealth:<subscription>:<trackingId>} for Service Health;
 * {@code azure:resourcehealth:<resource id>} for Resource Health.
 */
@ApplicationScoped
public class AzureAdapter implements ProviderAdapter {

    private final AzureConfig config;
    private final SeverityMap severities;

    AzureAdapter(AzureConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public List<String> endpoints() {
        return List.of("azure/monitor");
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        SenderCredentials.queryTokenOrBearerOrBasic(request, provider(), config.tokenList(), config.basicAuthList());
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        String schema = text(payload, "schemaId");
        if (!"azureMonitorCommonAlertSchema".equals(schema)) {
            throw new MappingFailure("unsupported", "schemaId " + schema
                    + " is not the common alert schema; enable it on the action group");
        }
        JsonNode essentials = payload.path("data").path("essentials");
        JsonNode context = payload.path("data").path("alertContext");
        if (text(essentials, "alertId") == null) {
            throw MappingFailure.missing("data.essentials.alertId");
        }
        String service = text(essentials, "monitoringService");
        if ("ServiceHealth".equalsIgnoreCase(service)) {
            return List.of(serviceHealth(essentials, context, webhook.receivedAt()));
        }
        if ("Resource Health".equalsIgnoreCase(service)) {
            return List.of(resourceHealth(essentials, context));
        }
        return List.of(alert(essentials, context));
    }

    /** Metric, log and activity-log alerts. */
    private Signal alert(JsonNode essentials, JsonNode context) {
        String target = essentials.path("alertTargetIDs").path(0).asText(null);
        ArmIds arm = ArmIds.parse(target);
        String condition = text(essentials, "monitorCondition");
        boolean resolved = "Resolved".equalsIgnoreCase(condition);
        Labels labels = commonLabels(essentials, arm);
        JsonNode criteria = context.path("condition").path("allOf").path(0);
        labels.add("conditionType", text(context, "conditionType"));
        labels.add("metricName", text(criteria, "metricName"));
        labels.add("searchQuery", text(criteria, "searchQuery"));
        labels.add("operationName", text(context, "operationName"));
        for (JsonNode dimension : criteria.path("dimensions")) {
            labels.add("dimension." + text(dimension, "name"), text(dimension, "value"));
        }
        String alertId = text(essentials, "alertId");
        String severity = text(essentials, "severity");
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(alertId)
                .fingerprint("azure:" + alertId)
                .status(resolved ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .providerStatus(condition)
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(text(essentials, "alertRule"))
                .description(text(essentials, "description"))
                .resource(new Resource(target, arm.type(),
                        TextParts.firstNonBlank(essentials.path("configurationItems").path(0).asText(null), arm.name()),
                        null, arm.subscription()))
                .labels(labels)
                .occurredAt(ProviderTimes.parse(resolved ? text(essentials, "resolvedDateTime") : text(essentials, "firedDateTime")))
                .endsAt(ProviderTimes.parse(text(essentials, "resolvedDateTime")))
                .link(TextParts.firstNonBlank(text(criteria, "linkToSearchResultsUI"), portalLink(alertId)))
                .build();
    }

    /**
     * Service Health: resolution is in {@code properties.stage} / {@code status}, never in
     * {@code monitorCondition} (always Fired for activity-log alerts).
     */
    private Signal serviceHealth(JsonNode essentials, JsonNode context, Instant receivedAt) {
        JsonNode properties = context.path("properties");
        ArmIds arm = ArmIds.parse(essentials.path("alertTargetIDs").path(0).asText(null));
        String incidentType = TextParts.firstNonBlank(text(properties, "incidentType"), "Incident");
        String stage = TextParts.firstNonBlank(text(properties, "stage"), text(context, "status"));
        String trackingId = TextParts.firstNonBlank(text(properties, "trackingId"), text(essentials, "alertId"));
        boolean maintenance = incidentType.equalsIgnoreCase("Maintenance");
        Instant start = ProviderTimes.parse(text(properties, "impactStartTime"));
        Instant end = ProviderTimes.parse(text(properties, "impactMitigationTime"));
        Labels labels = commonLabels(essentials, arm);
        labels.put("incidentType", incidentType);
        labels.add("stage", stage);
        labels.add("communicationId", text(properties, "communicationId"));
        labels.add("maintenanceId", text(properties, "maintenanceId"));
        labels.add("impactedRegions", impactedRegions(properties));
        labels.add("isSynthetic", text(properties, "IsSynthetic"));
        String severity = text(essentials, "severity");
        return Signal.builder()
                .kind(maintenance ? SignalKind.MAINTENANCE : SignalKind.ALERT)
                .providerRef(trackingId)
                .fingerprint("azure:servicehealth:" + arm.subscription() + ":" + trackingId)
                .status(maintenance ? maintenanceStatus(stage, start, end, receivedAt) : healthStatus(stage))
                .providerStatus(stage)
                .severity(incidentType.equalsIgnoreCase("Informational") ? Severity.INFO : severities.of(severity))
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

    /** Resource Health: the current health status says whether the resource is back. */
    private Signal resourceHealth(JsonNode essentials, JsonNode context) {
        JsonNode properties = context.path("properties");
        String target = essentials.path("alertTargetIDs").path(0).asText(null);
        ArmIds arm = ArmIds.parse(target);
        String current = text(properties, "currentHealthStatus");
        Labels labels = commonLabels(essentials, arm);
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
                .link(portalLink(text(essentials, "alertId")))
                .build();
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

    private static Labels commonLabels(JsonNode essentials, ArmIds arm) {
        Labels labels = new Labels();
        labels.add("alertRule", text(essentials, "alertRule"));
        labels.add("signalType", text(essentials, "signalType"));
        labels.add("monitoringService", text(essentials, "monitoringService"));
        labels.add("resourceGroup", arm.resourceGroup());
        labels.add("originAlertId", text(essentials, "originAlertId"));
        return labels;
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

    private static String portalLink(String alertId) {
        return alertId == null ? null : "https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/AlertDetails.ReactView/alertId/"
                + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
    }
}
